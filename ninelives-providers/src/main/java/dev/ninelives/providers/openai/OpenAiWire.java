package dev.ninelives.providers.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.Usage;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pieces of the Chat Completions format shared by the codecs of this package: usage objects,
 * finish reasons, answer ids and raw JSON values. Stateless and thread-safe.
 */
final class OpenAiWire {
  static final String CHAT_COMPLETION_ID_PREFIX = "chatcmpl-";

  private OpenAiWire() {}

  /**
   * Reads an OpenAI usage object, the parser on its START_OBJECT. Counts the upstream left out
   * stay -1; cache writes are an Anthropic notion and are always unknown here.
   */
  static Usage readUsage(JsonParser p) throws IOException {
    long prompt = -1;
    long completion = -1;
    long cached = -1;
    long reasoning = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "prompt_tokens":
          prompt = OpenAiJson.longValue(p);
          break;
        case "completion_tokens":
          completion = OpenAiJson.longValue(p);
          break;
        case "prompt_tokens_details":
          cached = detail(p, v, "cached_tokens");
          break;
        case "completion_tokens_details":
          reasoning = detail(p, v, "reasoning_tokens");
          break;
        default:
          p.skipChildren();
      }
    }
    return new Usage(prompt, completion, cached, -1, reasoning);
  }

  /** Reads one count from a details object ({@code null} on many servers), or -1. */
  private static long detail(JsonParser p, JsonToken v, String field) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return -1;
    }
    long value = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (field.equals(name)) {
        value = OpenAiJson.longValue(p);
      } else {
        p.skipChildren();
      }
    }
    return value;
  }

  /**
   * Writes {@code "usage":{…}}. OpenAI requires the three totals, so unknown counts are written
   * as 0; the details objects appear only for counts that are known.
   */
  static void writeUsage(JsonGenerator g, Usage u) throws IOException {
    long prompt = Math.max(0, u.inputTokens());
    long completion = Math.max(0, u.outputTokens());
    g.writeObjectFieldStart("usage");
    g.writeNumberField("prompt_tokens", prompt);
    g.writeNumberField("completion_tokens", completion);
    g.writeNumberField("total_tokens", prompt + completion);
    if (u.cachedInputTokens() >= 0) {
      g.writeObjectFieldStart("prompt_tokens_details");
      g.writeNumberField("cached_tokens", u.cachedInputTokens());
      g.writeEndObject();
    }
    if (u.reasoningTokens() >= 0) {
      g.writeObjectFieldStart("completion_tokens_details");
      g.writeNumberField("reasoning_tokens", u.reasoningTokens());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /**
   * Merges two reports of one answer's usage: each count of {@code newer} that is known wins.
   * Anthropic reports input at the start and output at the end; OpenAI all at the end.
   */
  static Usage merge(Usage older, Usage newer) {
    if (newer == null || newer == Usage.UNKNOWN) {
      return older;
    }
    return new Usage(
        newer.inputTokens() >= 0 ? newer.inputTokens() : older.inputTokens(),
        newer.outputTokens() >= 0 ? newer.outputTokens() : older.outputTokens(),
        newer.cachedInputTokens() >= 0 ? newer.cachedInputTokens() : older.cachedInputTokens(),
        newer.cacheCreationInputTokens() >= 0
            ? newer.cacheCreationInputTokens() : older.cacheCreationInputTokens(),
        newer.reasoningTokens() >= 0 ? newer.reasoningTokens() : older.reasoningTokens());
  }

  /**
   * Maps an OpenAI finish reason. {@code stop} cannot tell a stop sequence from a natural end,
   * so it is END_TURN. Some OpenAI-compatible servers (older vLLM, Ollama) answer {@code stop}
   * even when the turn ends in tool calls; since a client of another format loops on "tool
   * use", the calls decide in that case.
   *
   * @param reason the wire value, or null when the upstream gave none
   * @param hasToolCalls whether the answer holds tool calls
   */
  static FinishReason finishReason(String reason, boolean hasToolCalls) {
    if (reason == null) {
      return hasToolCalls ? FinishReason.TOOL_USE : FinishReason.OTHER;
    }
    switch (reason) {
      case "stop":
        return hasToolCalls ? FinishReason.TOOL_USE : FinishReason.END_TURN;
      case "length":
        return FinishReason.MAX_TOKENS;
      case "tool_calls":
      case "function_call":
        return FinishReason.TOOL_USE;
      case "content_filter":
        return FinishReason.CONTENT_FILTER;
      default:
        return FinishReason.OTHER;
    }
  }

  /** The wire value for a canonical finish reason (OpenAI has no "other": it is "stop"). */
  static String finishReasonText(FinishReason reason) {
    switch (reason) {
      case MAX_TOKENS:
        return "length";
      case TOOL_USE:
        return "tool_calls";
      case CONTENT_FILTER:
        return "content_filter";
      case END_TURN:
      case STOP_SEQUENCE:
      case OTHER:
      default:
        return "stop";
    }
  }

  /** An answer id in OpenAI's style: {@code chatcmpl-} and the canonical id, prefixed once. */
  static String chatCompletionId(String id) {
    if (id == null || id.isEmpty()) {
      return CHAT_COMPLETION_ID_PREFIX + "ninelives";
    }
    return id.startsWith(CHAT_COMPLETION_ID_PREFIX) ? id : CHAT_COMPLETION_ID_PREFIX + id;
  }

  /**
   * A tool call id for an upstream that gave none. Random rather than counted: ids from
   * several answers meet in one conversation, and the client matches results to calls by id.
   */
  static String mintCallId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "call_" + Long.toHexString(r.nextLong() | Long.MIN_VALUE)
        + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
  }

  /**
   * Copies the JSON value the parser is on (scalar or container) into a compact JSON text, so
   * that schemas and arguments travel as text without being interpreted.
   */
  static String copyRawValue(JsonParser p) throws IOException {
    SegmentedStringWriter w = new SegmentedStringWriter(new BufferRecycler());
    try (JsonGenerator g = OpenAiJson.FACTORY.createGenerator(w)) {
      g.copyCurrentStructure(p);
    }
    return w.getAndClear();
  }

  /**
   * Whether {@code text} is exactly one JSON object (whitespace around it allowed). Tool call
   * arguments must be one: Anthropic's {@code input} and Gemini's {@code args} are objects.
   */
  static boolean isJsonObject(String text) {
    try (JsonParser p = OpenAiJson.FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** A media type guessed from a URL's file extension, or null. */
  static String guessImageType(String url) {
    String path = url;
    int cut = path.indexOf('?');
    if (cut >= 0) {
      path = path.substring(0, cut);
    }
    cut = path.indexOf('#');
    if (cut >= 0) {
      path = path.substring(0, cut);
    }
    int dot = path.lastIndexOf('.');
    if (dot < 0 || dot < path.lastIndexOf('/')) {
      return null;
    }
    switch (path.substring(dot + 1).toLowerCase(Locale.ROOT)) {
      case "png":
        return "image/png";
      case "jpg":
      case "jpeg":
        return "image/jpeg";
      case "gif":
        return "image/gif";
      case "webp":
        return "image/webp";
      default:
        return null;
    }
  }

  /** An error's code as an HTTP status when it is one (vLLM sends 503, not "server_error"). */
  static int httpStatus(String code) {
    if (code == null || code.length() != 3) {
      return -1;
    }
    try {
      return Integer.parseInt(code);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Whether an event's data is only whitespace. */
  static boolean isBlank(byte[] data) {
    for (byte b : data) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /** "[DONE]", with the surrounding whitespace some servers add. */
  static boolean isDone(byte[] data) {
    int from = 0;
    int to = data.length;
    while (from < to && (data[from] == ' ' || data[from] == '\t')) {
      from++;
    }
    while (to > from && (data[to - 1] == ' ' || data[to - 1] == '\t' || data[to - 1] == '\r')) {
      to--;
    }
    if (to - from != 6) {
      return false;
    }
    String done = "[DONE]";
    for (int i = 0; i < 6; i++) {
      if (data[from + i] != done.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
