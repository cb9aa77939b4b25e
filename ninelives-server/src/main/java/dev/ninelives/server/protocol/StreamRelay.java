package dev.ninelives.server.protocol;

import dev.ninelives.core.model.Usage;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.StreamEventKind;
import java.io.ByteArrayOutputStream;

/**
 * Reads one upstream stream and says, per event, what it means to the commit logic and what
 * the client should receive for it (same bytes when the formats match, translated events
 * otherwise). One per attempt; not thread-safe.
 */
public interface StreamRelay {

  /** Reads one upstream event and appends the client's bytes for it to {@code out}. */
  StreamEventKind onEvent(SseEvent event, ByteArrayOutputStream out);

  /**
   * The upstream body ended. Returns {@link StreamEventKind#DONE}, with the client's closing
   * bytes in {@code out}, when the answer is complete — the format has no end marker (Gemini),
   * or the finish was seen and only the marker is missing — else null (the stream was cut).
   */
  StreamEventKind onEnd(ByteArrayOutputStream out);

  /** After {@link StreamEventKind#ERROR} or {@link StreamEventKind#MALFORMED}: why. */
  Classification error();

  /** The token counts the upstream reported so far, or {@link Usage#UNKNOWN}. */
  Usage usage();

  /** The model the upstream says is answering, once the stream named it; else null. */
  default String responseModel() {
    return null;
  }

  /** Why the answer stopped, once the stream said so; else null. */
  default dev.ninelives.core.model.FinishReason finishReason() {
    return null;
  }
}
