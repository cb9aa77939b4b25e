package dev.ninelives.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * How one attempt ended, as measured and classified by the relay.
 *
 * @param outcome the class (decides retry, failover and health)
 * @param status the upstream HTTP status, or 0 when none arrived
 * @param retryAfter the wait the upstream asked for, or null
 * @param message a short description without secrets
 * @param ttftNanos time from sending to the first content (streams), or -1
 * @param durationNanos time from sending to the end of the attempt
 * @param committed whether the answer had already started reaching the client
 * @param sent whether the request went out at all; an attempt refused before sending (its
 *     format cannot carry the request, or the request cannot be translated) touches neither the
 *     target's breaker nor its key
 */
public record AttemptResult(
    OutcomeClass outcome,
    int status,
    Duration retryAfter,
    String message,
    long ttftNanos,
    long durationNanos,
    boolean committed,
    boolean sent) {

  public AttemptResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
  }

  /** A result of a request that was sent. */
  public AttemptResult(OutcomeClass outcome, int status, Duration retryAfter, String message,
      long ttftNanos, long durationNanos, boolean committed) {
    this(outcome, status, retryAfter, message, ttftNanos, durationNanos, committed, true);
  }

  /** An attempt given up before anything was sent. */
  public static AttemptResult notSent(OutcomeClass outcome, String message) {
    return new AttemptResult(outcome, 0, null, message, -1, 0, false, false);
  }

  public static AttemptResult success(int status, long ttftNanos, long durationNanos) {
    return new AttemptResult(OutcomeClass.SUCCESS, status, null, "ok", ttftNanos, durationNanos,
        true);
  }

  /** A failure before anything reached the client. */
  public static AttemptResult failure(Classification c, int status, long durationNanos) {
    return new AttemptResult(c.outcome(), status, c.retryAfter(), c.message(), -1, durationNanos,
        false);
  }
}
