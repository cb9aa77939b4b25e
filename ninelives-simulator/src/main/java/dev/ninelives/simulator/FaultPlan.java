package dev.ninelives.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Decides which fault the next request gets: a queued fault first, else the first matching
 * schedule window, else the default. Thread-safe: every method holds the instance lock, because
 * requests on event loops and test threads changing the plan race freely.
 */
final class FaultPlan {
  private final LongSupplier clock;
  private final Deque<Fault> queue = new ArrayDeque<>();
  private Fault defaultFault;
  private FaultSchedule schedule;
  private SplittableRandom random;
  private long startNanos;

  FaultPlan(LongSupplier clock, Fault defaultFault, FaultSchedule schedule) {
    this.clock = clock;
    this.defaultFault = Objects.requireNonNull(defaultFault, "defaultFault");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.random = new SplittableRandom(schedule.seed());
    this.startNanos = clock.getAsLong();
  }

  synchronized Fault next() {
    Fault queued = queue.poll();
    if (queued != null) {
      return queued;
    }
    return schedule.faultAt(elapsed(), random::nextDouble).orElse(defaultFault);
  }

  /** True if the port should be closed now: the default refuses, or a refuse window is open. */
  synchronized boolean refusingNow() {
    return defaultFault.kind() == Fault.Kind.REFUSE || schedule.refusesAt(elapsed());
  }

  /** True if refusal can change with time alone, so someone has to keep looking at the clock. */
  synchronized boolean refusalDependsOnTime() {
    return schedule.hasRefusal();
  }

  synchronized void enqueue(List<Fault> faults) {
    for (Fault f : faults) {
      Objects.requireNonNull(f, "fault");
      if (f.kind() == Fault.Kind.REFUSE) {
        throw new IllegalArgumentException(
            "Fault.refuse() cannot be queued: a request that arrived is already connected;"
                + " use refuseConnections(true), setDefault or a schedule");
      }
    }
    queue.addAll(faults);
  }

  synchronized void setDefault(Fault f) {
    defaultFault = Objects.requireNonNull(f, "fault");
  }

  synchronized void setSchedule(FaultSchedule s) {
    schedule = Objects.requireNonNull(s, "schedule");
    random = new SplittableRandom(s.seed());
  }

  synchronized void resetClock() {
    startNanos = clock.getAsLong();
  }

  /** Empties the queue and forgets default and schedule. */
  synchronized void clear() {
    queue.clear();
    defaultFault = Fault.none();
    setSchedule(FaultSchedule.empty());
  }

  synchronized int queued() {
    return queue.size();
  }

  private Duration elapsed() {
    return Duration.ofNanos(clock.getAsLong() - startNanos);
  }
}
