package dev.ninelives.providers.gemini;

import dev.ninelives.core.config.Secret;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.codec.StreamDecoder;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Turns a Gemini {@code streamGenerateContent?alt=sse} body into canonical stream events. Every
 * event is {@code data: <GenerateContentResponse>} holding only the new parts; there is no end
 * marker: the body simply ends. Events may be separated by {@code \r\n\r\n}, which the shared
 * {@link dev.ninelives.providers.SseParser} handles.
 *
 * <ul>
 *   <li>The first chunk yields {@link StreamEvent.Start} with its {@code responseId} (or a
 *       minted {@code gemini-…} id), its {@code modelVersion} (or the requested model) and
 *       unknown usage.
 *   <li>Text parts become {@link StreamEvent.TextDelta}s of a text block, opened at the first
 *       non-empty text. Thought parts are skipped, as in {@link GeminiResponseDecoder}; so are
 *       inline images, which the canonical stream cannot carry.
 *   <li>A {@code functionCall} arrives whole in one chunk, so it becomes a block of its own:
 *       {@link StreamEvent.ToolCallStart}, one {@link StreamEvent.ToolCallDelta} with the
 *       complete arguments, {@link StreamEvent.BlockStop}. An open text block is stopped first.
 *       Ids are Gemini's, or minted as {@code call_<responseId>_<n>}.
 *   <li>A {@code finishReason} stops the open block, then yields {@link StreamEvent.Finish}
 *       with the mapped reason (TOOL_USE if any call was seen, since Gemini says STOP) and the
 *       latest {@code usageMetadata}. A {@code promptFeedback.blockReason} finishes with
 *       CONTENT_FILTER. Usage in a chunk after the finish becomes a
 *       {@link StreamEvent.UsageUpdate}; content after it is ignored.
 *   <li>A finish that claims completion (END_TURN or OTHER) with no content at all is an
 *       unusable answer: {@link StreamEvent.Error} with {@link OutcomeClass#DEGRADED}, as the
 *       non-streaming decoder throws for it, so the attempt can fail over before commit.
 *   <li>An {@code error} object in a data line yields {@link StreamEvent.Error} classified by
 *       the {@link GeminiErrors} table; unreadable data yields {@link StreamEvent.Error} with
 *       {@link OutcomeClass#STREAM_ERROR}. Either way the decoder then ignores the rest.
 * </ul>
 * {@link #end} emits {@link StreamEvent.Done} only if a finish was emitted and no error: a body
 * that ends without a finish reason was cut, and the relay treats the missing Done as such.
 *
 * <p>One per stream; not thread-safe.
 */
public final class GeminiStreamDecoder implements StreamDecoder {
  private final String requestedModel;
  private final List<Secret> knownSecrets;

  private boolean started;
  private boolean finished;
  private boolean failed;
  private boolean sawContent;
  private boolean sawCall;
  private String responseId;
  private String callPrefix;
  private int calls;
  private int nextIndex;
  // The index of the open text block, or -1. Call blocks never stay open.
  private int openText = -1;
  private Usage usage = Usage.UNKNOWN;

  /** @param requestedModel the model the request was sent to, reported when chunks name none */
  public GeminiStreamDecoder(String requestedModel) {
    this(requestedModel, List.of());
  }

  /**
   * @param requestedModel the model the request was sent to
   * @param knownSecrets credentials to scrub from error messages (the provider's keys)
   */
  public GeminiStreamDecoder(String requestedModel, Collection<Secret> knownSecrets) {
    this.requestedModel = Objects.requireNonNull(requestedModel, "requestedModel");
    this.knownSecrets = List.copyOf(knownSecrets);
  }

  @Override
  public void decode(SseEvent event, Consumer<StreamEvent> out) {
    if (failed || !event.hasData()) {
      return; // comments and keep-alives carry nothing
    }
    byte[] data = event.dataBytes();
    // Gemini sends no end marker; tolerate the OpenAI one from a proxy that adds it.
    if (isBlank(data) || event.dataEquals("[DONE]")) {
      return;
    }
    GeminiChunk c;
    try {
      c = GeminiChunk.parse(data, 0, data.length);
    } catch (IOException e) {
      fail(out, Classification.of(OutcomeClass.STREAM_ERROR,
          "stream error: unreadable Gemini stream event"));
      return;
    }
    if (c.error != null) {
      fail(out, GeminiErrors.classifyStreamError(c.error, knownSecrets));
      return;
    }
    if (finished) {
      if (c.usage != null) {
        usage = c.usage;
        out.accept(new StreamEvent.UsageUpdate(c.usage));
      }
      return;
    }
    if (c.usage != null) {
      usage = c.usage;
    }
    if (!started) {
      started = true;
      responseId = c.responseId != null ? c.responseId : mintId();
      out.accept(new StreamEvent.Start(responseId,
          c.modelVersion != null ? c.modelVersion : requestedModel, Usage.UNKNOWN));
    }
    for (GeminiChunk.Piece piece : c.pieces) {
      if (piece.kind == GeminiChunk.Kind.TEXT) {
        if (piece.value.isEmpty()) {
          continue;
        }
        if (openText < 0) {
          openText = nextIndex++;
        }
        sawContent = true;
        out.accept(new StreamEvent.TextDelta(openText, piece.value));
      } else if (piece.kind == GeminiChunk.Kind.CALL) {
        closeText(out);
        int index = nextIndex++;
        String id = piece.id;
        if (id == null) {
          if (callPrefix == null) {
            callPrefix = GeminiChunk.callIdPrefix(responseId);
          }
          id = callPrefix + calls;
        }
        calls++;
        sawCall = true;
        sawContent = true;
        out.accept(new StreamEvent.ToolCallStart(index, id, piece.name));
        out.accept(new StreamEvent.ToolCallDelta(index, piece.value));
        out.accept(new StreamEvent.BlockStop(index));
      }
    }
    if (c.blockReason != null) {
      finish(out, FinishReason.CONTENT_FILTER);
    } else if (c.finishReason != null) {
      FinishReason reason = GeminiChunk.finishReason(c.finishReason, sawCall);
      if (!sawContent && (reason == FinishReason.END_TURN || reason == FinishReason.OTHER)) {
        fail(out, Classification.of(OutcomeClass.DEGRADED,
            "Gemini ended the stream with no content (finishReason " + c.finishReason + ")"));
      } else {
        finish(out, reason);
      }
    }
  }

  @Override
  public void end(Consumer<StreamEvent> out) {
    if (finished && !failed) {
      out.accept(new StreamEvent.Done());
    }
  }

  private void finish(Consumer<StreamEvent> out, FinishReason reason) {
    closeText(out);
    finished = true;
    out.accept(new StreamEvent.Finish(reason, null, usage));
  }

  private void fail(Consumer<StreamEvent> out, Classification classification) {
    failed = true;
    out.accept(new StreamEvent.Error(classification));
  }

  private void closeText(Consumer<StreamEvent> out) {
    if (openText >= 0) {
      out.accept(new StreamEvent.BlockStop(openText));
      openText = -1;
    }
  }

  private static boolean isBlank(byte[] data) {
    for (byte b : data) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /** An id for a stream whose chunks carry no {@code responseId}; unique, not reproducible. */
  private static String mintId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "gemini-" + Long.toHexString(r.nextLong() | Long.MIN_VALUE)
        + Long.toHexString(r.nextLong() | Long.MIN_VALUE).substring(0, 8);
  }
}
