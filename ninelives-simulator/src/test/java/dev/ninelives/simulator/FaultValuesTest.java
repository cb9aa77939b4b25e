package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fault and schedule values: validation, copies, matching; plus the token and duration rules. */
class FaultValuesTest {

  @Test
  void faultsAreValuesAndCopiesLeaveTheOriginalAlone() {
    Fault base = Fault.status(503);
    Fault changed = base.withHeader("Retry-After", "3").withDelay(Duration.ofMillis(10));

    assertThat(base.headers()).isEmpty();
    assertThat(base.delay()).isZero();
    assertThat(changed.headers()).containsEntry("retry-after", "3");
    assertThat(changed.delay()).isEqualTo(Duration.ofMillis(10));
    assertThat(changed.httpStatus()).isEqualTo(503);
    assertThat(Fault.status(503)).isEqualTo(base).hasSameHashCodeAs(base);
    assertThat(changed).isNotEqualTo(base);
    assertThat(Fault.cutAfterEvents(3).afterEvents()).isEqualTo(3);
    assertThat(Fault.cutAfterEvents(3).toString()).contains("CUT_AFTER_EVENTS", "3");
  }

  @Test
  void faultFactoriesRejectNonsense() {
    assertThatThrownBy(() -> Fault.status(200)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200");
    assertThatThrownBy(() -> Fault.status(600)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.stallAfterEvents(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.drip(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.none().withDelay(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.none().withHeader(" ", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scheduleWindowsAreHalfOpenAndOptionallyRepeat() {
    FaultSchedule s = FaultSchedule.builder()
        .between(Duration.ofSeconds(1), Duration.ofSeconds(2), Fault.status(500))
        .repeatEvery(Duration.ofSeconds(3))
        .build();

    assertThat(s.faultAt(Duration.ofMillis(999), () -> 0)).isEmpty();
    assertThat(s.faultAt(Duration.ofSeconds(1), () -> 0)).contains(Fault.status(500));
    assertThat(s.faultAt(Duration.ofSeconds(2), () -> 0)).isEmpty();
    assertThat(s.faultAt(Duration.ofSeconds(4), () -> 0)).contains(Fault.status(500));
    assertThat(s.faultAt(Duration.ofSeconds(-5), () -> 0)).isEmpty();
    assertThat(s.period()).contains(Duration.ofSeconds(3));
  }

  @Test
  void probabilityUsesTheDrawAndRefuseWinsOverlaps() {
    FaultSchedule s = FaultSchedule.builder()
        .from(Duration.ZERO, Fault.status(503)).withProbability(0.25)
        .from(Duration.ofSeconds(10), Fault.refuse())
        .build();

    assertThat(s.faultAt(Duration.ZERO, () -> 0.2)).contains(Fault.status(503));
    assertThat(s.faultAt(Duration.ZERO, () -> 0.3)).isEqualTo(Optional.empty());
    assertThat(s.faultAt(Duration.ofSeconds(10), () -> 0.2)).contains(Fault.refuse());
    assertThat(s.refusesAt(Duration.ofSeconds(9))).isFalse();
    assertThat(s.refusesAt(Duration.ofSeconds(10))).isTrue();
    assertThat(s.hasRefusal()).isTrue();
  }

  @Test
  void scheduleBuilderRejectsNonsense() {
    FaultSchedule.Builder b = FaultSchedule.builder();
    assertThatThrownBy(() -> b.between(Duration.ofSeconds(2), Duration.ofSeconds(1), Fault.none()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after its start");
    assertThatThrownBy(() -> b.from(Duration.ofSeconds(-1), Fault.none())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.withProbability(0.5)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> FaultSchedule.builder().from(Duration.ZERO, Fault.none()).withProbability(1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    assertThatThrownBy(() -> FaultSchedule.builder().from(Duration.ZERO, Fault.refuse()).withProbability(0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refuse");
    assertThatThrownBy(() -> FaultSchedule.builder()
            .between(Duration.ofSeconds(5), Duration.ofSeconds(15), Fault.none())
            .repeatEvery(Duration.ofSeconds(10))
            .build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat period");
    assertThatThrownBy(() -> FaultSchedule.builder().repeatEvery(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tokensAreWordsWithTheirLeadingSpaceAndRoundTrip() {
    assertThat(Tokens.split("Hello from primary.")).containsExactly("Hello", " from", " primary.");
    assertThat(Tokens.split("  lead  and trail  ")).containsExactly("  lead", "  and", " trail  ");
    assertThat(Tokens.split("")).isEmpty();
    assertThat(String.join("", Tokens.split(" a\n b\tc "))).isEqualTo(" a\n b\tc ");
    assertThat(Tokens.count("  two words ")).isEqualTo(2);
  }

  @Test
  void durationsReadTheScenarioSyntax() {
    assertThat(Durations.parse("50ms")).isEqualTo(Duration.ofMillis(50));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("0")).isZero();
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("2m 30s")).isEqualTo(Duration.ofSeconds(150));
    assertThatThrownBy(() -> Durations.parse("5")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("250ms");
    assertThat(Durations.ceilMillis(Duration.ofNanos(1_000_001))).isEqualTo(2);
  }
}
