package dev.ninelives.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Faults by time: windows measured from the provider's start (or its last {@link
 * SimulatedProvider#resetClock()}).
 *
 * <pre>{@code
 * FaultSchedule.builder()
 *     .between(Duration.ZERO, Duration.ofSeconds(30), Fault.status(503))
 *     .from(Duration.ofSeconds(30), Fault.status(500)).withProbability(0.3)
 *     .build();
 * // 10 s healthy, 10 s 503, over and over:
 * FaultSchedule.builder()
 *     .between(Duration.ofSeconds(10), Duration.ofSeconds(20), Fault.status(503))
 *     .repeatEvery(Duration.ofSeconds(20))
 *     .build();
 * }</pre>
 *
 * <p>For each request the windows are tried in the order added and the first that matches wins. A
 * window matches when the elapsed time is in {@code [from, to)} and, if it has a probability, a
 * draw from a generator seeded with {@link Builder#seed} falls under it; otherwise the next window
 * is tried. No match means the provider's default fault applies.
 *
 * <p>{@link Fault#refuse()} windows are different: while the clock is inside one, the port is
 * closed, so they win over any window they overlap. They cannot carry a probability.
 *
 * <p>Immutable and thread-safe; the random draws live in the provider that uses the schedule.
 */
public final class FaultSchedule {

  /**
   * One window: {@code fault} applies from {@code from} (inclusive) to {@code to} (exclusive; null
   * means for ever), with the given probability (1 = always).
   */
  public record Window(Duration from, Duration to, Fault fault, double probability) {
    public Window {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(fault, "fault");
      if (from.isNegative()) {
        throw new IllegalArgumentException("window start must not be negative, but was " + from);
      }
      if (to != null && to.compareTo(from) <= 0) {
        throw new IllegalArgumentException("window end " + to + " must be after its start " + from);
      }
      if (!(probability > 0.0 && probability <= 1.0)) {
        throw new IllegalArgumentException("probability must be in (0, 1], but was " + probability);
      }
      if (fault.kind() == Fault.Kind.REFUSE && probability < 1.0) {
        throw new IllegalArgumentException(
            "a refuse window cannot have a probability: a port is either open or closed");
      }
    }

    boolean contains(Duration t) {
      return t.compareTo(from) >= 0 && (to == null || t.compareTo(to) < 0);
    }

    /** How far {@code t} is through this window: 0 at its start, towards 1 at its end; 0 without an end. */
    double progress(Duration t) {
      if (to == null) {
        return 0.0;
      }
      return (double) t.minus(from).toNanos() / to.minus(from).toNanos();
    }
  }

  private static final FaultSchedule EMPTY = new FaultSchedule(List.of(), null, 1L);

  private final List<Window> windows;
  private final Duration period;
  private final long seed;

  private FaultSchedule(List<Window> windows, Duration period, long seed) {
    this.windows = List.copyOf(windows);
    this.period = period;
    this.seed = seed;
  }

  /** A schedule with no window: the default fault always applies. */
  public static FaultSchedule empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Window> windows() {
    return windows;
  }

  /** The repeat period, if the schedule repeats. */
  public Optional<Duration> period() {
    return Optional.ofNullable(period);
  }

  /** The seed of the probability draws. */
  public long seed() {
    return seed;
  }

  /** True if some window refuses connections. */
  public boolean hasRefusal() {
    return windows.stream().anyMatch(w -> w.fault().kind() == Fault.Kind.REFUSE);
  }

  /** True if the port should be closed at this elapsed time. */
  boolean refusesAt(Duration elapsed) {
    Duration t = position(elapsed);
    return windows.stream().anyMatch(w -> w.fault().kind() == Fault.Kind.REFUSE && w.contains(t));
  }

  /**
   * The fault for a request at this elapsed time, or empty when no window matches. {@code draw}
   * is asked for a number in [0, 1) only for windows that have a probability.
   */
  Optional<Fault> faultAt(Duration elapsed, DoubleSupplier draw) {
    return match(elapsed, draw).map(Match::fault);
  }

  /**
   * The matching window's fault and how far through its window the request came (0 at its start,
   * towards 1 at its end; 0 for a window without an end), or empty when no window matches.
   */
  Optional<Match> match(Duration elapsed, DoubleSupplier draw) {
    Duration t = position(elapsed);
    for (Window w : windows) {
      // A closed port wins over everything, whatever the order; see the class comment.
      if (w.fault().kind() == Fault.Kind.REFUSE && w.contains(t)) {
        return Optional.of(new Match(w.fault(), w.progress(t)));
      }
    }
    for (Window w : windows) {
      if (!w.contains(t)) {
        continue;
      }
      if (w.probability() >= 1.0 || draw.getAsDouble() < w.probability()) {
        return Optional.of(new Match(w.fault(), w.progress(t)));
      }
    }
    return Optional.empty();
  }

  /** The refuse fault whose window holds this elapsed time, if any. */
  Optional<Fault> refusalAt(Duration elapsed) {
    Duration t = position(elapsed);
    return windows.stream()
        .filter(w -> w.fault().kind() == Fault.Kind.REFUSE && w.contains(t))
        .map(Window::fault)
        .findFirst();
  }

  /** A window's fault for one request, and the request's place in that window (0..1). */
  record Match(Fault fault, double progress) {}

  private Duration position(Duration elapsed) {
    if (elapsed.isNegative()) {
      // A clock moved back before the start is treated as the start itself.
      return Duration.ZERO;
    }
    if (period == null) {
      return elapsed;
    }
    return Duration.ofNanos(elapsed.toNanos() % period.toNanos());
  }

  @Override
  public String toString() {
    return "FaultSchedule" + windows + (period == null ? "" : " every " + period);
  }

  /** Collects windows; not thread-safe, {@link #build()} copies. */
  public static final class Builder {
    private final List<Window> windows = new ArrayList<>();
    private Duration period;
    private long seed = 1L;

    private Builder() {}

    /** {@code fault} applies from {@code from} (inclusive) to {@code to} (exclusive). */
    public Builder between(Duration from, Duration to, Fault fault) {
      Objects.requireNonNull(to, "to");
      windows.add(new Window(from, to, fault, 1.0));
      return this;
    }

    /** {@code fault} applies from {@code from} on, for ever. */
    public Builder from(Duration from, Fault fault) {
      windows.add(new Window(from, null, fault, 1.0));
      return this;
    }

    /** Gives the window added last this probability of applying to each request. */
    public Builder withProbability(double probability) {
      if (windows.isEmpty()) {
        throw new IllegalStateException("withProbability applies to the window added last, but there is none yet");
      }
      Window last = windows.remove(windows.size() - 1);
      windows.add(new Window(last.from(), last.to(), last.fault(), probability));
      return this;
    }

    /** Seeds the probability draws, so a run can be repeated exactly; default 1. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Repeats the windows every {@code period}: the elapsed time is taken modulo the period, so
     * every window must lie inside {@code [0, period)}.
     */
    public Builder repeatEvery(Duration period) {
      Objects.requireNonNull(period, "period");
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("repeat period must be positive, but was " + period);
      }
      this.period = period;
      return this;
    }

    public FaultSchedule build() {
      if (period != null) {
        for (Window w : windows) {
          if (w.from().compareTo(period) >= 0 || (w.to() != null && w.to().compareTo(period) > 0)) {
            throw new IllegalArgumentException(
                "window " + w.from() + ".." + w.to() + " does not fit in the repeat period " + period);
          }
        }
      }
      return new FaultSchedule(windows, period, seed);
    }
  }
}
