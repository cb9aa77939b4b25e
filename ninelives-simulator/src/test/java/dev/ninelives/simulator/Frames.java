package dev.ninelives.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the event streams of the non-OpenAI dialects strictly: any line that is not in the
 * dialect's exact framing fails the test, so the framing itself is under test too.
 */
final class Frames {
  private Frames() {}

  /** One Anthropic SSE event: its {@code event:} name and its {@code data:} JSON text. */
  record Named(String event, String data) {}

  /** Anthropic: every event is {@code event: <type>\ndata: <json>\n\n}, and the type matches. */
  static List<Named> anthropic(String body) {
    List<Named> frames = new ArrayList<>();
    if (body.isEmpty()) {
      return frames;
    }
    if (!body.endsWith("\n\n")) {
      throw new AssertionError("stream does not end at an event boundary: " + body);
    }
    for (String event : body.substring(0, body.length() - 2).split("\n\n", -1)) {
      String[] lines = event.split("\n", -1);
      if (lines.length != 2 || !lines[0].startsWith("event: ") || !lines[1].startsWith("data: ")) {
        throw new AssertionError("not an Anthropic SSE event: " + event);
      }
      String name = lines[0].substring("event: ".length());
      String data = lines[1].substring("data: ".length());
      String type = SimClient.json(data).path("type").asText();
      if (!type.equals(name)) {
        throw new AssertionError("event name " + name + " but data type " + type);
      }
      frames.add(new Named(name, data));
    }
    return frames;
  }

  /** The event names of an Anthropic stream, in order. */
  static List<String> names(String body) {
    List<String> names = new ArrayList<>();
    for (Named f : anthropic(body)) {
      names.add(f.event());
    }
    return names;
  }

  /** Gemini with {@code alt=sse}: every event is {@code data: <json>\r\n\r\n}; no bare LF anywhere. */
  static List<String> geminiSse(String body) {
    List<String> data = new ArrayList<>();
    if (body.isEmpty()) {
      return data;
    }
    if (!body.endsWith("\r\n\r\n")) {
      throw new AssertionError("stream does not end at a CRLF event boundary: " + body);
    }
    for (String event : body.substring(0, body.length() - 4).split("\r\n\r\n", -1)) {
      if (!event.startsWith("data: ") || event.contains("\n") || event.contains("\r")) {
        throw new AssertionError("not a Gemini SSE event: " + event);
      }
      data.add(event.substring("data: ".length()));
    }
    return data;
  }
}
