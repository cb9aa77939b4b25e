package dev.ninelives.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LabelLimiterTest {
  private final List<String> admitted = new CopyOnWriteArrayList<>();
  private final LabelLimiter limiter = new LabelLimiter(2, admitted::add);

  @Test
  void admitsUpToTheCapThenSaysOther() {
    assertThat(limiter.label("a")).isEqualTo("a");
    assertThat(limiter.label("b")).isEqualTo("b");
    assertThat(limiter.label("c")).isEqualTo(GatewayMetrics.OTHER);
    assertThat(limiter.label("a")).isEqualTo("a");
    assertThat(limiter.label("d")).isEqualTo(GatewayMetrics.OTHER);
    assertThat(limiter.size()).isEqualTo(2);
    assertThat(admitted).containsExactly("a", "b");
    assertThat(limiter.isAdmitted("c")).isFalse();
  }

  @Test
  void nullIsUnknownAndTakesNoSlot() {
    assertThat(limiter.label(null)).isEqualTo(GatewayMetrics.UNKNOWN);
    assertThat(limiter.size()).isZero();
    assertThat(admitted).isEmpty();
  }

  @Test
  void refusesANonPositiveCap() {
    assertThatThrownBy(() -> new LabelLimiter(0, v -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was 0");
  }

  @Test
  void concurrentAdmissionsNeverExceedTheCap() throws Exception {
    LabelLimiter wide = new LabelLimiter(100, admitted::add);
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 1_000; i++) {
          wide.label("v" + i);
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(wide.size()).isEqualTo(100);
    assertThat(admitted).hasSize(100).doesNotHaveDuplicates();
  }
}
