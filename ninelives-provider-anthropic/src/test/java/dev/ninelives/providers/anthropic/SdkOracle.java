package dev.ninelives.providers.anthropic;

import com.anthropic.core.ObjectMappers;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.SseParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges our output with the official anthropic-java SDK's own JSON mapper and models, whose
 * {@code validate()} rejects a missing required member or an unknown enum value.
 */
final class SdkOracle {
  private static final ObjectMapper SDK = ObjectMappers.jsonMapper();
  static final ObjectMapper PLAIN = new ObjectMapper();

  private SdkOracle() {}

  static Message message(byte[] json) {
    try {
      return SDK.readValue(json, Message.class).validate();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RawMessageStreamEvent streamEvent(String json) {
    try {
      return SDK.readValue(json, RawMessageStreamEvent.class).validate();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a whole Anthropic SSE stream as the SDK would: every event's name must match its
   * data's type, every data must parse and validate as a {@code RawMessageStreamEvent}, and the
   * SDK's accumulator must accept them in order; returns the accumulated, validated message.
   */
  static Message accumulate(byte[] sse) {
    MessageAccumulator acc = MessageAccumulator.create();
    BlockDiscipline blocks = new BlockDiscipline();
    for (SseEvent e : events(sse)) {
      if (!e.hasData()) {
        throw new AssertionError("an event without data: " + new String(e.raw(),
            StandardCharsets.UTF_8));
      }
      JsonNode data = tree(e.dataBytes());
      String type = data.get("type").asText();
      if (!type.equals(e.event())) {
        throw new AssertionError("event name " + e.event() + " but data type " + type);
      }
      blocks.check(type, data);
      acc.accumulate(streamEvent(e.data()));
    }
    blocks.checkEnd();
    return acc.message().validate();
  }

  /**
   * What the real API does and the SDK's accumulator does not check: blocks are numbered 0, 1,
   * 2… in order, one is open at a time, deltas go to the open block, every block is stopped
   * before message_delta, and message_stop comes last.
   */
  private static final class BlockDiscipline {
    int next;
    int open = -1;
    boolean deltaSeen;
    boolean stopSeen;

    void check(String type, JsonNode data) {
      if (stopSeen) {
        throw new AssertionError(type + " after message_stop");
      }
      switch (type) {
        case "content_block_start":
          expect(open == -1, "block " + data.get("index") + " starts while " + open + " is open");
          expect(data.get("index").asInt() == next, "block index " + data.get("index")
              + " where " + next + " was next");
          expect(!deltaSeen, "a block after message_delta");
          open = next++;
          break;
        case "content_block_delta":
          expect(data.get("index").asInt() == open, "a delta for block " + data.get("index")
              + " while " + open + " is open");
          break;
        case "content_block_stop":
          expect(data.get("index").asInt() == open, "a stop for block " + data.get("index")
              + " while " + open + " is open");
          open = -1;
          break;
        case "message_delta":
          expect(open == -1, "message_delta while block " + open + " is open");
          deltaSeen = true;
          break;
        case "message_stop":
          stopSeen = true;
          break;
        default:
          break;
      }
    }

    void checkEnd() {
      expect(stopSeen, "no message_stop");
      expect(deltaSeen, "no message_delta");
    }

    private static void expect(boolean ok, String what) {
      if (!ok) {
        throw new AssertionError(what);
      }
    }
  }

  static ErrorResponse error(byte[] json) {
    try {
      return SDK.readValue(json, ErrorResponse.class).validate();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An SDK value (e.g. a tool_use block's {@code _input()}) as a plain JSON tree. */
  static JsonNode sdkTree(Object value) {
    try {
      return PLAIN.readTree(SDK.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(byte[] json) {
    try {
      return PLAIN.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(String json) {
    return tree(json.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Splits SSE bytes into events with the gateway's own parser. */
  static List<SseEvent> events(byte[] sse) {
    List<SseEvent> out = new ArrayList<>();
    SseParser parser = new SseParser(out::add);
    parser.feed(sse, 0, sse.length);
    parser.finish();
    return out;
  }

  /** Builds one named SSE event, as Anthropic sends them. */
  static SseEvent sse(String name, String data) {
    String raw = "event: " + name + "\ndata: " + data + "\n\n";
    return new SseEvent(utf8(raw), utf8(data), name, null, -1);
  }
}
