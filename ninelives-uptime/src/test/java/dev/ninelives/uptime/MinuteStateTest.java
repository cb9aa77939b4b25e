package dev.ninelives.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MinuteStateTest {

  @ParameterizedTest(name = "{0} good, {1} bad, out={2}: {3}")
  @CsvSource({
      "0, 0, false, IDLE",
      "0, 0, true, DOWN",
      "10, 0, false, UP",
      "10, 0, true, UP",       // traffic decides when there is traffic
      "9, 1, false, UP",       // 10% not served
      "4, 1, false, DEGRADED", // exactly 20%
      "1, 1, false, DEGRADED", // exactly half is not more than half
      "1, 2, false, DOWN",
      "0, 1, false, DOWN",
      "0, 1, true, DOWN"})
  void minuteIsJudgedByTheShareNotServed(long good, long bad, boolean out, MinuteState state) {
    assertThat(MinuteState.of(good, bad, out)).isEqualTo(state);
  }
}
