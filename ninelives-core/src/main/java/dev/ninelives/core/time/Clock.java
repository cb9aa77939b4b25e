package dev.ninelives.core.time;

/**
 * The source of time for every decision the gateway makes by time: breaker windows, open
 * durations, retry budgets, key quarantine, deadlines and backoff.
 *
 * <p>Policy code never reads the system clock directly, so tests can move time with
 * {@link ManualClock} instead of sleeping. Implementations must be thread-safe.
 */
public interface Clock {

  /** Monotonic time in nanoseconds; only differences between two readings are meaningful. */
  long nanoTime();

  /** Wall-clock time in epoch milliseconds, used for timestamps shown to people. */
  long epochMillis();

  /** The system clock: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
