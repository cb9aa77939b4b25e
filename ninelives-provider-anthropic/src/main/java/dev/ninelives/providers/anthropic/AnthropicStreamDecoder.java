package dev.ninelives.providers.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.codec.StreamDecoder;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Provider side: turns one Anthropic Messages stream into canonical events.
 *
 * <table>
 *   <caption>Anthropic event → canonical events</caption>
 *   <tr><td>message_start</td><td>Start(id, model, usage so far)</td></tr>
 *   <tr><td>content_block_start text / thinking</td><td>nothing (the block is remembered);
 *       any text, thinking or signature it already carries as deltas</td></tr>
 *   <tr><td>content_block_start tool_use</td><td>ToolCallStart(index, id, name)</td></tr>
 *   <tr><td>content_block_delta</td><td>text_delta → TextDelta, input_json_delta →
 *       ToolCallDelta, thinking_delta → ThinkingDelta, signature_delta → SignatureDelta
 *       (empty pieces are skipped; citations and unknown deltas are ignored)</td></tr>
 *   <tr><td>content_block_stop</td><td>BlockStop(index)</td></tr>
 *   <tr><td>message_delta</td><td>Finish(reason, stop_sequence, usage): the counts are
 *       cumulative, and those the delta lacks (usually the input) come from
 *       message_start</td></tr>
 *   <tr><td>message_stop</td><td>Done</td></tr>
 *   <tr><td>ping, unknown event types</td><td>nothing</td></tr>
 *   <tr><td>event: error</td><td>Error, classified by {@link AnthropicErrors}
 *       (overloaded_error → SERVER_ERROR…)</td></tr>
 *   <tr><td>data that is not a JSON object</td><td>Error(STREAM_ERROR)</td></tr>
 * </table>
 * Block indexes are renumbered from 0 over the blocks that are passed on: redacted thinking
 * (opaque, and the canonical stream has no place for it) and server-tool blocks are skipped
 * along with their deltas and stop, so the canonical numbering has no gaps.
 *
 * <p>One per stream; not thread-safe.
 */
public final class AnthropicStreamDecoder implements StreamDecoder {
  private static final Classification MALFORMED = Classification.of(OutcomeClass.STREAM_ERROR,
      "malformed stream event (not a JSON object)");
  private static final Classification NAMELESS_TOOL = Classification.of(
      OutcomeClass.STREAM_ERROR, "malformed stream event (tool_use block without a name)");

  private enum Kind {
    TEXT,
    THINKING,
    TOOL
  }

  /** A block passed on: its canonical index and what it holds. */
  private static final class Block {
    final int index;
    final Kind kind;

    Block(int index, Kind kind) {
      this.index = index;
      this.kind = kind;
    }
  }

  private final Collection<Secret> knownSecrets;
  // Anthropic's block index -> the block passed on; absent for blocks that are skipped.
  private final Map<Integer, Block> blocks = new HashMap<>();
  private int nextIndex;
  private AnthropicMapping.UsageFields startUsage;
  private final Scratch s = new Scratch();

  public AnthropicStreamDecoder() {
    this(List.of());
  }

  /** @param knownSecrets credentials to scrub from error messages (the provider's keys) */
  public AnthropicStreamDecoder(Collection<Secret> knownSecrets) {
    this.knownSecrets = List.copyOf(knownSecrets);
  }

  @Override
  public void decode(SseEvent event, Consumer<StreamEvent> out) {
    byte[] data = event.dataBytes();
    if (data == null || AnthropicJson.isBlank(data)) {
      if ("error".equals(event.event())) {
        out.accept(new StreamEvent.Error(
            Classification.of(OutcomeClass.STREAM_ERROR, "stream error event")));
      }
      return; // comments and empty data are keep-alives
    }
    s.reset();
    try (JsonParser p = AnthropicJson.FACTORY.createParser(data)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        out.accept(new StreamEvent.Error(MALFORMED));
        return;
      }
      s.read(p);
      if (p.nextToken() != null) {
        out.accept(new StreamEvent.Error(MALFORMED));
        return;
      }
    } catch (IOException e) {
      out.accept(new StreamEvent.Error(MALFORMED));
      return;
    }
    String type = s.type != null ? s.type : event.event();
    if ("error".equals(type) || "error".equals(event.event())) {
      AnthropicErrorFields f = s.error != null ? s.error : new AnthropicErrorFields();
      out.accept(new StreamEvent.Error(AnthropicErrors.streamError(f, knownSecrets)));
      return;
    }
    if (type == null) {
      return;
    }
    switch (type) {
      case "message_start":
        startUsage = s.usage;
        out.accept(new StreamEvent.Start(s.id != null ? s.id : AnthropicIds.mint("msg_"),
            s.model != null ? s.model : "",
            startUsage != null ? startUsage.toCanonical() : Usage.UNKNOWN));
        break;
      case "content_block_start":
        blockStart(out);
        break;
      case "content_block_delta":
        blockDelta(out);
        break;
      case "content_block_stop": {
        Block b = blocks.get(s.index);
        if (b != null) {
          out.accept(new StreamEvent.BlockStop(b.index));
        }
        break;
      }
      case "message_delta": {
        AnthropicMapping.UsageFields u =
            s.usage != null ? s.usage.orElse(startUsage) : startUsage;
        out.accept(new StreamEvent.Finish(AnthropicMapping.finishReason(s.stopReason),
            s.stopSequence, u != null ? u.toCanonical() : Usage.UNKNOWN));
        break;
      }
      case "message_stop":
        out.accept(new StreamEvent.Done());
        break;
      default:
        // ping, and event types added after this was written: the docs say to ignore them.
        break;
    }
  }

  @Override
  public void end(Consumer<StreamEvent> out) {
    // message_stop is Anthropic's end marker; a body that ends without it is the relay's
    // business (a cut stream), not something to paper over here.
  }

  private void blockStart(Consumer<StreamEvent> out) {
    if (s.index < 0 || s.blockType == null) {
      return;
    }
    switch (s.blockType) {
      case "text": {
        Block b = open(Kind.TEXT);
        if (nonEmpty(s.text)) {
          out.accept(new StreamEvent.TextDelta(b.index, s.text));
        }
        break;
      }
      case "thinking": {
        Block b = open(Kind.THINKING);
        if (nonEmpty(s.thinking)) {
          out.accept(new StreamEvent.ThinkingDelta(b.index, s.thinking));
        }
        if (nonEmpty(s.signature)) {
          out.accept(new StreamEvent.SignatureDelta(b.index, s.signature));
        }
        break;
      }
      case "tool_use": {
        if (s.name == null) {
          out.accept(new StreamEvent.Error(NAMELESS_TOOL));
          return;
        }
        Block b = open(Kind.TOOL);
        out.accept(new StreamEvent.ToolCallStart(b.index,
            s.blockId != null ? s.blockId : AnthropicIds.mint("toolu_"), s.name));
        // Anthropic starts with "input":{} and streams the input as deltas; a server that
        // sends the whole input up front is passed on as one delta.
        if (s.input != null && !s.input.equals("{}")) {
          out.accept(new StreamEvent.ToolCallDelta(b.index, s.input));
        }
        break;
      }
      default:
        break; // redacted_thinking, server tools: skipped (see the class comment)
    }
  }

  private Block open(Kind kind) {
    Block b = new Block(nextIndex++, kind);
    blocks.put(s.index, b);
    return b;
  }

  private void blockDelta(Consumer<StreamEvent> out) {
    Block b = blocks.get(s.index);
    if (b == null || s.deltaType == null) {
      return;
    }
    switch (s.deltaType) {
      case "text_delta":
        if (nonEmpty(s.text)) {
          out.accept(new StreamEvent.TextDelta(b.index, s.text));
        }
        break;
      case "input_json_delta":
        if (nonEmpty(s.partialJson)) {
          out.accept(new StreamEvent.ToolCallDelta(b.index, s.partialJson));
        }
        break;
      case "thinking_delta":
        if (nonEmpty(s.thinking)) {
          out.accept(new StreamEvent.ThinkingDelta(b.index, s.thinking));
        }
        break;
      case "signature_delta":
        if (nonEmpty(s.signature)) {
          out.accept(new StreamEvent.SignatureDelta(b.index, s.signature));
        }
        break;
      default:
        break; // citations_delta and newer kinds
    }
  }

  private static boolean nonEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  /**
   * The members of one event, gathered in one pass whatever their order. Reused across the
   * stream's events (the decoder is single-threaded).
   */
  private static final class Scratch {
    String type;
    int index;
    String id;
    String model;
    AnthropicMapping.UsageFields usage;
    String blockType;
    String blockId;
    String name;
    String input;
    String deltaType;
    String text;
    String partialJson;
    String thinking;
    String signature;
    String stopReason;
    String stopSequence;
    AnthropicErrorFields error;

    void reset() {
      type = null;
      index = -1;
      id = null;
      model = null;
      usage = null;
      blockType = null;
      blockId = null;
      name = null;
      input = null;
      deltaType = null;
      text = null;
      partialJson = null;
      thinking = null;
      signature = null;
      stopReason = null;
      stopSequence = null;
      error = null;
    }

    void read(JsonParser p) throws IOException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "type":
            type = AnthropicJson.scalarText(p);
            break;
          case "index":
            index = v == JsonToken.VALUE_NUMBER_INT ? p.getValueAsInt(-1) : -1;
            p.skipChildren();
            break;
          case "message":
            if (v == JsonToken.START_OBJECT) {
              readMessage(p);
            } else {
              p.skipChildren();
            }
            break;
          case "content_block":
            if (v == JsonToken.START_OBJECT) {
              readContentBlock(p);
            } else {
              p.skipChildren();
            }
            break;
          case "delta":
            if (v == JsonToken.START_OBJECT) {
              readDelta(p);
            } else {
              p.skipChildren();
            }
            break;
          case "usage":
            if (v == JsonToken.START_OBJECT) {
              usage = AnthropicMapping.UsageFields.read(p);
            } else {
              p.skipChildren();
            }
            break;
          case "error":
            if (v == JsonToken.START_OBJECT) {
              error = new AnthropicErrorFields();
              error.isError = true;
              error.readErrorObject(p);
            } else {
              p.skipChildren();
            }
            break;
          default:
            p.skipChildren();
        }
      }
    }

    private void readMessage(JsonParser p) throws IOException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "id":
            id = AnthropicJson.scalarText(p);
            break;
          case "model":
            model = AnthropicJson.scalarText(p);
            break;
          case "usage":
            if (v == JsonToken.START_OBJECT) {
              usage = AnthropicMapping.UsageFields.read(p);
            } else {
              p.skipChildren();
            }
            break;
          default:
            p.skipChildren();
        }
      }
    }

    private void readContentBlock(JsonParser p) throws IOException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "type":
            blockType = AnthropicJson.scalarText(p);
            break;
          case "id":
            blockId = AnthropicJson.scalarText(p);
            break;
          case "name":
            name = AnthropicJson.scalarText(p);
            break;
          case "text":
            text = AnthropicJson.scalarText(p);
            break;
          case "thinking":
            thinking = AnthropicJson.scalarText(p);
            break;
          case "signature":
            signature = AnthropicJson.scalarText(p);
            break;
          case "input":
            if (v == JsonToken.START_OBJECT) {
              input = AnthropicJson.rawValue(p);
            } else {
              p.skipChildren();
            }
            break;
          default:
            p.skipChildren();
        }
      }
    }

    private void readDelta(JsonParser p) throws IOException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "type":
            deltaType = AnthropicJson.scalarText(p);
            break;
          case "text":
            text = AnthropicJson.scalarText(p);
            break;
          case "partial_json":
            partialJson = AnthropicJson.scalarText(p);
            break;
          case "thinking":
            thinking = AnthropicJson.scalarText(p);
            break;
          case "signature":
            signature = AnthropicJson.scalarText(p);
            break;
          case "stop_reason":
            stopReason = AnthropicJson.scalarText(p);
            break;
          case "stop_sequence":
            stopSequence = AnthropicJson.scalarText(p);
            break;
          default:
            p.skipChildren();
        }
      }
    }
  }
}
