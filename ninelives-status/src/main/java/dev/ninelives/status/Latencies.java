package dev.ninelives.status;

/**
 * The small fixed latency histogram kept per 10-second bucket: enough to estimate a median
 * and a 95th percentile within the width of one bin, at a few hundred bytes per bucket.
 *
 * <p>Stateless helpers over {@code int[]} bins; callers hold the lock that guards the arrays.
 */
final class Latencies {
  /** Upper bounds of the bins in milliseconds; the last bin holds everything slower. */
  static final long[] BOUNDS_MS = {
      5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1_000, 1_500, 2_000, 3_000,
      4_000, 5_000, 7_500, 10_000, 15_000, 20_000, 30_000, 45_000, 60_000, 90_000, 120_000,
      180_000};
  static final int BINS = BOUNDS_MS.length + 1;

  private Latencies() {
  }

  static int bin(long nanos) {
    double ms = nanos / 1e6;
    for (int i = 0; i < BOUNDS_MS.length; i++) {
      if (ms <= BOUNDS_MS[i]) {
        return i;
      }
    }
    return BOUNDS_MS.length;
  }

  /**
   * The {@code percent}-th percentile (nearest rank, interpolated within its bin) in
   * milliseconds, or null when there are no samples.
   *
   * @param bins counts per bin, summed over the buckets of interest
   * @param maxNanos the slowest sample seen, which caps the estimate
   */
  static Long percentileMillis(long[] bins, int percent, long maxNanos) {
    long n = 0;
    for (long c : bins) {
      n += c;
    }
    if (n == 0) {
      return null;
    }
    long rank = Math.max(1, (percent * n + 99) / 100);
    double maxMs = maxNanos / 1e6;
    long before = 0;
    for (int i = 0; i < bins.length; i++) {
      if (before + bins[i] >= rank) {
        double lo = i == 0 ? 0 : BOUNDS_MS[i - 1];
        double hi = i < BOUNDS_MS.length ? BOUNDS_MS[i] : Math.max(lo, maxMs);
        hi = Math.min(hi, Math.max(lo, maxMs));
        double v = lo + (hi - lo) * (rank - before) / (double) bins[i];
        return Math.round(Math.min(v, maxMs));
      }
      before += bins[i];
    }
    return Math.round(maxMs);
  }

  /**
   * Whether the nearest-rank 95th percentile of {@code samples} latencies lies above a
   * threshold, given how many of them were above it: exact, with no binning error.
   */
  static boolean p95Above(long samples, long above) {
    if (samples == 0) {
      return false;
    }
    long rank = (95 * samples + 99) / 100;
    return above > samples - rank;
  }
}
