package dev.ninelives.drill;

import java.time.Duration;

/**
 * How much faster than scenario time a replay runs. Only the timeline is compressed: the
 * moments at which faults begin and end. Everything a single call does keeps its real duration
 * (latencies, timeouts, retry-after, breaker and quarantine timers), so the gateway makes the
 * same decision for each call that it would make in the real outage. Immutable.
 *
 * @param factor scenario seconds per wall-clock second (1 = real time)
 */
public record Compression(double factor) {

  public Compression {
    if (!(factor >= 1.0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("compression must be 1 (real time) or more, but was " + factor);
    }
  }

  /** The compression that replays {@code scenarioLength} in {@code wallLength} (never slower than real time). */
  public static Compression toLength(Duration scenarioLength, Duration wallLength) {
    if (wallLength.isNegative() || wallLength.isZero()) {
      throw new IllegalArgumentException("a replay must last longer than zero");
    }
    return new Compression(Math.max(1.0, (double) scenarioLength.toNanos() / wallLength.toNanos()));
  }

  public long toWallNanos(Duration scenario) {
    return Math.round(scenario.toNanos() / factor);
  }

  public Duration toScenario(long wallNanos) {
    return Duration.ofNanos(Math.round(wallNanos * factor));
  }
}
