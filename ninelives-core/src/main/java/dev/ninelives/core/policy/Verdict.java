package dev.ninelives.core.policy;

import java.util.List;

/**
 * How a request ended.
 *
 * @param kind the ending
 * @param decidingAttempt the attempt whose result decided it (the successful one, the caller
 *     error passed through, the last rate limit...), or null when no attempt decided
 * @param attempts every step taken, in order
 * @param retryAfterSeconds for failures: when the client may usefully try again (a breaker
 *     half-opens, a quarantine ends, or the upstream's retry-after), or -1 when unknown
 * @param shouldRetry for failures: whether a retry by the client can help at all
 */
public record Verdict(
    Kind kind,
    Attempt decidingAttempt,
    List<AttemptRecord> attempts,
    long retryAfterSeconds,
    boolean shouldRetry) {

  public Verdict {
    attempts = List.copyOf(attempts);
  }

  /** The ways a request ends. */
  public enum Kind {
    /** An attempt answered; its answer reached the client. */
    SUCCEEDED,
    /**
     * The upstream's answer belongs to the client (a caller error, a context overflow with no
     * larger target, a content-policy refusal): pass it on, translated.
     */
    REJECTED,
    /** Every usable target was rate-limited and none could wait: pass the 429 on. */
    RATE_LIMITED,
    /** Every target failed or was unavailable: 503 listing the attempts. */
    ALL_FAILED,
    /** The request deadline passed before any target answered. */
    DEADLINE_EXCEEDED,
    /** The answer had started reaching the client when the upstream failed. */
    FAILED_AFTER_COMMIT,
    /** The client went away. */
    CANCELLED
  }

  public int attemptCount() {
    int n = 0;
    for (AttemptRecord r : attempts) {
      if (r.network()) {
        n++;
      }
    }
    return n;
  }
}
