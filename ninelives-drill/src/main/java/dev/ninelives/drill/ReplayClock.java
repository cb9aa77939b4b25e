package dev.ninelives.drill;

import java.util.function.LongSupplier;

/**
 * Nanoseconds since the replay started, the one time base of a drill: requests, outcomes,
 * gateway events and call samples are all timed on it. Before {@link #start()} it counts from
 * when it was made. Thread-safe.
 */
final class ReplayClock implements LongSupplier {
  private volatile long start = System.nanoTime();

  /** The replay starts now. */
  void start() {
    start = System.nanoTime();
  }

  @Override
  public long getAsLong() {
    return System.nanoTime() - start;
  }
}
