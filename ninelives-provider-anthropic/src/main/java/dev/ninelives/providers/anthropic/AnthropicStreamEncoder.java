package dev.ninelives.providers.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.core.model.Usage;
import dev.ninelives.providers.codec.StreamEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Client side: writes canonical stream events as an Anthropic Messages stream, each event as
 * {@code event: <type>\ndata: <json>\n\n}.
 *
 * <ul>
 *   <li>Start → {@code message_start}: a message with empty content, null stop reason, and
 *       usage with the input count when known (else 0) and output 0. Content arriving without
 *       a Start gets a minted one first.
 *   <li>The first TextDelta or ThinkingDelta of a block, or a ToolCallStart →
 *       {@code content_block_start} ({@code text ""}, {@code thinking ""} with
 *       {@code signature ""}, {@code tool_use} with {@code input {}}), then the deltas:
 *       {@code text_delta}, {@code thinking_delta}, {@code input_json_delta} with
 *       {@code partial_json}; SignatureDelta → {@code signature_delta} on an open thinking
 *       block. Empty pieces are not sent, so a provider's empty first chunk opens no block.
 *   <li>Blocks are numbered from 0 in order of appearance and one is open at a time, as
 *       Anthropic streams them: a new block closes the open one, BlockStop closes its block
 *       ({@code content_block_stop}), and Finish closes whatever is still open. A text or
 *       thinking piece for a block already closed (a provider interleaving blocks) opens a new
 *       block; a late tool-argument piece cannot be placed and is dropped. A tool block
 *       closed without any argument piece gets {@code partial_json "{}"} first, as Anthropic
 *       always sends at least one and the SDKs' accumulators require it.
 *   <li>Finish → {@code message_delta} with {@code stop_reason}, {@code stop_sequence} and the
 *       cumulative usage ({@code output_tokens}, and the input counts when known). When the
 *       Finish carries no output count (OpenAI reports usage in a chunk after the finish), the
 *       delta waits for the next UsageUpdate or for Done, so the client gets real counts.
 *   <li>UsageUpdate → remembered (merged into the counts of the next message_delta).
 *   <li>Done → {@code message_stop} (after a {@code message_delta} if none was sent: a stream
 *       that ended normally without a reason ended its turn). Events after Done are ignored.
 *   <li>Error → nothing: the relay writes the terminal {@code event: error} itself.
 * </ul>
 * Every event passes the anthropic-java SDK's {@code RawMessageStreamEvent} parsing and
 * {@code validate()}.
 *
 * <p>One per stream; not thread-safe.
 */
public final class AnthropicStreamEncoder implements StreamEncoder {
  private static final byte[] MESSAGE_START = prefix("message_start");
  private static final byte[] BLOCK_START = prefix("content_block_start");
  private static final byte[] BLOCK_DELTA = prefix("content_block_delta");
  private static final byte[] BLOCK_STOP = prefix("content_block_stop");
  private static final byte[] MESSAGE_DELTA = prefix("message_delta");
  private static final byte[] MESSAGE_STOP = prefix("message_stop");

  private enum Kind {
    TEXT,
    THINKING,
    TOOL
  }

  /** A block as the client sees it. */
  private static final class OutBlock {
    final int index;
    final Kind kind;
    boolean closed;
    // Whether a tool block has had an argument piece: Anthropic always sends at least one, and
    // the SDKs' accumulators fail a tool_use block that got none.
    boolean hasInput;

    OutBlock(int index, Kind kind) {
      this.index = index;
      this.kind = kind;
    }
  }

  private final String fallbackModel;
  // Canonical block index -> the client's block it currently feeds.
  private final Map<Integer, OutBlock> blocks = new HashMap<>();
  private OutBlock open;
  private int nextIndex;
  private boolean started;
  private boolean done;
  private FinishReason finishReason;
  private String stopSequence;
  private boolean deltaPending;
  private boolean deltaSent;
  private Usage usage = Usage.UNKNOWN;

  /** An encoder for a stream whose Start names the model. */
  public AnthropicStreamEncoder() {
    this("");
  }

  /**
   * @param fallbackModel the model named in {@code message_start} when the provider's Start
   *     names none or never comes
   */
  public AnthropicStreamEncoder(String fallbackModel) {
    this.fallbackModel = Objects.requireNonNull(fallbackModel, "fallbackModel");
  }

  @Override
  public void encode(StreamEvent event, ByteArrayOutputStream out) {
    if (done) {
      return;
    }
    try {
      if (event instanceof StreamEvent.Start) {
        StreamEvent.Start s = (StreamEvent.Start) event;
        // A Start after content (message_start was minted) still tells the input count.
        usage = merge(usage, s.usage());
        if (!started) {
          messageStart(s.id(), s.model(), out);
        }
      } else if (event instanceof StreamEvent.TextDelta) {
        StreamEvent.TextDelta d = (StreamEvent.TextDelta) event;
        if (!d.text().isEmpty()) {
          OutBlock b = block(d.index(), Kind.TEXT, out);
          delta(b, "text_delta", "text", d.text(), out);
        }
      } else if (event instanceof StreamEvent.ThinkingDelta) {
        StreamEvent.ThinkingDelta d = (StreamEvent.ThinkingDelta) event;
        if (!d.text().isEmpty()) {
          OutBlock b = block(d.index(), Kind.THINKING, out);
          delta(b, "thinking_delta", "thinking", d.text(), out);
        }
      } else if (event instanceof StreamEvent.SignatureDelta) {
        StreamEvent.SignatureDelta d = (StreamEvent.SignatureDelta) event;
        OutBlock b = blocks.get(d.index());
        // Only a thinking block can hold a signature; Gemini signs other parts too, and an
        // Anthropic client has nowhere to keep that.
        if (b != null && !b.closed && b.kind == Kind.THINKING && !d.signature().isEmpty()) {
          delta(b, "signature_delta", "signature", d.signature(), out);
        }
      } else if (event instanceof StreamEvent.ToolCallStart) {
        toolCallStart((StreamEvent.ToolCallStart) event, out);
      } else if (event instanceof StreamEvent.ToolCallDelta) {
        StreamEvent.ToolCallDelta d = (StreamEvent.ToolCallDelta) event;
        OutBlock b = blocks.get(d.index());
        if (b != null && !b.closed && b.kind == Kind.TOOL
            && !d.argumentsFragment().isEmpty()) {
          b.hasInput = true;
          delta(b, "input_json_delta", "partial_json", d.argumentsFragment(), out);
        }
      } else if (event instanceof StreamEvent.BlockStop) {
        OutBlock b = blocks.get(((StreamEvent.BlockStop) event).index());
        if (b != null && !b.closed) {
          close(b, out);
        }
      } else if (event instanceof StreamEvent.Finish) {
        finish((StreamEvent.Finish) event, out);
      } else if (event instanceof StreamEvent.UsageUpdate) {
        usage = merge(usage, ((StreamEvent.UsageUpdate) event).usage());
        if (deltaPending) {
          messageDelta(out);
        }
      } else if (event instanceof StreamEvent.Done) {
        ensureStarted(out);
        closeOpen(out);
        if (!deltaSent) {
          messageDelta(out);
        }
        JsonGenerator g = begin(out, MESSAGE_STOP, "message_stop");
        end(g, out);
        done = true;
      }
      // StreamEvent.Error: the relay ends the client's stream with its own error event.
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
  }

  private void ensureStarted(ByteArrayOutputStream out) throws IOException {
    if (!started) {
      messageStart(null, null, out);
    }
  }

  private void messageStart(String id, String model, ByteArrayOutputStream out)
      throws IOException {
    started = true;
    JsonGenerator g = begin(out, MESSAGE_START, "message_start");
    g.writeObjectFieldStart("message");
    g.writeStringField("id", AnthropicIds.messageId(id));
    g.writeStringField("type", "message");
    g.writeStringField("role", "assistant");
    g.writeStringField("model", model == null || model.isEmpty() ? fallbackModel : model);
    g.writeArrayFieldStart("content");
    g.writeEndArray();
    g.writeNullField("stop_reason");
    g.writeNullField("stop_sequence");
    g.writeObjectFieldStart("usage");
    g.writeNumberField("input_tokens", AnthropicMapping.uncachedInput(usage));
    g.writeNumberField("cache_creation_input_tokens",
        Math.max(usage.cacheCreationInputTokens(), 0));
    g.writeNumberField("cache_read_input_tokens", Math.max(usage.cachedInputTokens(), 0));
    g.writeNumberField("output_tokens", 0);
    g.writeEndObject();
    g.writeEndObject();
    end(g, out);
  }

  /** The open client block for canonical block {@code index}, started if need be. */
  private OutBlock block(int index, Kind kind, ByteArrayOutputStream out) throws IOException {
    OutBlock b = blocks.get(index);
    if (b != null && !b.closed && b.kind == kind) {
      return b;
    }
    ensureStarted(out);
    closeOpen(out);
    b = new OutBlock(nextIndex++, kind);
    blocks.put(index, b);
    open = b;
    JsonGenerator g = begin(out, BLOCK_START, "content_block_start");
    g.writeNumberField("index", b.index);
    g.writeObjectFieldStart("content_block");
    if (kind == Kind.TEXT) {
      g.writeStringField("type", "text");
      g.writeStringField("text", "");
    } else {
      g.writeStringField("type", "thinking");
      g.writeStringField("thinking", "");
      g.writeStringField("signature", "");
    }
    g.writeEndObject();
    end(g, out);
    return b;
  }

  private void toolCallStart(StreamEvent.ToolCallStart s, ByteArrayOutputStream out)
      throws IOException {
    OutBlock existing = blocks.get(s.index());
    if (existing != null && !existing.closed && existing.kind == Kind.TOOL) {
      return; // a repeated start (some servers resend id and name) changes nothing
    }
    ensureStarted(out);
    closeOpen(out);
    OutBlock b = new OutBlock(nextIndex++, Kind.TOOL);
    blocks.put(s.index(), b);
    open = b;
    JsonGenerator g = begin(out, BLOCK_START, "content_block_start");
    g.writeNumberField("index", b.index);
    g.writeObjectFieldStart("content_block");
    g.writeStringField("type", "tool_use");
    g.writeStringField("id", AnthropicIds.toolUseId(s.id()));
    g.writeStringField("name", s.name());
    g.writeObjectFieldStart("input");
    g.writeEndObject();
    g.writeEndObject();
    end(g, out);
  }

  private void delta(OutBlock b, String type, String field, String value,
      ByteArrayOutputStream out) throws IOException {
    JsonGenerator g = begin(out, BLOCK_DELTA, "content_block_delta");
    g.writeNumberField("index", b.index);
    g.writeObjectFieldStart("delta");
    g.writeStringField("type", type);
    g.writeStringField(field, value);
    g.writeEndObject();
    end(g, out);
  }

  private void closeOpen(ByteArrayOutputStream out) throws IOException {
    if (open != null && !open.closed) {
      close(open, out);
    }
  }

  private void close(OutBlock b, ByteArrayOutputStream out) throws IOException {
    if (b.kind == Kind.TOOL && !b.hasInput) {
      // A call without arguments (OpenAI streams "" for them): its input is the empty object.
      b.hasInput = true;
      delta(b, "input_json_delta", "partial_json", "{}", out);
    }
    b.closed = true;
    if (open == b) {
      open = null;
    }
    JsonGenerator g = begin(out, BLOCK_STOP, "content_block_stop");
    g.writeNumberField("index", b.index);
    end(g, out);
  }

  private void finish(StreamEvent.Finish f, ByteArrayOutputStream out) throws IOException {
    ensureStarted(out);
    closeOpen(out);
    finishReason = f.reason();
    stopSequence = f.stopSequence();
    usage = merge(usage, f.usage());
    if (deltaSent) {
      return;
    }
    if (f.usage().outputTokens() >= 0) {
      messageDelta(out);
    } else {
      deltaPending = true;
    }
  }

  private void messageDelta(ByteArrayOutputStream out) throws IOException {
    deltaPending = false;
    deltaSent = true;
    FinishReason reason = finishReason != null ? finishReason : FinishReason.END_TURN;
    JsonGenerator g = begin(out, MESSAGE_DELTA, "message_delta");
    g.writeObjectFieldStart("delta");
    g.writeStringField("stop_reason", AnthropicMapping.stopReason(reason));
    g.writeStringField("stop_sequence", reason == FinishReason.STOP_SEQUENCE ? stopSequence : null);
    g.writeEndObject();
    g.writeObjectFieldStart("usage");
    if (usage.inputTokens() >= 0) {
      // Newer Anthropic streams repeat the input counts here; for a translated stream this is
      // the first time they are known (OpenAI reports usage only at the end).
      g.writeNumberField("input_tokens", AnthropicMapping.uncachedInput(usage));
      g.writeNumberField("cache_creation_input_tokens",
          Math.max(usage.cacheCreationInputTokens(), 0));
      g.writeNumberField("cache_read_input_tokens", Math.max(usage.cachedInputTokens(), 0));
    }
    g.writeNumberField("output_tokens", Math.max(usage.outputTokens(), 0));
    g.writeEndObject();
    end(g, out);
  }

  /** Field by field, the known counts of {@code next} over those of {@code base}. */
  private static Usage merge(Usage base, Usage next) {
    if (next == null) {
      return base;
    }
    return new Usage(
        next.inputTokens() >= 0 ? next.inputTokens() : base.inputTokens(),
        next.outputTokens() >= 0 ? next.outputTokens() : base.outputTokens(),
        next.cachedInputTokens() >= 0 ? next.cachedInputTokens() : base.cachedInputTokens(),
        next.cacheCreationInputTokens() >= 0
            ? next.cacheCreationInputTokens() : base.cacheCreationInputTokens(),
        next.reasoningTokens() >= 0 ? next.reasoningTokens() : base.reasoningTokens());
  }

  private static JsonGenerator begin(ByteArrayOutputStream out, byte[] prefix, String type)
      throws IOException {
    out.write(prefix, 0, prefix.length);
    JsonGenerator g = AnthropicJson.generator(out);
    g.writeStartObject();
    g.writeStringField("type", type);
    return g;
  }

  private static void end(JsonGenerator g, ByteArrayOutputStream out) throws IOException {
    g.writeEndObject();
    g.close(); // flushes into out, which stays open
    out.write('\n');
    out.write('\n');
  }

  private static byte[] prefix(String type) {
    return ("event: " + type + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
  }
}
