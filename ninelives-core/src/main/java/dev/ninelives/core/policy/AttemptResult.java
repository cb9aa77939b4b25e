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
 */
public record AttemptResult(
    OutcomeClass outcome,
    int status,
    Duration retryAfter,
    String message,
    long ttftNanos,
    long durationNanos,
    boolean committed) {

  public AttemptResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
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
