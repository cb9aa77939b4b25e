package dev.ninelives.core.policy;

/**
 * What one step of a request came to, for the client's all-failed listing, logs and events:
 * an upstream call, or a target skipped without a network call.
 *
 * @param target {@code provider/model}
 * @param keyLabel the key's label, or null for a skipped target
 * @param outcome the outcome's label ("server-error", "timeout", ...), or for a skip
 *     "breaker-open" / "provider-quarantined" / "rate-limit-cooling"
 * @param status the upstream HTTP status, 0 if none
 * @param durationNanos how long the call took (0 for a skip)
 * @param ttftNanos time to first content, or -1
 * @param message a short description without secrets
 * @param network whether a network call was made
 * @param retry which retry of this target it was (0 = first call)
 */
public record AttemptRecord(
    String target,
    String keyLabel,
    String outcome,
    int status,
    long durationNanos,
    long ttftNanos,
    String message,
    boolean network,
    int retry) {

  public static final String BREAKER_OPEN = "breaker-open";
  public static final String PROVIDER_QUARANTINED = "provider-quarantined";
  /**
   * Skipped because every usable key is cooling down after a 429 whose retry-after has not
   * passed: calling again now would most likely be refused the same way.
   */
  public static final String RATE_LIMIT_COOLING = "rate-limit-cooling";
}
