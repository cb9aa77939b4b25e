package dev.ninelives.simulator;

import java.time.Duration;
import java.util.Arrays;

/**
 * The provider's counters, with waits that wake on change instead of polling. Thread-safe: all
 * state is guarded by the instance monitor, which waiters wait on.
 */
final class Counters {

  /** Which counter to read or wait for. */
  enum Name {
    REQUESTS,
    ABORTED_BY_PEER,
    CONNECTIONS_OPENED,
    CONNECTIONS_CLOSED,
    DEGRADED_ANSWERS
  }

  private final int[] values = new int[Name.values().length];

  synchronized void increment(Name name) {
    values[name.ordinal()]++;
    notifyAll();
  }

  synchronized int get(Name name) {
    return values[name.ordinal()];
  }

  synchronized void reset() {
    Arrays.fill(values, 0);
    notifyAll();
  }

  /**
   * Waits until the counter reaches {@code n} or the timeout passes; false on timeout or
   * interrupt (the interrupt flag is kept).
   */
  synchronized boolean await(Name name, int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (values[name.ordinal()] < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(Math.max(1, left / 1_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
