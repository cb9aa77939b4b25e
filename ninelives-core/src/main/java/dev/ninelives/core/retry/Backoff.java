package dev.ninelives.core.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: the n-th retry waits a uniformly random time in
 * {@code [0, min(max, base * 2^(n-1)))}. Full jitter spreads the retries of many clients that
 * failed together, which is what keeps them from arriving together again.
 *
 * <p>Immutable and thread-safe when the random source is.
 */
public final class Backoff {
  private final long baseNanos;
  private final long maxNanos;
  private final DoubleSupplier random;

  /**
   * @param random uniform values in [0, 1); tests pass a fixed one
   */
  public Backoff(Duration base, Duration max, DoubleSupplier random) {
    this.baseNanos = base.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  public long delayNanos(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry numbers start at 1, but was " + retry);
    }
    int shift = Math.min(retry - 1, 40);
    long ceiling = baseNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, baseNanos << shift);
    return (long) (random.getAsDouble() * ceiling);
  }
}
