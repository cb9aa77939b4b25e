package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Queue before schedule before default, driven by an injected clock instead of waiting. */
class FaultPrecedenceTest {
  private static Vertx vertx;
  private final SimClient client = new SimClient();
  private final AtomicLong nanos = new AtomicLong(Duration.ofHours(1).toNanos());
  private SimulatedProvider p;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @AfterEach
  void closeProvider() {
    if (p != null) {
      p.close();
    }
  }

  private SimulatedProvider start() {
    p = SimulatedProvider.builder("p").clock(nanos::get).vertx(vertx).start();
    return p;
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  private int status() {
    return client.chat(p, false).statusCode();
  }

  @Test
  void queueBeatsScheduleWhichBeatsDefault() {
    start();
    p.setDefault(Fault.status(500));
    p.schedule(FaultSchedule.builder().between(Duration.ZERO, Duration.ofSeconds(10), Fault.status(503)).build());
    p.enqueue(Fault.status(429));

    assertThat(status()).isEqualTo(429);
    assertThat(status()).isEqualTo(503);
    advance(Duration.ofSeconds(10));
    assertThat(status()).isEqualTo(500);
    p.setDefault(Fault.none());
    assertThat(status()).isEqualTo(200);
  }

  @Test
  void windowsCountFromStartAndFromResetClock() {
    start();
    p.schedule(FaultSchedule.builder().between(Duration.ofSeconds(5), Duration.ofSeconds(6), Fault.status(502)).build());

    assertThat(status()).isEqualTo(200);
    advance(Duration.ofMillis(5500));
    assertThat(status()).isEqualTo(502);
    p.resetClock();
    assertThat(status()).isEqualTo(200);
    advance(Duration.ofSeconds(5));
    assertThat(status()).isEqualTo(502);
  }

  @Test
  void firstMatchingWindowWins() {
    start();
    p.schedule(FaultSchedule.builder()
        .between(Duration.ZERO, Duration.ofSeconds(10), Fault.status(503))
        .from(Duration.ZERO, Fault.status(500))
        .build());

    assertThat(status()).isEqualTo(503);
    advance(Duration.ofSeconds(10));
    assertThat(status()).isEqualTo(500);
  }

  @Test
  void repeatingScheduleFlaps() {
    start();
    p.schedule(FaultSchedule.builder()
        .between(Duration.ofSeconds(10), Duration.ofSeconds(20), Fault.status(503))
        .repeatEvery(Duration.ofSeconds(20))
        .build());

    List<Integer> seen = new ArrayList<>();
    for (int second = 5; second < 80; second += 10) {
      nanos.set(Duration.ofHours(1).plusSeconds(second).toNanos());
      seen.add(status());
    }

    assertThat(seen).containsExactly(200, 503, 200, 503, 200, 503, 200, 503);
  }

  @Test
  void probabilityDrawsAreSeededAndRepeatable() {
    FaultSchedule schedule = FaultSchedule.builder()
        .from(Duration.ZERO, Fault.status(503)).withProbability(0.5)
        .seed(42)
        .build();
    start();
    p.schedule(schedule);
    List<Integer> first = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      first.add(status());
    }
    p.schedule(schedule); // reinstalling restarts the seeded draws
    List<Integer> second = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      second.add(status());
    }

    assertThat(first).contains(200, 503).isEqualTo(second);
  }

  @Test
  void aLosingDrawFallsThroughToTheNextWindow() {
    start();
    p.schedule(FaultSchedule.builder()
        .from(Duration.ZERO, Fault.status(503)).withProbability(0.5)
        .from(Duration.ZERO, Fault.status(500))
        .build());

    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      seen.add(status());
    }

    assertThat(seen).contains(503, 500).doesNotContain(200);
  }

  @Test
  void resetForgetsQueueDefaultScheduleCountersAndRecords() {
    start();
    p.enqueue(Fault.status(429), Fault.status(429));
    p.setDefault(Fault.status(500));
    p.schedule(FaultSchedule.builder().from(Duration.ZERO, Fault.status(503)).build());
    assertThat(status()).isEqualTo(429);

    p.reset();

    assertThat(p.requests()).isZero();
    assertThat(p.recorded()).isEmpty();
    assertThat(p.connectionsOpened()).isZero();
    assertThat(status()).isEqualTo(200);
    assertThat(p.requests()).isEqualTo(1);
  }
}
