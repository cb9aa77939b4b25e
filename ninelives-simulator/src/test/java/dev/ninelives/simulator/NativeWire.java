package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Requests and stream reading for the two dialects that do not speak Chat Completions, so that
 * one test can run against both. Stateless.
 */
final class NativeWire {
  static final String USER_TEXT = "Say hello to me";

  private NativeWire() {}

  /** The chat URL: Anthropic's {@code /v1/messages}; Gemini's method path, SSE when streaming. */
  static String url(SimulatedProvider p, boolean stream) {
    if (p.dialect() == Dialect.ANTHROPIC) {
      return p.baseUrl() + "/v1/messages";
    }
    return p.baseUrl() + "/v1beta/models/gemini-sim:" + (stream ? "streamGenerateContent?alt=sse" : "generateContent");
  }

  /** A one-message request; Anthropic streams by its body, Gemini by its path. */
  static String body(Dialect d, boolean stream) {
    if (d == Dialect.ANTHROPIC) {
      return "{\"model\":\"claude-sim\",\"max_tokens\":100,\"stream\":" + stream
          + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + USER_TEXT + "\"}]}";
    }
    return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + USER_TEXT + "\"}]}]}";
  }

  /** What separates events in the dialect's stream. */
  static String boundary(Dialect d) {
    return d == Dialect.ANTHROPIC ? "\n\n" : "\r\n\r\n";
  }

  /** The complete events of a stream body that may have been cut anywhere. */
  static String completeEvents(Dialect d, String body) {
    String b = boundary(d);
    int end = body.lastIndexOf(b);
    return end < 0 ? "" : body.substring(0, end + b.length());
  }

  /** The text the complete events of a stream carry, concatenated. */
  static String text(Dialect d, String body) {
    String complete = completeEvents(d, body);
    StringBuilder sb = new StringBuilder();
    if (d == Dialect.ANTHROPIC) {
      for (Frames.Named f : Frames.anthropic(complete)) {
        JsonNode delta = SimClient.json(f.data()).path("delta");
        sb.append(delta.path("text").asText(""));
      }
    } else {
      for (String data : Frames.geminiSse(complete)) {
        for (JsonNode part : SimClient.json(data).path("candidates").path(0).path("content").path("parts")) {
          sb.append(part.path("text").asText(""));
        }
      }
    }
    return sb.toString();
  }

  /** Frames per event-count unit are dialect-specific; this counts data frames only. */
  static int frames(Dialect d, String body) {
    String complete = completeEvents(d, body);
    return d == Dialect.ANTHROPIC ? Frames.anthropic(complete).size() : Frames.geminiSse(complete).size();
  }

  /** True when the stream ended the way a complete answer ends. */
  static boolean finished(Dialect d, String body) {
    String complete = completeEvents(d, body);
    if (d == Dialect.ANTHROPIC) {
      List<String> names = Frames.names(complete);
      return !names.isEmpty() && names.get(names.size() - 1).equals("message_stop");
    }
    List<String> chunks = Frames.geminiSse(complete);
    return !chunks.isEmpty()
        && SimClient.json(chunks.get(chunks.size() - 1)).path("candidates").path(0).has("finishReason");
  }

  /** The whole answer's text. */
  static String wholeText(Dialect d, String body) {
    JsonNode root = SimClient.json(body);
    if (d == Dialect.ANTHROPIC) {
      return root.path("content").path(0).path("text").asText();
    }
    return root.path("candidates").path(0).path("content").path("parts").path(0).path("text").asText();
  }
}
