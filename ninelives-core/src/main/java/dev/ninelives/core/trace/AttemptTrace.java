package dev.ninelives.core.trace;

import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.ChatResponse;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.policy.AttemptResult;

/**
 * The trace of one upstream attempt.
 *
 * <p>Confined to its request, like {@link RequestTrace}. Every method has a no-op default, so
 * {@link #NONE} costs nothing.
 */
public interface AttemptTrace {

  /** Whether this attempt is being recorded; see {@link RequestTrace#recording()}. */
  default boolean recording() {
    return false;
  }

  /**
   * Writes the trace context the upstream should continue (W3C {@code traceparent}, and
   * {@code tracestate} when there is one) as request headers.
   */
  default void inject(HeaderSink headers) {
  }

  /**
   * What the upstream said about its answer; call before {@link #end}. Any part may be unknown:
   * a null model or reason, {@link Usage#UNKNOWN}.
   *
   * @param responseModel the model the upstream says answered
   * @param finishReason why it stopped
   * @param usage its token counts
   */
  default void answer(String responseModel, FinishReason finishReason, Usage usage) {
  }

  /**
   * Whether the operator asked for prompts and answers to be recorded. Only then may a caller
   * pass them to {@link #content}; the default is no, because they may hold personal data.
   */
  default boolean capturesContent() {
    return false;
  }

  /**
   * The prompt and the answer, recorded only when {@link #capturesContent()} says so.
   *
   * @param request the request in canonical form, or null if it could not be read
   * @param response the complete answer, or null (streams, failures)
   */
  default void content(ChatRequest request, ChatResponse response) {
  }

  /** The attempt ended so: the last call. */
  default void end(AttemptResult result) {
  }

  /** Receives one header to send. */
  @FunctionalInterface
  interface HeaderSink {
    void put(String name, String value);
  }

  /** Not traced. */
  AttemptTrace NONE = new AttemptTrace() {
    @Override
    public String toString() {
      return "AttemptTrace.NONE";
    }
  };
}
