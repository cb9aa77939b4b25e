package dev.ninelives.drill;

import java.time.Duration;
import java.util.Map;

/**
 * What a drill looks like at one moment, for a live view. Immutable.
 *
 * @param elapsedNanos wall-clock time since the load started
 * @param wallNanos the replay's whole wall-clock length
 * @param scenarioElapsed the same moment in scenario time
 * @param scenarioLength the scenario's whole length
 * @param span the phase in force
 * @param phases how many phases the scenario has
 * @param gateway counts of the run through the gateway
 * @param direct counts of the run straight to the primary, or null when there is none
 * @param recentP95Millis the 95th percentile latency of the gateway run's answers completed in the
 *     last two seconds, or -1
 * @param recentServedBy providers whose answers to the gateway run completed in the last two
 *     seconds, with counts
 * @param breakers each target's breaker state as last reported
 */
public record LiveStatus(
    long elapsedNanos,
    long wallNanos,
    Duration scenarioElapsed,
    Duration scenarioLength,
    Timeline.Span span,
    int phases,
    Counts gateway,
    Counts direct,
    long recentP95Millis,
    Map<String, Integer> recentServedBy,
    Map<String, String> breakers) {

  /** Requests of one run so far. */
  public record Counts(int sent, int ok, int wrong, int failed) {
    public int done() {
      return ok + wrong + failed;
    }

    /** Right answers among those complete, or 1 when none is. */
    public double successRate() {
      return done() == 0 ? 1.0 : (double) ok / done();
    }
  }
}
