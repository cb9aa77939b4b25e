package dev.ninelives.status;

import java.util.Arrays;

/**
 * One target's attempts over the last five minutes, in 10-second buckets. Each bucket is
 * tagged with the bucket number it counts for, so a stale one is recognised and reset lazily
 * instead of by a timer.
 *
 * <p>Not thread-safe: guarded by its {@link TargetHealth}.
 */
final class TargetWindow {
  static final long BUCKET_NANOS = 10_000_000_000L;
  static final int BUCKETS = 30;
  /** Buckets that make up "the last minute". */
  static final int RECENT = 6;

  private final long[] epoch = new long[BUCKETS];
  private final int[] successes = new int[BUCKETS];
  private final int[] failures = new int[BUCKETS];
  private final int[] neutral = new int[BUCKETS];
  private final int[] skips = new int[BUCKETS];
  private final int[] slow = new int[BUCKETS];
  private final long[] latencyMax = new long[BUCKETS];
  private final int[][] outcomes = new int[BUCKETS][Outcomes.SLOTS];
  private final int[][] bins = new int[BUCKETS][Latencies.BINS];

  TargetWindow() {
    Arrays.fill(epoch, Long.MIN_VALUE);
  }

  private int bucket(long now) {
    long e = Math.floorDiv(now, BUCKET_NANOS);
    int i = (int) Math.floorMod(e, (long) BUCKETS);
    if (epoch[i] != e) {
      epoch[i] = e;
      successes[i] = 0;
      failures[i] = 0;
      neutral[i] = 0;
      skips[i] = 0;
      slow[i] = 0;
      latencyMax[i] = 0;
      Arrays.fill(outcomes[i], 0);
      Arrays.fill(bins[i], 0);
    }
    return i;
  }

  /**
   * Records one attempt.
   *
   * @param latencyNanos for a success, time to first content or to the answer; else ignored
   * @param slowCallNanos the target's slow-call threshold
   */
  void record(long now, Outcomes.Kind kind, String label, long latencyNanos, long slowCallNanos) {
    int i = bucket(now);
    switch (kind) {
      case SUCCESS:
        successes[i]++;
        bins[i][Latencies.bin(latencyNanos)]++;
        latencyMax[i] = Math.max(latencyMax[i], latencyNanos);
        if (latencyNanos > slowCallNanos) {
          slow[i]++;
        }
        break;
      case FAILURE:
        failures[i]++;
        outcomes[i][Outcomes.slot(label)]++;
        break;
      case NEUTRAL:
        neutral[i]++;
        outcomes[i][Outcomes.slot(label)]++;
        break;
      case SKIP:
        skips[i]++;
        break;
      default:
        break;
    }
  }

  /**
   * Sums the buckets of the last {@code buckets} bucket periods, leaving out any bucket that
   * began before {@code sinceNanos}'s bucket.
   */
  Stats sum(long now, int buckets, long sinceNanos) {
    long current = Math.floorDiv(now, BUCKET_NANOS);
    long first = current - buckets + 1;
    if (sinceNanos != Long.MIN_VALUE) {
      first = Math.max(first, Math.floorDiv(sinceNanos, BUCKET_NANOS));
    }
    Stats s = new Stats();
    for (int i = 0; i < BUCKETS; i++) {
      if (epoch[i] < first || epoch[i] > current) {
        continue;
      }
      s.successes += successes[i];
      s.failures += failures[i];
      s.neutral += neutral[i];
      s.skips += skips[i];
      s.slow += slow[i];
      s.latencyMax = Math.max(s.latencyMax, latencyMax[i]);
      for (int k = 0; k < Outcomes.SLOTS; k++) {
        s.outcomes[k] += outcomes[i][k];
      }
      for (int k = 0; k < Latencies.BINS; k++) {
        s.bins[k] += bins[i][k];
      }
    }
    return s;
  }

  /**
   * Share of successes per bucket over the whole window, oldest first; null for a bucket
   * with no judged attempts.
   */
  Double[] successSeries(long now) {
    long current = Math.floorDiv(now, BUCKET_NANOS);
    Double[] out = new Double[BUCKETS];
    for (int k = 0; k < BUCKETS; k++) {
      long e = current - BUCKETS + 1 + k;
      int i = (int) Math.floorMod(e, (long) BUCKETS);
      int judged = epoch[i] == e ? successes[i] + failures[i] : 0;
      out[k] = judged == 0 ? null : (double) successes[i] / judged;
    }
    return out;
  }

  /** Sums over some buckets. */
  static final class Stats {
    long successes;
    long failures;
    long neutral;
    long skips;
    long slow;
    long latencyMax;
    final long[] outcomes = new long[Outcomes.SLOTS];
    final long[] bins = new long[Latencies.BINS];

    /** Network attempts of any outcome. */
    long attempts() {
      return successes + failures + neutral;
    }

    /** Attempts that say something about the target: successes and failures. */
    long judged() {
      return successes + failures;
    }

    Double successRate() {
      long j = judged();
      return j == 0 ? null : (double) successes / j;
    }

    Long percentileMillis(int percent) {
      return Latencies.percentileMillis(bins, percent, latencyMax);
    }
  }
}
