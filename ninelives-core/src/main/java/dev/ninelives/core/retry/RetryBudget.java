package dev.ninelives.core.retry;

import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.time.Clock;
import java.util.Arrays;

/**
 * Caps retries to one target at a share of that target's recent first attempts, so a dead
 * provider is never hit by a retry storm: with the default 20%, 1,000 requests cause at most
 * about 200 retries (plus a small floor per window so a quiet route can still retry).
 *
 * <p>Counts live in a ring of time buckets spanning the budget window. Thread-safe.
 */
public final class RetryBudget {
  private static final int BUCKETS = 10;

  private final Clock clock;
  private final double ratio;
  private final int minRetries;
  private final long bucketNanos;
  private final long[] epochs = new long[BUCKETS];
  private final int[] firsts = new int[BUCKETS];
  private final int[] retries = new int[BUCKETS];

  public RetryBudget(ResilienceConfig.Retries config, Clock clock) {
    this.clock = clock;
    this.ratio = config.budgetRatio();
    this.minRetries = config.budgetMinRetries();
    this.bucketNanos = Math.max(1, config.budgetWindow().toNanos() / BUCKETS);
    Arrays.fill(epochs, Long.MIN_VALUE);
  }

  /** Counts a first attempt (not a retry) at the target. */
  public synchronized void recordFirstAttempt() {
    firsts[bucket(clock.nanoTime())]++;
  }

  /** Takes one retry from the budget; false when the budget is spent. */
  public synchronized boolean tryAcquireRetry() {
    long now = clock.nanoTime();
    long epoch = Math.floorDiv(now, bucketNanos);
    int f = 0;
    int r = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (epochs[i] > epoch - BUCKETS) {
        f += firsts[i];
        r += retries[i];
      }
    }
    if (r >= Math.max(minRetries, (int) Math.floor(ratio * f))) {
      return false;
    }
    retries[bucket(now)]++;
    return true;
  }

  private int bucket(long now) {
    long epoch = Math.floorDiv(now, bucketNanos);
    int i = (int) Math.floorMod(epoch, (long) BUCKETS);
    if (epochs[i] != epoch) {
      epochs[i] = epoch;
      firsts[i] = 0;
      retries[i] = 0;
    }
    return i;
  }
}
