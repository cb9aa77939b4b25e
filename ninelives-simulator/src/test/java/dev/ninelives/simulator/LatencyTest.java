package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Latency models: fixed, log-normal spread, and a ramp across a fault window. */
class LatencyTest {

  private static long[] draws(Latency l, double progress, int n) {
    SplittableRandom random = new SplittableRandom(42);
    long[] millis = new long[n];
    for (int i = 0; i < n; i++) {
      millis[i] = l.sample(progress, random).toMillis();
    }
    Arrays.sort(millis);
    return millis;
  }

  @Test
  void aFixedLatencyIsAlwaysTheSame() {
    Latency l = Latency.fixed(Duration.ofMillis(200));

    assertThat(draws(l, 0.5, 100)).containsOnly(200L);
    assertThat(l.isRamp()).isFalse();
  }

  @Test
  void aLogNormalSpreadHitsItsMedianAndNinetyNinthPercentile() {
    long[] ms = draws(Latency.logNormal(Duration.ofMillis(200), Duration.ofMillis(800)), 0.0, 20_000);

    assertThat((double) ms[10_000]).isCloseTo(200, within(10.0));
    assertThat((double) ms[19_800]).isCloseTo(800, within(80.0));
  }

  @Test
  void aRampMovesItsMedianAcrossTheWindow() {
    Latency ramp = Latency.ramp(Duration.ofMillis(200), Duration.ofSeconds(12));

    assertThat(ramp.isRamp()).isTrue();
    assertThat(ramp.median(0.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(ramp.median(0.5)).isEqualTo(Duration.ofMillis(6100));
    assertThat(ramp.median(1.0)).isEqualTo(Duration.ofSeconds(12));
    assertThat(ramp.median(7.0)).as("clamped to the window").isEqualTo(Duration.ofSeconds(12));
    long[] spread = draws(ramp.withSpread(2.0), 1.0, 10_000);
    assertThat((double) spread[5_000]).isCloseTo(12_000, within(600.0));
    assertThat(spread[9_999]).as("draws are clamped at four sigma").isLessThan(12_000L * 4);
  }

  @Test
  void impossibleLatenciesAreRefused() {
    assertThatThrownBy(() -> Latency.logNormal(Duration.ofSeconds(1), Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below the median");
    assertThatThrownBy(() -> Latency.fixed(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> Latency.fixed(Duration.ZERO).withSpread(0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 or more");
  }

  @Test
  void itReadsAsPeopleWriteIt() {
    assertThat(Latency.ramp(Duration.ofMillis(200), Duration.ofSeconds(12))).hasToString("200ms→12s");
    assertThat(Latency.logNormal(Duration.ofMillis(200), Duration.ofMillis(500))).hasToString("200ms (p99 ×2.5)");
  }
}
