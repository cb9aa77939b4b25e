package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer in Anthropic Messages form: a {@code Message}, or named SSE events.
 *
 * <p>Stream events, as faults count them: {@code message_start}; then one event per text token (a
 * {@code content_block_delta}, the first preceded by {@code content_block_start} and a {@code
 * ping}), then {@code content_block_stop}; or one event per tool call ({@code
 * content_block_start} of a {@code tool_use}, {@code input_json_delta} pieces of at most four
 * characters, the first empty, and {@code content_block_stop}); then {@code message_delta}; then
 * {@code message_stop}. Nothing follows {@code message_stop}.
 *
 * <p>Not thread-safe; built and used for one answer on one event loop.
 */
final class AnthropicAnswer implements AnswerFormat {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ChatRequest chat;
  private final Answer answer;
  private final String id;
  private final List<String> callIds = new ArrayList<>();

  AnthropicAnswer(ProviderState provider, ChatRequest chat, Answer answer) {
    this.chat = chat;
    this.answer = answer;
    this.id = "msg_sim_" + provider.nextAnswerNumber();
    for (int i = 0; i < answer.calls().size(); i++) {
      callIds.add("toolu_sim_" + provider.nextToolCallNumber());
    }
  }

  @Override
  public JsonNode whole() {
    ObjectNode message = message();
    ArrayNode content = message.putArray("content");
    if (answer.isToolCalls()) {
      for (int i = 0; i < answer.calls().size(); i++) {
        ObjectNode block = toolUse(i);
        block.set("input", answer.calls().get(i).arguments().deepCopy());
        content.add(block);
      }
    } else {
      content.add(textBlock(answer.content()));
    }
    message.put("stop_reason", stopReason());
    putNullable(message, "stop_sequence", answer.stopSequence());
    message.set("usage", usage(answer.outputTokens()));
    return message;
  }

  @Override
  public String wholeContentType() {
    return "application/json";
  }

  @Override
  public String streamContentType() {
    return "text/event-stream";
  }

  @Override
  public List<String> events() {
    List<String> events = new ArrayList<>();
    ObjectNode start = event("message_start");
    ObjectNode message = message();
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    // The real API reports one output token at the start; message_delta carries the final count.
    message.set("usage", usage(1));
    start.set("message", message);
    events.add(frame(start));

    if (answer.isToolCalls()) {
      for (int i = 0; i < answer.calls().size(); i++) {
        events.add(toolCallEvent(i));
      }
    } else {
      String opening = blockStart(0, textBlock(""), true);
      List<String> tokens = answer.tokens();
      for (int i = 0; i < tokens.size(); i++) {
        ObjectNode delta = NODES.objectNode();
        delta.put("type", "text_delta");
        delta.put("text", tokens.get(i));
        String frame = blockDelta(0, delta);
        events.add(i == 0 ? opening + frame : frame);
      }
      String stop = blockStop(0);
      events.add(tokens.isEmpty() ? opening + stop : stop);
    }

    ObjectNode messageDelta = event("message_delta");
    ObjectNode delta = messageDelta.putObject("delta");
    delta.put("stop_reason", stopReason());
    putNullable(delta, "stop_sequence", answer.stopSequence());
    // Usage in message_delta is cumulative.
    messageDelta.set("usage", usage(answer.outputTokens()));
    events.add(frame(messageDelta));
    events.add(frame(event("message_stop")));
    return events;
  }

  private String toolCallEvent(int index) {
    ObjectNode block = toolUse(index);
    block.putObject("input");
    StringBuilder sb = new StringBuilder(blockStart(index, block, index == 0));
    List<String> pieces = new ArrayList<>();
    // The real API's first input_json_delta is often empty; clients must cope with it.
    pieces.add("");
    pieces.addAll(Answer.fragments(answer.calls().get(index).argumentsJson(), OpenAiAnswer.ARGUMENT_PIECE));
    for (String piece : pieces) {
      ObjectNode delta = NODES.objectNode();
      delta.put("type", "input_json_delta");
      delta.put("partial_json", piece);
      sb.append(blockDelta(index, delta));
    }
    return sb.append(blockStop(index)).toString();
  }

  @Override
  public String end(int sent) {
    return "";
  }

  @Override
  public String malformed() {
    return "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\n\n";
  }

  @Override
  public String errorEvent(int sent) {
    return "event: error\ndata: " + Json.write(AnthropicErrors.streamError()) + "\n\n";
  }

  private ObjectNode message() {
    ObjectNode message = NODES.objectNode();
    message.put("id", id);
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", chat.model());
    return message;
  }

  private ObjectNode toolUse(int index) {
    ObjectNode block = NODES.objectNode();
    block.put("type", "tool_use");
    block.put("id", callIds.get(index));
    block.put("name", answer.calls().get(index).name());
    return block;
  }

  private static ObjectNode textBlock(String text) {
    ObjectNode block = NODES.objectNode();
    block.put("type", "text");
    block.put("text", text);
    return block;
  }

  private String stopReason() {
    switch (answer.stop()) {
      case MAX_TOKENS:
        return "max_tokens";
      case STOP_SEQUENCE:
        return "stop_sequence";
      case TOOL_CALLS:
        return "tool_use";
      default:
        return "end_turn";
    }
  }

  private ObjectNode usage(int outputTokens) {
    ObjectNode usage = NODES.objectNode();
    usage.put("input_tokens", chat.promptTokens());
    usage.put("cache_creation_input_tokens", 0);
    usage.put("cache_read_input_tokens", 0);
    usage.put("output_tokens", outputTokens);
    return usage;
  }

  /** {@code content_block_start}, followed by a {@code ping} when {@code ping} is set. */
  private static String blockStart(int index, ObjectNode block, boolean ping) {
    ObjectNode e = event("content_block_start");
    e.put("index", index);
    e.set("content_block", block);
    return frame(e) + (ping ? frame(event("ping")) : "");
  }

  private static String blockDelta(int index, ObjectNode delta) {
    ObjectNode e = event("content_block_delta");
    e.put("index", index);
    e.set("delta", delta);
    return frame(e);
  }

  private static String blockStop(int index) {
    ObjectNode e = event("content_block_stop");
    e.put("index", index);
    return frame(e);
  }

  private static ObjectNode event(String type) {
    ObjectNode e = NODES.objectNode();
    e.put("type", type);
    return e;
  }

  /** {@code event: <type>} then the data line, as the Messages API names every event. */
  static String frame(ObjectNode event) {
    return "event: " + event.path("type").asText() + "\ndata: " + Json.write(event) + "\n\n";
  }

  private static void putNullable(ObjectNode node, String field, String value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }
}
