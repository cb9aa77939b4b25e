package dev.ninelives.uptime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a bucket has counted since it was last stored, as a minute line, with the totals to
 * remember once the line is stored. Used under the history's lock.
 */
final class Pending {
  final Series series;
  final Bucket bucket;
  final MinuteLine line;
  private final long[] totals;
  private final long failedOver;
  private final boolean out;

  private Pending(Series series, Bucket bucket, MinuteLine line, long[] totals, long failedOver,
      boolean out) {
    this.series = series;
    this.bucket = bucket;
    this.line = line;
    this.totals = totals;
    this.failedOver = failedOver;
    this.out = out;
  }

  /** The bucket's news, or null when it has none. */
  static Pending of(Series s, Bucket b) {
    int n = b.counts.length;
    long[] totals = new long[n];
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      totals[i] = b.counts[i].sum();
      long delta = totals[i] - b.written[i];
      if (delta > 0) {
        counts.put(s.labels.name(i), delta);
      }
    }
    long fo = b.failedOver.sum();
    boolean out = b.out;
    boolean newOut = out && !b.writtenOut;
    if (counts.isEmpty() && fo == b.writtenFailedOver && !newOut) {
      return null;
    }
    MinuteLine line = new MinuteLine(s.kind, s.name, b.minute, counts,
        fo - b.writtenFailedOver, newOut);
    return new Pending(s, b, line, totals, fo, out);
  }

  /** The line is stored: remember it, so it is not stored again. */
  void commit() {
    System.arraycopy(totals, 0, bucket.written, 0, totals.length);
    bucket.writtenFailedOver = failedOver;
    bucket.writtenOut = out;
  }
}
