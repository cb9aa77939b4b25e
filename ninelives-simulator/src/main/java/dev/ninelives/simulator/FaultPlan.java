package dev.ninelives.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
  private SplittableRandom latencies;
  private long startNanos;

  /** One request's plan: its fault, and how long the provider waits before answering it. */
  record Planned(Fault fault, Duration latency) {}

  FaultPlan(LongSupplier clock, Fault defaultFault, FaultSchedule schedule) {
    this.clock = clock;
    this.defaultFault = Objects.requireNonNull(defaultFault, "defaultFault");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.random = new SplittableRandom(schedule.seed());
    this.latencies = new SplittableRandom(~schedule.seed());
    this.startNanos = clock.getAsLong();
  }

  /**
   * The next request's fault, and its latency: drawn from the fault's own latency for {@link
   * Fault#slow} (at the request's place in a ramp), else from {@code base}.
   */
  synchronized Planned next(Latency base) {
    Fault fault = queue.poll();
    double progress = 0.0;
    if (fault == null) {
      Optional<FaultSchedule.Match> match = schedule.match(elapsed(), random::nextDouble);
      fault = match.map(FaultSchedule.Match::fault).orElse(defaultFault);
      progress = match.map(FaultSchedule.Match::progress).orElse(0.0);
    }
    Latency latency = fault.kind() == Fault.Kind.SLOW ? fault.latency() : base;
    return new Planned(fault, latency.sample(progress, latencies));
  }

  /** A latency drawn from {@code base}, for answers that take no fault (model lists, bad requests). */
  synchronized Duration sample(Latency base) {
    return base.sample(0.0, latencies);
  }

  /** True if the port should be closed now: the default refuses, or a refuse window is open. */
  synchronized boolean refusingNow() {
    return defaultFault.kind() == Fault.Kind.REFUSE || schedule.refusesAt(elapsed());
  }

  /**
   * True if the refusal in force lets answers in progress finish ({@link
   * Fault#refuseLettingAnswersFinish()}); false if it drops them, or nothing refuses.
   */
  synchronized boolean refusalLetsAnswersFinish() {
    if (defaultFault.kind() == Fault.Kind.REFUSE) {
      return defaultFault.finishesInFlight();
    }
    return schedule.refusalAt(elapsed()).map(Fault::finishesInFlight).orElse(false);
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
    latencies = new SplittableRandom(~s.seed());
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
