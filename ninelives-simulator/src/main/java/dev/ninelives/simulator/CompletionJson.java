package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds the JSON of one answer, whole or as stream chunks, in a dialect's shape. One instance per
 * answer, so every chunk shares id, created and model. Not thread-safe; used on one event loop.
 */
final class CompletionJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Dialect dialect;
  private final String id;
  private final long created;
  private final String model;
  private final boolean usageInChunks;

  CompletionJson(Dialect dialect, String id, long created, String model, boolean usageInChunks) {
    this.dialect = dialect;
    this.id = id;
    this.created = created;
    this.model = model;
    this.usageInChunks = usageInChunks;
  }

  /**
   * A whole {@code chat.completion}. With calls, {@code content} is null and the message carries
   * {@code tool_calls} with the given ids; {@code stopSequence} is the matched stop string, which
   * vLLM reports as the choice's {@code stop_reason}.
   */
  ObjectNode completion(String content, List<Answer.ToolCall> calls, List<String> callIds, String finishReason,
      String stopSequence, int promptTokens, int completionTokens) {
    ObjectNode root = header("chat.completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (calls.isEmpty()) {
      message.put("content", content);
    } else {
      message.putNull("content");
    }
    message.putNull("refusal");
    if (!calls.isEmpty()) {
      ArrayNode toolCalls = message.putArray("tool_calls");
      for (int i = 0; i < calls.size(); i++) {
        ObjectNode call = toolCalls.addObject();
        call.put("id", callIds.get(i));
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", calls.get(i).name());
        function.put("arguments", calls.get(i).argumentsJson());
      }
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    choiceExtras(choice, true, stopSequence);
    root.set("usage", usage(promptTokens, completionTokens));
    trailer(root);
    if (dialect == Dialect.AZURE) {
      ArrayNode filters = root.putArray("prompt_filter_results");
      ObjectNode f = filters.addObject();
      f.put("prompt_index", 0);
      safeFilterResults(f.putObject("content_filter_results"));
    }
    return root;
  }

  /** Azure's first stream chunk: no choices, only the prompt's filter results. */
  ObjectNode azurePreamble() {
    ObjectNode root = NODES.objectNode();
    root.putArray("choices");
    root.put("created", 0);
    root.put("id", "");
    root.put("model", "");
    root.put("object", "");
    ObjectNode f = root.putArray("prompt_filter_results").addObject();
    f.put("prompt_index", 0);
    f.putObject("content_filter_results");
    return root;
  }

  /**
   * Event 1: {@code delta: {role: assistant, content: ""}}; before tool calls OpenAI sends {@code
   * content: null} instead.
   */
  ObjectNode roleChunk(boolean nullContent) {
    ObjectNode delta = NODES.objectNode();
    delta.put("role", "assistant");
    if (nullContent) {
      delta.putNull("content");
    } else {
      delta.put("content", "");
    }
    return chunk(delta, null, false, null);
  }

  /**
   * The first chunk of a tool call: index, id, type, name and {@code arguments} (empty when the
   * arguments follow in pieces).
   */
  ObjectNode toolCallStart(int index, String callId, String name, String arguments) {
    ObjectNode call = NODES.objectNode();
    call.put("index", index);
    call.put("id", callId);
    call.put("type", "function");
    ObjectNode function = call.putObject("function");
    function.put("name", name);
    function.put("arguments", arguments);
    return toolCallChunk(call);
  }

  /** A later chunk of a tool call: only the index and a piece of the arguments. */
  ObjectNode toolCallArguments(int index, String piece) {
    ObjectNode call = NODES.objectNode();
    call.put("index", index);
    call.putObject("function").put("arguments", piece);
    return toolCallChunk(call);
  }

  private ObjectNode toolCallChunk(ObjectNode call) {
    ObjectNode delta = NODES.objectNode();
    delta.putArray("tool_calls").add(call);
    return chunk(delta, null, false, null);
  }

  ObjectNode contentChunk(String token) {
    ObjectNode delta = NODES.objectNode();
    delta.put("content", token);
    return chunk(delta, null, true, null);
  }

  /** The last choice chunk; {@code stopSequence} as for {@link #completion}. */
  ObjectNode finishChunk(String finishReason, String stopSequence) {
    return chunk(NODES.objectNode(), finishReason, false, stopSequence);
  }

  /** The {@code include_usage} chunk: no choices, full usage. */
  ObjectNode usageChunk(int promptTokens, int completionTokens) {
    ObjectNode root = header("chat.completion.chunk");
    root.putArray("choices");
    trailer(root);
    root.set("usage", usage(promptTokens, completionTokens));
    return root;
  }

  private ObjectNode chunk(ObjectNode delta, String finishReason, boolean filtered, String stopSequence) {
    ObjectNode root = header("chat.completion.chunk");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    choiceExtras(choice, filtered, stopSequence);
    trailer(root);
    if (usageInChunks) {
      root.putNull("usage");
    }
    return root;
  }

  private ObjectNode header(String object) {
    ObjectNode root = NODES.objectNode();
    root.put("id", id);
    root.put("object", object);
    root.put("created", created);
    root.put("model", model);
    return root;
  }

  private void trailer(ObjectNode root) {
    root.put("system_fingerprint", dialect == Dialect.OLLAMA ? "fp_ollama" : "fp_sim");
    if (dialect == Dialect.OPENAI) {
      root.put("service_tier", "default");
    }
  }

  private void choiceExtras(ObjectNode choice, boolean filtered, String stopSequence) {
    if (dialect == Dialect.VLLM) {
      // vLLM names the stop string that ended the answer; null for an end of sequence or a limit.
      if (stopSequence == null) {
        choice.putNull("stop_reason");
      } else {
        choice.put("stop_reason", stopSequence);
      }
    } else if (dialect == Dialect.AZURE) {
      ObjectNode results = choice.putObject("content_filter_results");
      if (filtered) {
        safeFilterResults(results);
      }
    }
  }

  private static void safeFilterResults(ObjectNode results) {
    for (String category : new String[] {"hate", "self_harm", "sexual", "violence"}) {
      ObjectNode c = results.putObject(category);
      c.put("filtered", false);
      c.put("severity", "safe");
    }
  }

  private static ObjectNode usage(int promptTokens, int completionTokens) {
    ObjectNode usage = NODES.objectNode();
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", promptTokens + completionTokens);
    return usage;
  }
}
