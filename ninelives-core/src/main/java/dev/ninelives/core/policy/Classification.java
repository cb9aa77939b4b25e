package dev.ninelives.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider family's verdict on one upstream failure (status and body, or a stream error
 * event): its class, how long the upstream asked us to wait, and a message safe to show.
 *
 * @param outcome the class, which decides retry, failover and health
 * @param retryAfter the upstream's requested wait ({@code retry-after-ms}, {@code retry-after},
 *     or a body field such as Gemini's {@code RetryInfo}), or null when it gave none
 * @param message a short description without secrets, e.g. "503 server_error: overloaded"
 */
public record Classification(OutcomeClass outcome, Duration retryAfter, String message) {
  public Classification {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
  }

  public static Classification of(OutcomeClass outcome, String message) {
    return new Classification(outcome, null, message);
  }
}
