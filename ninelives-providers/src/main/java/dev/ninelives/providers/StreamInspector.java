package dev.ninelives.providers;

import dev.ninelives.core.policy.Classification;

/**
 * Reads one upstream stream, event by event, for the relay's commit and failure logic. One per
 * attempt; implementations are not thread-safe.
 */
public interface StreamInspector {

  /** What this event is. */
  StreamEventKind inspect(SseEvent event);

  /** After {@link StreamEventKind#ERROR} or {@link StreamEventKind#MALFORMED}: why. */
  Classification error();

  /** Whether a finish reason has been seen (a stream may then end without its end marker). */
  boolean finished();

  /** The token counts reported so far, or {@link TokenUsage#UNKNOWN}. */
  default TokenUsage usage() {
    return TokenUsage.UNKNOWN;
  }

  /** The model the upstream says is answering, once the stream named it; else null. */
  default String responseModel() {
    return null;
  }

  /** Why the answer stopped, in canonical terms, once the stream said so; else null. */
  default dev.ninelives.core.model.FinishReason canonicalFinishReason() {
    return null;
  }
}
