package dev.ninelives.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinuteSetTest {
  private static final long H = 29_000_000L * 60; // an hour start, far from zero

  @Test
  void runsJoinAcrossHourBoundaries() {
    MinuteSet s = new MinuteSet();
    for (long m = H + 55; m < H + 65; m++) {
      s.add(m);
    }
    s.add(H + 70);
    assertThat(s.runs()).containsExactly(new MinuteSet.Run(H + 55, H + 65),
        new MinuteSet.Run(H + 70, H + 71));
    assertThat(s.count()).isEqualTo(11);
    assertThat(s.longest()).isEqualTo(new MinuteSet.Run(H + 55, H + 65));
  }

  @Test
  void longestPrefersTheEarliestOfEqualRuns() {
    MinuteSet s = new MinuteSet();
    s.add(H + 1);
    s.add(H + 2);
    s.add(H + 10);
    s.add(H + 11);
    assertThat(s.longest()).isEqualTo(new MinuteSet.Run(H + 1, H + 3));
    assertThat(new MinuteSet().longest()).isNull();
  }

  @Test
  void masksAreClippedToTheWindow() {
    MinuteSet s = new MinuteSet();
    long all = (1L << 60) - 1;
    s.add(H, all, H + 10, H + 20);
    assertThat(s.runs()).containsExactly(new MinuteSet.Run(H + 10, H + 20));
    s.add(H + 60, all, H + 10, H + 20);
    assertThat(s.count()).isEqualTo(10);
    assertThat(MinuteSet.window(H, H - 100, H + 100)).isEqualTo(all);
    assertThat(MinuteSet.window(H, H + 60, H + 100)).isZero();
  }

  @Test
  void gapsAreTheComplementWithinTheWindow() {
    MinuteSet s = new MinuteSet();
    s.add(H + 5);
    s.add(H + 6);
    s.add(H + 90);
    assertThat(s.gaps(H, H + 100)).containsExactly(new MinuteSet.Run(H, H + 5),
        new MinuteSet.Run(H + 7, H + 90), new MinuteSet.Run(H + 91, H + 100));
    assertThat(s.gaps(H + 5, H + 7)).isEmpty();
    assertThat(new MinuteSet().gaps(H, H + 3)).containsExactly(new MinuteSet.Run(H, H + 3));
  }
}
