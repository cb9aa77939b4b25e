package dev.ninelives.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void ceilingDoublesPerRetryUpToTheCap() {
    Backoff top = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), () -> 0.999999);
    assertThat(top.delayNanos(1)).isBetween(199_000_000L, 200_000_000L);
    assertThat(top.delayNanos(2)).isBetween(399_000_000L, 400_000_000L);
    assertThat(top.delayNanos(3)).isBetween(799_000_000L, 800_000_000L);
    assertThat(top.delayNanos(4)).isBetween(999_000_000L, 1_000_000_000L);
    assertThat(top.delayNanos(60)).isBetween(999_000_000L, 1_000_000_000L);
  }

  @Test
  void fullJitterReachesZero() {
    Backoff bottom = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), () -> 0.0);
    assertThat(bottom.delayNanos(3)).isZero();
    Backoff middle = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), () -> 0.5);
    assertThat(middle.delayNanos(2)).isEqualTo(200_000_000L);
  }

  @Test
  void retryNumbersStartAtOne() {
    Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), () -> 0.5);
    assertThatThrownBy(() -> b.delayNanos(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
