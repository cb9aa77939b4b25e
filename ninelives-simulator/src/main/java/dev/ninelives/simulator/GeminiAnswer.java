package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer in Gemini form: a {@code GenerateContentResponse}, or a stream of them.
 *
 * <p>Stream events, each one whole {@code GenerateContentResponse}: a first chunk with an empty
 * text part (so that, as in every dialect, event 1 carries no content), one chunk per text token
 * or per function call (a call comes whole, never in pieces), and a last chunk with an empty text
 * part, {@code finishReason} and the final usage. Every chunk carries the usage so far. With
 * {@code alt=sse} each chunk is a {@code data:} line ended by CRLF CRLF, as Google's servers write
 * them, and nothing follows the last (no {@code [DONE]}); without it the chunks are the elements of
 * one JSON array written piece by piece.
 *
 * <p>Not thread-safe; built and used for one answer on one event loop.
 */
final class GeminiAnswer implements AnswerFormat {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final String JSON = "application/json; charset=UTF-8";

  private final ChatRequest chat;
  private final Answer answer;
  private final boolean sse;
  private final String responseId;

  GeminiAnswer(ProviderState provider, ChatRequest chat, Answer answer, boolean sse) {
    this.chat = chat;
    this.answer = answer;
    this.sse = sse;
    this.responseId = "resp_sim_" + provider.nextAnswerNumber();
  }

  @Override
  public JsonNode whole() {
    ArrayNode parts = NODES.arrayNode();
    if (answer.isToolCalls()) {
      for (Answer.ToolCall call : answer.calls()) {
        parts.add(functionCall(call));
      }
    } else {
      parts.add(text(answer.content()));
    }
    return response(parts, true, answer.outputTokens());
  }

  @Override
  public String wholeContentType() {
    return JSON;
  }

  @Override
  public String streamContentType() {
    return sse ? "text/event-stream" : JSON;
  }

  @Override
  public List<String> events() {
    List<ObjectNode> chunks = new ArrayList<>();
    chunks.add(response(parts(text("")), false, 0));
    int produced = 0;
    for (String token : answer.tokens()) {
      chunks.add(response(parts(text(token)), false, ++produced));
    }
    for (Answer.ToolCall call : answer.calls()) {
      chunks.add(response(parts(functionCall(call)), false, produced));
    }
    chunks.add(response(parts(text("")), true, answer.outputTokens()));
    List<String> events = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      events.add(frame(i, chunks.get(i)));
    }
    return events;
  }

  @Override
  public String end(int sent) {
    if (sse) {
      return "";
    }
    return sent == 0 ? "[]" : "]";
  }

  @Override
  public String malformed() {
    return sse ? "data: {\"candidates\":[{\r\n\r\n" : "[{\"candidates\":[{";
  }

  @Override
  public String errorEvent(int sent) {
    String error = frame(sent, GeminiErrors.streamError());
    return sse ? error : error + "]";
  }

  private String frame(int index, ObjectNode chunk) {
    if (sse) {
      return "data: " + Json.write(chunk) + "\r\n\r\n";
    }
    return (index == 0 ? "[" : ",\r\n") + Json.write(chunk);
  }

  private ObjectNode response(ArrayNode parts, boolean last, int candidateTokens) {
    ObjectNode root = NODES.objectNode();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.set("parts", parts);
    content.put("role", "model");
    if (last) {
      // A stop sequence and a function call both finish with STOP; only the limit differs.
      candidate.put("finishReason", answer.stop() == Answer.Stop.MAX_TOKENS ? "MAX_TOKENS" : "STOP");
    }
    candidate.put("index", 0);
    ObjectNode usage = root.putObject("usageMetadata");
    usage.put("promptTokenCount", chat.promptTokens());
    // Proto3 JSON leaves zero counts out, and so does Gemini, except in the final usage.
    if (candidateTokens > 0 || last) {
      usage.put("candidatesTokenCount", candidateTokens);
    }
    usage.put("totalTokenCount", chat.promptTokens() + candidateTokens);
    root.put("modelVersion", chat.model());
    root.put("responseId", responseId);
    return root;
  }

  private static ArrayNode parts(ObjectNode part) {
    ArrayNode parts = NODES.arrayNode();
    parts.add(part);
    return parts;
  }

  private static ObjectNode text(String text) {
    ObjectNode part = NODES.objectNode();
    part.put("text", text);
    return part;
  }

  private static ObjectNode functionCall(Answer.ToolCall call) {
    ObjectNode part = NODES.objectNode();
    ObjectNode fc = part.putObject("functionCall");
    fc.put("name", call.name());
    fc.set("args", call.arguments().deepCopy());
    return part;
  }
}
