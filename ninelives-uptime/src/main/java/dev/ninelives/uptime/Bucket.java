package dev.ninelives.uptime;

import java.util.concurrent.atomic.LongAdder;

/**
 * One series' counts for one wall-clock minute. Request threads add to the counters without a
 * lock; the history's flusher reads them and remembers, in {@link #written}, how much of each it
 * has already stored, so it stores only what came since (stored lines are additive).
 *
 * <p>Counters and {@link #out} are thread-safe; {@link #written} and {@link #writtenOut} belong
 * to whoever holds the history's lock.
 */
final class Bucket {
  final long minute;
  final LongAdder[] counts;
  /** Routes: requests answered by a target other than the first of their plan. */
  final LongAdder failedOver = new LongAdder();
  /** The series' breaker was open or its provider quarantined at some point of the minute. */
  volatile boolean out;

  final long[] written;
  long writtenFailedOver;
  boolean writtenOut;

  Bucket(long minute, int slots) {
    this.minute = minute;
    this.counts = new LongAdder[slots];
    for (int i = 0; i < slots; i++) {
      counts[i] = new LongAdder();
    }
    this.written = new long[slots];
  }
}
