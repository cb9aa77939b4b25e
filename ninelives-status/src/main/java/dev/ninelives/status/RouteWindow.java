package dev.ninelives.status;

import java.util.Arrays;

/**
 * One route's client requests over the last five minutes, in the same 10-second buckets as
 * {@link TargetWindow}.
 *
 * <p>Not thread-safe: callers synchronize on it.
 */
final class RouteWindow {
  private static final int BUCKETS = TargetWindow.BUCKETS;
  private static final long BUCKET_NANOS = TargetWindow.BUCKET_NANOS;

  /** How a request ended, as the status page counts it. */
  enum Result {
    SUCCEEDED,
    /** Succeeded, but only after more than one upstream attempt. */
    FAILED_OVER,
    FAILED,
    /** Cancelled by the client or refused as the caller's own mistake: not judged. */
    NEUTRAL
  }

  private final long[] epoch = new long[BUCKETS];
  private final int[] requests = new int[BUCKETS];
  private final int[] succeeded = new int[BUCKETS];
  private final int[] failedOver = new int[BUCKETS];
  private final int[] failed = new int[BUCKETS];
  private final long[] latencySum = new long[BUCKETS];
  private final long[] latencyMax = new long[BUCKETS];
  private final int[][] bins = new int[BUCKETS][Latencies.BINS];

  RouteWindow() {
    Arrays.fill(epoch, Long.MIN_VALUE);
  }

  void record(long now, Result result, long latencyNanos) {
    long e = Math.floorDiv(now, BUCKET_NANOS);
    int i = (int) Math.floorMod(e, (long) BUCKETS);
    if (epoch[i] != e) {
      epoch[i] = e;
      requests[i] = 0;
      succeeded[i] = 0;
      failedOver[i] = 0;
      failed[i] = 0;
      latencySum[i] = 0;
      latencyMax[i] = 0;
      Arrays.fill(bins[i], 0);
    }
    requests[i]++;
    if (result == Result.FAILED) {
      failed[i]++;
    } else if (result != Result.NEUTRAL) {
      // A request answered after a failover succeeded too.
      if (result == Result.FAILED_OVER) {
        failedOver[i]++;
      }
      succeeded[i]++;
      latencySum[i] += latencyNanos;
      latencyMax[i] = Math.max(latencyMax[i], latencyNanos);
      bins[i][Latencies.bin(latencyNanos)]++;
    }
  }

  Stats sum(long now, int buckets) {
    long current = Math.floorDiv(now, BUCKET_NANOS);
    long first = current - buckets + 1;
    Stats s = new Stats();
    for (int i = 0; i < BUCKETS; i++) {
      if (epoch[i] < first || epoch[i] > current) {
        continue;
      }
      s.requests += requests[i];
      s.succeeded += succeeded[i];
      s.failedOver += failedOver[i];
      s.failed += failed[i];
      s.latencySum += latencySum[i];
      s.latencyMax = Math.max(s.latencyMax, latencyMax[i]);
      for (int k = 0; k < Latencies.BINS; k++) {
        s.bins[k] += bins[i][k];
      }
    }
    return s;
  }

  static final class Stats {
    long requests;
    long succeeded;
    long failedOver;
    long failed;
    long latencySum;
    long latencyMax;
    final long[] bins = new long[Latencies.BINS];

    Double successRate() {
      long judged = succeeded + failed;
      return judged == 0 ? null : (double) succeeded / judged;
    }

    /** Mean latency of succeeded requests in nanoseconds, or -1 when there were none. */
    double meanLatencyNanos() {
      return succeeded == 0 ? -1 : (double) latencySum / succeeded;
    }

    Long percentileMillis(int percent) {
      return Latencies.percentileMillis(bins, percent, latencyMax);
    }
  }
}
