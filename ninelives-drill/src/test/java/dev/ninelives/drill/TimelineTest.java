package dev.ninelives.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.FaultSchedule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compression and the timeline it gives: phases on the wall clock, schedules and incidents. */
class TimelineTest {
  private static final DrillScenario S = DrillScenario.parse(String.join("\n",
      "providers: [{name: primary}, {name: secondary}]",
      "phases:",
      "  - { name: calm, for: 1h }",
      "  - { name: slow, for: 1h, faults: { primary: { fault: slow, latency: { from: 200ms, to: 12s } } } }",
      "  - { name: down, for: 2h, faults: { primary: [ { fault: status, status: 503, probability: 50% },"
          + " { fault: hang } ] } }",
      "  - { name: lies, for: 1h, faults: { primary: { fault: wrong-answer }, secondary: { fault: status,"
          + " status: 500 } } }",
      "  - { name: calm again, for: 1h }",
      "  - { name: late, for: 1h, faults: { secondary: { fault: refuse } } }",
      ""), "t.yaml");

  @Test
  void anHourBecomesAMinuteAtSixtyTimes() {
    Compression c = Compression.toLength(Duration.ofHours(6), Duration.ofMinutes(6));

    assertThat(c.factor()).isEqualTo(60.0);
    assertThat(c.toWallNanos(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1).toNanos());
    assertThat(c.toScenario(Duration.ofSeconds(30).toNanos())).isEqualTo(Duration.ofMinutes(30));
    assertThat(Compression.toLength(Duration.ofSeconds(10), Duration.ofMinutes(1)).factor())
        .as("never slower than real time").isEqualTo(1.0);
    assertThatThrownBy(() -> new Compression(0.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void phasesLieOnTheWallClockAndFaultsBecomeScheduleWindows() {
    Timeline t = new Timeline(S, new Compression(3600));

    assertThat(t.wallNanos()).isEqualTo(Duration.ofSeconds(7).toNanos());
    assertThat(t.spans()).extracting(Timeline.Span::wallStart)
        .containsExactly(0L, 1_000_000_000L, 2_000_000_000L, 4_000_000_000L, 5_000_000_000L, 6_000_000_000L);
    assertThat(t.spanAt(4_500_000_000L).phase().name()).isEqualTo("lies");
    assertThat(t.spanAt(99_000_000_000L).phase().name()).isEqualTo("late");

    FaultSchedule primary = t.schedule("primary", 7);
    assertThat(primary.seed()).isEqualTo(7);
    assertThat(primary.windows()).extracting(FaultSchedule.Window::from, FaultSchedule.Window::to,
            FaultSchedule.Window::probability)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.0),
            org.assertj.core.groups.Tuple.tuple(Duration.ofSeconds(2), Duration.ofSeconds(4), 0.5),
            org.assertj.core.groups.Tuple.tuple(Duration.ofSeconds(2), Duration.ofSeconds(4), 1.0),
            org.assertj.core.groups.Tuple.tuple(Duration.ofSeconds(4), Duration.ofSeconds(5), 1.0));
    assertThat(primary.windows().get(3).fault()).isEqualTo(Fault.wrongAnswer());
  }

  @Test
  void consecutiveFaultyPhasesMakeOneIncident() {
    Timeline t = new Timeline(S, new Compression(3600));

    List<Timeline.Incident> incidents = t.incidents();

    assertThat(incidents).extracting(Timeline.Incident::provider, Timeline.Incident::firstPhase,
            Timeline.Incident::lastPhase, Timeline.Incident::recovers, Timeline.Incident::visible)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("primary", 1, 3, true, true),
            org.assertj.core.groups.Tuple.tuple("secondary", 3, 3, true, true),
            org.assertj.core.groups.Tuple.tuple("secondary", 5, 5, false, true));
    assertThat(Timeline.anyHealthy(t.spans().get(3), List.of("primary", "secondary"))).isFalse();
    assertThat(Timeline.anyHealthy(t.spans().get(2), List.of("primary", "secondary"))).isTrue();
    assertThat(t.spans().get(3).phase().hasSilentFault()).isTrue();
    assertThat(t.spans().get(2).phase().hasSilentFault()).isFalse();
  }

  @Test
  void aPhaseTooShortForWhatIsAssertedInItIsPointedOut() {
    DrillScenario s = BuiltInScenarios.get("total-outage");

    assertThat(TimingNotes.of(new Timeline(s, Compression.toLength(s.length(), Duration.ofSeconds(10)))))
        .anySatisfy(n -> assertThat(n).contains("'recovery'").contains("readmission_max"));
    assertThat(TimingNotes.of(new Timeline(s, Compression.toLength(s.length(), Duration.ofSeconds(60))))).isEmpty();
  }
}
