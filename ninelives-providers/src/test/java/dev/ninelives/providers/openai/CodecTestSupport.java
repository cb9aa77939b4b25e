package dev.ninelives.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.SseParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the codec tests. The SDK's mapper and models are the oracle. */
final class CodecTestSupport {
  static final JsonMapper SDK_JSON = ObjectMappers.jsonMapper();
  static final JsonMapper JSON = JsonMapper.builder().build();
  /** 2026-11-24T00:00:00Z plus a fraction, so the seconds are truncated, not rounded. */
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_795_478_400_900L),
      ZoneOffset.UTC);
  static final long CLOCK_SECONDS = 1_795_478_400L;

  private CodecTestSupport() {}

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static JsonNode tree(byte[] b) throws Exception {
    return JSON.readTree(b);
  }

  static JsonNode tree(String s) throws Exception {
    return JSON.readTree(s);
  }

  /** Parses and validates a complete answer with the official SDK's model. */
  static ChatCompletion sdkCompletion(byte[] body) throws Exception {
    return SDK_JSON.readValue(body, ChatCompletion.class).validate();
  }

  /** Parses and validates one chunk's data with the official SDK's model. */
  static ChatCompletionChunk sdkChunk(String data) throws Exception {
    return SDK_JSON.readValue(bytes(data), ChatCompletionChunk.class).validate();
  }

  /** Splits an SSE body into its events with the gateway's own parser. */
  static List<SseEvent> events(byte[] body) {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add);
    parser.feed(body, 0, body.length);
    parser.finish();
    return events;
  }

  static List<SseEvent> events(String body) {
    return events(bytes(body));
  }

  /**
   * The data of every event of an SSE body, checking that each event is exactly one
   * {@code data:} line followed by a blank line, as OpenAI writes them.
   */
  static List<String> dataLines(byte[] body) {
    List<String> data = new ArrayList<>();
    for (SseEvent e : events(body)) {
      String raw = text(e.raw());
      assertThat(raw).startsWith("data: ").endsWith("\n\n");
      assertThat(raw.substring(0, raw.length() - 2)).doesNotContain("\n");
      data.add(e.data());
    }
    return data;
  }

  /** Decodes a whole upstream stream body. */
  static List<StreamEvent> decodeStream(String body) {
    OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
    List<StreamEvent> out = new ArrayList<>();
    for (SseEvent e : events(body)) {
      decoder.decode(e, out::add);
    }
    decoder.end(out::add);
    return out;
  }
}
