package dev.ninelives.core.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when told to, for tests and for replaying compressed time.
 * Both readings advance together. Thread-safe.
 */
public final class ManualClock implements Clock {
  private final AtomicLong nanos = new AtomicLong();
  private final long epochStartMillis;

  /** Starts at monotonic time zero and wall time 2026-01-01T00:00:00Z. */
  public ManualClock() {
    this(1_767_225_600_000L);
  }

  public ManualClock(long epochStartMillis) {
    this.epochStartMillis = epochStartMillis;
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public long epochMillis() {
    return epochStartMillis + nanos.get() / 1_000_000L;
  }

  /** Moves time forward; a negative amount is refused because monotonic time never goes back. */
  public ManualClock advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("time cannot move backwards, but was asked to move " + amount);
    }
    nanos.addAndGet(amount.toNanos());
    return this;
  }

  public ManualClock advanceMillis(long millis) {
    return advance(Duration.ofMillis(millis));
  }
}
