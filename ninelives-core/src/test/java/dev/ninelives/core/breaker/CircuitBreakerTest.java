package dev.ninelives.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final ManualClock clock = new ManualClock();
  private final List<String> transitions = new ArrayList<>();
  private final ResilienceConfig.Breaker config = new ResilienceConfig.Breaker(
      0.5, 0.8, Duration.ofSeconds(10), 4, Duration.ofSeconds(60), Duration.ofSeconds(30), 1);
  private final CircuitBreaker breaker = new CircuitBreaker("p/m", config, clock,
      (t, from, to, at) -> transitions.add(from + "->" + to));

  private void call(CallResult result) {
    call(result, 0);
  }

  private void call(CallResult result, long latencyNanos) {
    CircuitBreaker.Permit p = breaker.tryAcquire();
    assertThat(p).as("permit").isNotNull();
    breaker.onResult(p, result, latencyNanos);
  }

  @Test
  void shouldNotJudgeBeforeMinimumCalls() {
    call(CallResult.FAILURE);
    call(CallResult.FAILURE);
    call(CallResult.FAILURE);
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void shouldOpenWhenFailureRateReached() {
    call(CallResult.SUCCESS);
    call(CallResult.SUCCESS);
    call(CallResult.FAILURE);
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    call(CallResult.FAILURE); // 2 of 4 = 50%
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    assertThat(breaker.tryAcquire()).isNull();
    assertThat(transitions).containsExactly("CLOSED->OPEN");
  }

  @Test
  void shouldStayClosedBelowFailureRate() {
    for (int i = 0; i < 3; i++) {
      call(CallResult.SUCCESS);
    }
    call(CallResult.FAILURE);
    call(CallResult.SUCCESS);
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void shouldOpenOnSlowCallRate() {
    long slow = Duration.ofSeconds(11).toNanos();
    call(CallResult.SUCCESS, slow);
    call(CallResult.SUCCESS, slow);
    call(CallResult.SUCCESS, slow);
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    call(CallResult.SUCCESS, slow); // 4 of 4 slow >= 80%
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
  }

  @Test
  void ignoredCallsDoNotCount() {
    for (int i = 0; i < 10; i++) {
      call(CallResult.IGNORED);
    }
    call(CallResult.FAILURE);
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    assertThat(breaker.snapshot().calls()).isEqualTo(1);
  }

  @Test
  void oldCallsLeaveTheWindow() {
    call(CallResult.FAILURE);
    call(CallResult.FAILURE);
    call(CallResult.FAILURE);
    clock.advance(Duration.ofSeconds(61));
    call(CallResult.FAILURE); // the three old failures are outside the 60 s window
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    assertThat(breaker.snapshot().calls()).isEqualTo(1);
  }

  private void open() {
    for (int i = 0; i < 4; i++) {
      call(CallResult.FAILURE);
    }
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
  }

  @Test
  void shouldLetOneTrialThroughAfterOpenDuration() {
    open();
    clock.advance(Duration.ofSeconds(29));
    assertThat(breaker.tryAcquire()).isNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
    CircuitBreaker.Permit trial = breaker.tryAcquire();
    assertThat(trial).isNotNull();
    assertThat(trial.isTrial()).isTrue();
    assertThat(breaker.tryAcquire()).as("only one trial at a time").isNull();
    breaker.onResult(trial, CallResult.SUCCESS, 0);
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    assertThat(breaker.snapshot().calls()).as("closing starts a fresh window").isZero();
    assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
  }

  @Test
  void failedTrialReopensForAnotherFullPeriod() {
    open();
    clock.advance(Duration.ofSeconds(30));
    CircuitBreaker.Permit trial = breaker.tryAcquire();
    clock.advance(Duration.ofSeconds(5));
    breaker.onResult(trial, CallResult.FAILURE, 0);
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    assertThat(breaker.openedAtNanos()).isEqualTo(Duration.ofSeconds(35).toNanos());
    clock.advance(Duration.ofSeconds(29));
    assertThat(breaker.tryAcquire()).isNull();
  }

  @Test
  void slowTrialReopens() {
    open();
    clock.advance(Duration.ofSeconds(30));
    CircuitBreaker.Permit trial = breaker.tryAcquire();
    breaker.onResult(trial, CallResult.SUCCESS, Duration.ofSeconds(12).toNanos());
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
  }

  @Test
  void ignoredTrialFreesTheSlot() {
    open();
    clock.advance(Duration.ofSeconds(30));
    CircuitBreaker.Permit trial = breaker.tryAcquire();
    breaker.onResult(trial, CallResult.IGNORED, 0);
    assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
    assertThat(breaker.tryAcquire()).isNotNull();
  }

  @Test
  void lateResultsFromBeforeOpeningAreNotCounted() {
    CircuitBreaker.Permit early = breaker.tryAcquire();
    open();
    clock.advance(Duration.ofSeconds(30));
    CircuitBreaker.Permit trial = breaker.tryAcquire();
    breaker.onResult(early, CallResult.FAILURE, 0); // finished late; must not reopen
    assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
    breaker.onResult(trial, CallResult.SUCCESS, 0);
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void forcedTrialClosesOnSuccessAndRestartsOpenPeriodOnFailure() {
    open();
    clock.advance(Duration.ofSeconds(10));
    CircuitBreaker.Permit forced = breaker.forceTrial();
    breaker.onResult(forced, CallResult.FAILURE, 0);
    assertThat(breaker.openedAtNanos()).isEqualTo(Duration.ofSeconds(10).toNanos());
    CircuitBreaker.Permit again = breaker.forceTrial();
    breaker.onResult(again, CallResult.SUCCESS, 0);
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void permitMustBeFinishedOnce() {
    CircuitBreaker.Permit p = breaker.tryAcquire();
    breaker.onResult(p, CallResult.SUCCESS, 0);
    assertThatThrownBy(() -> breaker.onResult(p, CallResult.SUCCESS, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exactly once");
  }

  @Test
  void snapshotReportsRatesAndTimeToTrial() {
    call(CallResult.SUCCESS);
    call(CallResult.FAILURE);
    BreakerSnapshot s = breaker.snapshot();
    assertThat(s.calls()).isEqualTo(2);
    assertThat(s.failureRate()).isEqualTo(0.5);
    call(CallResult.FAILURE);
    call(CallResult.FAILURE); // 3 of 4
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    clock.advance(Duration.ofSeconds(10));
    assertThat(breaker.snapshot().reopensInNanos()).isEqualTo(Duration.ofSeconds(20).toNanos());
  }
}
