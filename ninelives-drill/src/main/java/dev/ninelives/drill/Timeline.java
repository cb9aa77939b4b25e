package dev.ninelives.drill;

import dev.ninelives.simulator.FaultSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scenario's phases placed on the wall clock of one replay, and what follows from them: each
 * provider's fault schedule for the simulator, which providers are healthy when, and the
 * incidents (a provider's unbroken run of faulty phases). Immutable and thread-safe.
 */
public final class Timeline {

  /**
   * A phase on the wall clock; times are nanoseconds from the start of the replay.
   *
   * @param index 0-based position in the scenario
   */
  public record Span(int index, Phase phase, Duration scenarioStart, long wallStart, long wallEnd) {
    public boolean contains(long wallNanos) {
      return wallNanos >= wallStart && wallNanos < wallEnd;
    }
  }

  /**
   * A provider's unbroken run of faulty phases.
   *
   * @param provider the provider at fault
   * @param firstPhase index of the run's first phase
   * @param lastPhase index of its last phase
   * @param wallStart when its first phase begins (nanoseconds into the replay)
   * @param wallEnd when its last phase ends, i.e. when the provider recovers
   * @param recovers whether a healthy phase follows within the scenario
   * @param visible whether any of its faults is visible on the wire (else it is silent degradation)
   */
  public record Incident(
      String provider, int firstPhase, int lastPhase, long wallStart, long wallEnd, boolean recovers, boolean visible) {}

  private final DrillScenario scenario;
  private final Compression compression;
  private final List<Span> spans;

  public Timeline(DrillScenario scenario, Compression compression) {
    this.scenario = scenario;
    this.compression = compression;
    List<Span> list = new ArrayList<>();
    Duration at = Duration.ZERO;
    for (int i = 0; i < scenario.phases().size(); i++) {
      Phase p = scenario.phases().get(i);
      long start = compression.toWallNanos(at);
      at = at.plus(p.length());
      list.add(new Span(i, p, at.minus(p.length()), start, compression.toWallNanos(at)));
    }
    this.spans = List.copyOf(list);
  }

  public DrillScenario scenario() {
    return scenario;
  }

  public Compression compression() {
    return compression;
  }

  public List<Span> spans() {
    return spans;
  }

  /** The replay's wall-clock length in nanoseconds. */
  public long wallNanos() {
    return spans.get(spans.size() - 1).wallEnd();
  }

  /** The span in force at this moment; the last one after the end, the first before the start. */
  public Span spanAt(long wallNanos) {
    for (Span s : spans) {
      if (s.contains(wallNanos)) {
        return s;
      }
    }
    return wallNanos < 0 ? spans.get(0) : spans.get(spans.size() - 1);
  }

  /**
   * The simulator schedule for one provider: each of its phase rules as a window on the wall
   * clock, in phase order; the provider is healthy outside them.
   */
  public FaultSchedule schedule(String provider, long seed) {
    FaultSchedule.Builder b = FaultSchedule.builder().seed(seed);
    for (Span s : spans) {
      for (PhaseFault rule : s.phase().faults().getOrDefault(provider, List.of())) {
        b.between(Duration.ofNanos(s.wallStart()), Duration.ofNanos(s.wallEnd()), rule.fault());
        if (rule.probability() < 1.0) {
          b.withProbability(rule.probability());
        }
      }
    }
    return b.build();
  }

  /** True if at least one of these providers has no fault in the span. */
  public static boolean anyHealthy(Span span, List<String> providers) {
    return providers.stream().anyMatch(p -> span.phase().healthy(p));
  }

  /** Every provider's incidents, in order of start. */
  public List<Incident> incidents() {
    List<Incident> out = new ArrayList<>();
    for (DrillProvider p : scenario.providers()) {
      int first = -1;
      boolean visible = false;
      for (int i = 0; i <= spans.size(); i++) {
        boolean faulty = i < spans.size() && !spans.get(i).phase().healthy(p.name());
        if (faulty) {
          if (first < 0) {
            first = i;
            visible = false;
          }
          visible |= spans.get(i).phase().faults().get(p.name()).stream().anyMatch(PhaseFault::visible);
        } else if (first >= 0) {
          out.add(new Incident(p.name(), first, i - 1, spans.get(first).wallStart(), spans.get(i - 1).wallEnd(),
              i < spans.size(), visible));
          first = -1;
        }
      }
    }
    out.sort(java.util.Comparator.comparingLong(Incident::wallStart));
    return out;
  }

  /** The incident of this provider that holds this moment, if any. */
  public Optional<Incident> incidentAt(String provider, long wallNanos) {
    return incidents().stream()
        .filter(i -> i.provider().equals(provider) && wallNanos >= i.wallStart() && wallNanos < i.wallEnd())
        .findFirst();
  }
}
