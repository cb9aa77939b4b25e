package dev.ninelives.status;

/**
 * What happened to a subject before any incident was opened: the failure that started the
 * current run of failures and the events since (traffic moved, keys refused). Copied into the
 * incident's timeline when one opens, so the timeline starts where the trouble did.
 *
 * <p>Not thread-safe: guarded by the tracker's incident lock.
 */
final class RunUp {
  /** A failure more than this after the previous one starts a new run. */
  static final long GAP_NANOS = 60_000_000_000L;
  /** How far back a run-up reaches into a new incident. */
  static final long REACH_NANOS = 300_000_000_000L;

  Timeline.Entry lead;
  long lastFailureNanos = Long.MIN_VALUE;
  final Timeline events = new Timeline(10, 0);

  /** Whether the current run of failures is still going (its last failure within a minute). */
  boolean live(long now) {
    return lead != null && now - lastFailureNanos <= GAP_NANOS;
  }

  /**
   * Notes a failure: it leads a new run unless the current one is still going. Events of the
   * last minute stay (a key is quarantined before the attempt that caused it is reported).
   */
  void failure(long now, long nowMillis, String text) {
    if (!live(now)) {
      lead = new Timeline.Entry(now, nowMillis, text, 0);
      events.pruneBefore(now - GAP_NANOS);
    }
    lastFailureNanos = now;
  }

  void reset() {
    lead = null;
    lastFailureNanos = Long.MIN_VALUE;
    events.clear();
  }
}
