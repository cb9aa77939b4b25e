package dev.ninelives.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
  private final ManualClock clock = new ManualClock();

  private RetryBudget budget(double ratio, int min) {
    return new RetryBudget(new ResilienceConfig.Retries(2, Duration.ofMillis(100),
        Duration.ofSeconds(1), ratio, min, Duration.ofSeconds(10)), clock);
  }

  private static int drain(RetryBudget b, int max) {
    int n = 0;
    while (n < max && b.tryAcquireRetry()) {
      n++;
    }
    return n;
  }

  @Test
  void floorAllowsRetriesWithoutTraffic() {
    assertThat(drain(budget(0.2, 3), 100)).isEqualTo(3);
  }

  @Test
  void retriesAreCappedAtTheRatioOfFirstAttempts() {
    RetryBudget b = budget(0.2, 3);
    for (int i = 0; i < 1000; i++) {
      b.recordFirstAttempt();
    }
    assertThat(drain(b, 10_000)).isEqualTo(200);
  }

  @Test
  void budgetRefillsAsTheWindowMoves() {
    RetryBudget b = budget(0.2, 0);
    for (int i = 0; i < 50; i++) {
      b.recordFirstAttempt();
    }
    assertThat(drain(b, 100)).isEqualTo(10);
    clock.advance(Duration.ofSeconds(11));
    assertThat(b.tryAcquireRetry()).as("old first attempts have left the window").isFalse();
    for (int i = 0; i < 50; i++) {
      b.recordFirstAttempt();
    }
    assertThat(drain(b, 100)).isEqualTo(10);
  }

  @Test
  void zeroRatioAndFloorMeansNoRetries() {
    RetryBudget b = budget(0, 0);
    b.recordFirstAttempt();
    assertThat(b.tryAcquireRetry()).isFalse();
  }
}
