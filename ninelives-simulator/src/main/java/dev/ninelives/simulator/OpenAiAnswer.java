package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer in Chat Completions form, for the five OpenAI-family dialects.
 *
 * <p>Stream events: the role chunk (with Azure's prompt-filter chunk written just before it), one
 * chunk per content token or one group of chunks per tool call, the finish chunk, and the usage
 * chunk if asked for; then {@code data: [DONE]}. A tool call's group is its first chunk (index,
 * id, type, name, {@code arguments: ""}) and then its arguments in pieces of at most four
 * characters; Ollama sends each call whole in one chunk instead, as the real server does.
 *
 * <p>Not thread-safe; built and used for one answer on one event loop.
 */
final class OpenAiAnswer implements AnswerFormat {
  private static final String DONE = "data: [DONE]\n\n";
  /** The longest piece of tool-call arguments in one stream chunk. */
  static final int ARGUMENT_PIECE = 4;

  private final ProviderState provider;
  private final ChatRequest chat;
  private final Answer answer;
  private final CompletionJson json;
  private final List<String> callIds = new ArrayList<>();

  OpenAiAnswer(ProviderState provider, ChatRequest chat, Answer answer) {
    this.provider = provider;
    this.chat = chat;
    this.answer = answer;
    this.json = new CompletionJson(provider.dialect, "chatcmpl-sim-" + provider.nextAnswerNumber(),
        System.currentTimeMillis() / 1000, chat.model(), chat.stream() && chat.includeUsage());
    for (int i = 0; i < answer.calls().size(); i++) {
      callIds.add("call_sim_" + provider.nextToolCallNumber());
    }
  }

  @Override
  public JsonNode whole() {
    return json.completion(answer.content(), answer.calls(), callIds, answer.finishReason(), answer.stopSequence(),
        chat.promptTokens(), answer.outputTokens());
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
    String role = AnswerFormat.data(json.roleChunk(answer.isToolCalls()));
    // Azure's prompt-filter chunk is not an event of its own; it rides along with event 1.
    events.add(provider.dialect == Dialect.AZURE ? AnswerFormat.data(json.azurePreamble()) + role : role);
    for (String token : answer.tokens()) {
      events.add(AnswerFormat.data(json.contentChunk(token)));
    }
    for (int i = 0; i < answer.calls().size(); i++) {
      events.add(toolCall(i));
    }
    events.add(AnswerFormat.data(json.finishChunk(answer.finishReason(), answer.stopSequence())));
    if (chat.includeUsage()) {
      events.add(AnswerFormat.data(json.usageChunk(chat.promptTokens(), answer.outputTokens())));
    }
    return events;
  }

  private String toolCall(int index) {
    Answer.ToolCall call = answer.calls().get(index);
    String arguments = call.argumentsJson();
    if (provider.dialect == Dialect.OLLAMA) {
      return AnswerFormat.data(json.toolCallStart(index, callIds.get(index), call.name(), arguments));
    }
    StringBuilder sb = new StringBuilder(AnswerFormat.data(json.toolCallStart(index, callIds.get(index), call.name(), "")));
    for (String piece : Answer.fragments(arguments, ARGUMENT_PIECE)) {
      sb.append(AnswerFormat.data(json.toolCallArguments(index, piece)));
    }
    return sb.toString();
  }

  @Override
  public String end(int sent) {
    return DONE;
  }

  @Override
  public String malformed() {
    return "data: {\"choices\":[{\n\n";
  }

  @Override
  public String errorEvent(int sent) {
    // Real vLLM still terminates the stream properly after reporting the error.
    String tail = provider.dialect == Dialect.VLLM ? DONE : "";
    return AnswerFormat.data(provider.errors.streamError()) + tail;
  }
}
