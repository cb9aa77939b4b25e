package dev.ninelives.status;

import static dev.ninelives.status.Fixture.P1;
import static dev.ninelives.status.Fixture.P2;
import static dev.ninelives.status.Fixture.P3;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.breaker.CallResult;
import dev.ninelives.core.breaker.CircuitBreaker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusTrackerTest {
  private final Fixture f = new Fixture();

  @Test
  void shouldStartHealthyAndOperational() {
    StatusSnapshot s = f.tracker.snapshot();
    assertThat(s.overall()).isEqualTo(OverallStatus.OPERATIONAL);
    assertThat(s.providers()).extracting(StatusSnapshot.ProviderStatus::name)
        .containsExactly("p1", "p2", "p3");
    assertThat(s.providers()).allSatisfy(p -> assertThat(p.state()).isEqualTo(HealthState.HEALTHY));
    StatusSnapshot.TargetStatus t = f.targetStatus(P1);
    assertThat(t.successRate5m()).isNull();
    assertThat(t.latencyP50Ms()).isNull();
    assertThat(t.attempts5m()).isZero();
    assertThat(t.breaker().state()).isEqualTo(BreakerState.CLOSED);
    assertThat(s.routes()).isEmpty();
    assertThat(s.incidents()).isEmpty();
  }

  @Test
  void shouldMoveHealthyDownRecoveringHealthy() {
    f.ok(P1, 100);
    assertThat(f.state(P1)).isEqualTo(HealthState.HEALTHY);

    f.openBreaker(P1);
    assertThat(f.state(P1)).isEqualTo(HealthState.DOWN);
    assertThat(f.tracker.providerState("p1")).contains(HealthState.DOWN);
    assertThat(f.state(P2)).isEqualTo(HealthState.HEALTHY);

    f.clock.advance(Duration.ofSeconds(30));
    assertThat(f.state(P1)).as("open period over: the next request is a trial")
        .isEqualTo(HealthState.RECOVERING);
    CircuitBreaker.Permit trial = f.breaker(P1).tryAcquire();
    assertThat(f.state(P1)).isEqualTo(HealthState.RECOVERING);

    f.breaker(P1).onResult(trial, CallResult.SUCCESS, 50_000_000L);
    assertThat(f.state(P1)).isEqualTo(HealthState.HEALTHY);
    assertThat(f.tracker.providerState("p1")).contains(HealthState.HEALTHY);
    assertThat(f.targetStatus(P1).breaker().history())
        .extracting(h -> h.from().label() + ">" + h.to().label())
        .containsExactly("closed>open", "open>half-open", "half-open>closed");
  }

  @Test
  void shouldShowDegradedWhenOneInFiveAttemptsFails() {
    for (int i = 0; i < 4; i++) {
      f.ok(P1, 100);
    }
    assertThat(f.state(P1)).isEqualTo(HealthState.HEALTHY);
    f.fail(P1);
    assertThat(f.breaker(P1).state()).as("1 in 5 does not open the breaker")
        .isEqualTo(BreakerState.CLOSED);
    assertThat(f.state(P1)).isEqualTo(HealthState.DEGRADED);
    assertThat(f.tracker.providerState("p1")).contains(HealthState.DEGRADED);
    assertThat(f.tracker.snapshot().overall()).isEqualTo(OverallStatus.DEGRADED);

    f.clock.advance(Duration.ofSeconds(61));
    assertThat(f.state(P1)).as("the failures left the last minute").isEqualTo(HealthState.HEALTHY);
  }

  @Test
  void shouldNotJudgeDegradationOnTooFewAttempts() {
    f.ok(P1, 100);
    f.fail(P1);
    assertThat(f.state(P1)).isEqualTo(HealthState.HEALTHY);
    assertThat(f.tracker.incidents()).isEmpty();
  }

  @Test
  void shouldShowDegradedWhenP95IsAboveTheSlowCallThreshold() {
    for (int i = 0; i < 19; i++) {
      f.ok(P1, 500);
    }
    f.ok(P1, 2_500);
    assertThat(f.state(P1)).as("1 slow answer in 20 is exactly 5%: p95 is fast")
        .isEqualTo(HealthState.HEALTHY);
    f.ok(P1, 2_500);
    assertThat(f.state(P1)).as("2 in 21 put p95 above 2 s").isEqualTo(HealthState.DEGRADED);
    assertThat(f.targetStatus(P1).latencyP95Ms()).isGreaterThan(2_000);
    assertThat(f.tracker.incidents()).singleElement().satisfies(i -> {
      assertThat(i.title()).isEqualTo("Slower or less reliable answers from p1/m");
      assertThat(i.timeline()).extracting(TimelineEntry::text)
          .anySatisfy(t -> assertThat(t).contains("answering slowly").contains("2 s"));
    });
  }

  @Test
  void shouldReportSuccessRateLatencyAndOutcomes() {
    for (int i = 0; i < 8; i++) {
      f.ok(P2, 100 * (i + 1)); // 100..800 ms
    }
    f.fail("chat", P2, "timeout", 0, 0);
    f.fail("chat", P2, "rate-limited", 429, 0);
    f.tracker.onAttempt("chat", new dev.ninelives.core.policy.AttemptRecord(P2, "k",
        "caller-error", 400, 1, -1, "bad", true, 0));
    f.skip(P2);
    StatusSnapshot.TargetStatus t = f.targetStatus(P2);
    assertThat(t.attempts5m()).isEqualTo(11);
    assertThat(t.failures5m()).isEqualTo(2);
    assertThat(t.skipped5m()).isEqualTo(1);
    assertThat(t.successRate5m()).isEqualTo(0.8);
    assertThat(t.outcomes5m()).containsOnly(
        java.util.Map.entry("timeout", 1L), java.util.Map.entry("rate-limited", 1L),
        java.util.Map.entry("caller-error", 1L));
    assertThat(t.latencyP50Ms()).isBetween(300L, 500L);
    assertThat(t.latencyP95Ms()).isBetween(700L, 800L);
    assertThat(t.successSeries()).hasSize(30).last().isEqualTo(0.8);
  }

  @Test
  void shouldForgetAttemptsOlderThanFiveMinutes() {
    f.ok(P3, 100);
    f.fail("fast", P3, "server-error", 500, 0);
    f.clock.advance(Duration.ofMinutes(3));
    f.ok(P3, 100);
    f.ok(P3, 100);
    assertThat(f.targetStatus(P3).attempts5m()).isEqualTo(4);

    f.clock.advance(Duration.ofMinutes(2).plusSeconds(10));
    StatusSnapshot.TargetStatus t = f.targetStatus(P3);
    assertThat(t.attempts5m()).as("only the later two are within 5 minutes").isEqualTo(2);
    assertThat(t.successRate5m()).isEqualTo(1.0);
    assertThat(t.outcomes5m()).isEmpty();

    f.clock.advance(Duration.ofMinutes(3));
    t = f.targetStatus(P3);
    assertThat(t.attempts5m()).isZero();
    assertThat(t.successRate5m()).isNull();
    assertThat(t.latencyP50Ms()).isNull();
  }

  @Test
  void shouldCountRoutesRequests() {
    f.request("chat", "succeeded", 1, 400);
    f.request("chat", "succeeded", 3, 900);
    f.request("chat", "all-failed", 4, 2_000);
    f.request("chat", "cancelled", 1, 50);
    f.request("chat", "rejected", 1, 30);
    f.request(dev.ninelives.core.health.RequestSummary.NO_ROUTE, "invalid", 0, 1);
    StatusSnapshot s = f.tracker.snapshot();
    assertThat(s.routes()).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("chat");
      assertThat(r.requests5m()).isEqualTo(5);
      assertThat(r.succeeded5m()).isEqualTo(2);
      assertThat(r.failed5m()).isEqualTo(1);
      assertThat(r.failedOver5m()).isEqualTo(1);
      assertThat(r.successRate5m()).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(r.latencyP50Ms()).isBetween(300L, 400L);
    });
    f.clock.advance(Duration.ofMinutes(6));
    assertThat(f.tracker.snapshot().routes()).isEmpty();
  }

  @Test
  void shouldKeepTheLastFiftyBreakerTransitionsWithWallTime() {
    f.openBreaker(P1);
    for (int i = 0; i < 60; i++) {
      f.clock.advance(Duration.ofSeconds(1));
      CircuitBreaker.Permit forced = f.breaker(P1).forceTrial();
      f.breaker(P1).onResult(forced, CallResult.FAILURE, 0); // open -> open
    }
    var history = f.targetStatus(P1).breaker().history();
    assertThat(history).hasSize(50);
    assertThat(history.get(49).atMillis()).isEqualTo(f.clock.epochMillis());
    assertThat(history.get(49).from()).isEqualTo(BreakerState.OPEN);
    assertThat(history.get(0).atMillis()).isEqualTo(f.clock.epochMillis() - 49_000);
  }

  @Test
  void shouldJudgeTheOverallState() {
    f.openBreaker(P1);
    assertThat(f.tracker.snapshot().overall())
        .as("a target is out and no traffic shows that backups cover for it")
        .isEqualTo(OverallStatus.PARTIAL_OUTAGE);
    for (int i = 0; i < 20; i++) {
      f.request("chat", "succeeded", 1, 300);
    }
    assertThat(f.tracker.snapshot().overall()).as("a backup answers everything")
        .isEqualTo(OverallStatus.DEGRADED);
    for (int i = 0; i < 3; i++) {
      f.request("chat", "all-failed", 2, 300);
    }
    assertThat(f.tracker.snapshot().overall()).isEqualTo(OverallStatus.PARTIAL_OUTAGE);
    f.openBreaker(P2);
    f.openBreaker(P3);
    assertThat(f.tracker.snapshot().overall()).isEqualTo(OverallStatus.MAJOR_OUTAGE);
    assertThat(f.tracker.snapshot().overall().summary()).isEqualTo("Most requests are failing right now");
  }
}
