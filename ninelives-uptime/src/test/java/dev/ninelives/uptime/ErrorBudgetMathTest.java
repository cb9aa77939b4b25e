package dev.ninelives.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErrorBudgetMathTest {

  @Test
  void budgetIsTheShareOfFailuresTheObjectiveAllows() {
    ErrorBudgetMath.Result r = ErrorBudgetMath.of(0.999, 10_000, 4);
    assertThat(r.allowed()).isCloseTo(10.0, within(1e-9));
    assertThat(r.remaining()).isCloseTo(6.0, within(1e-9));
    assertThat(r.consumedShare()).isCloseTo(0.4, within(1e-9));
    assertThat(r.burnRate()).isCloseTo(0.4, within(1e-9));
  }

  @Test
  void overspendingMakesRemainingNegativeAndBurnAboveOne() {
    ErrorBudgetMath.Result r = ErrorBudgetMath.of(0.99, 1_000, 30);
    assertThat(r.allowed()).isCloseTo(10.0, within(1e-9));
    assertThat(r.remaining()).isCloseTo(-20.0, within(1e-9));
    assertThat(r.consumedShare()).isCloseTo(3.0, within(1e-9));
    assertThat(r.burnRate()).isCloseTo(3.0, within(1e-9));
  }

  @Test
  void withoutRequestsThereIsNothingToDivideBy() {
    ErrorBudgetMath.Result r = ErrorBudgetMath.of(0.999, 0, 0);
    assertThat(r.allowed()).isZero();
    assertThat(r.remaining()).isZero();
    assertThat(r.consumedShare()).isNull();
    assertThat(r.burnRate()).isNull();
  }
}
