package dev.ninelives.providers;

import dev.ninelives.core.policy.Classification;
import java.util.Objects;

/**
 * One upstream attempt, as listed to the client when every target failed. Holds nothing
 * secret: the message must already be safe (a {@link Classification#message()} is).
 *
 * @param target the {@code provider/model} tried
 * @param outcome the outcome label, e.g. {@code server-error} ({@code OutcomeClass.label()})
 * @param status the upstream HTTP status, or 0 when there was none (connect failure, timeout)
 * @param durationMillis how long the attempt took
 * @param message a short safe description, or null
 */
public record AttemptSummary(
    String target, String outcome, int status, long durationMillis, String message) {
  public AttemptSummary {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** Builds a summary from a classified attempt. */
  public static AttemptSummary of(
      String target, Classification c, int status, long durationMillis) {
    return new AttemptSummary(target, c.outcome().label(), status, durationMillis, c.message());
  }
}
