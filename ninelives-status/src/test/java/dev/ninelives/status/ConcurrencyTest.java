package dev.ninelives.status;

import static dev.ninelives.status.Fixture.P1;
import static dev.ninelives.status.Fixture.P2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ninelives.core.breaker.CallResult;
import dev.ninelives.core.breaker.CircuitBreaker;
import dev.ninelives.core.policy.AttemptRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int EVENTS = 2_000;

  @Test
  void shouldCountEveryEventFromManyThreadsWithoutDeadlock() throws Exception {
    Fixture f = new Fixture();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int n = 0; n < THREADS; n++) {
        int thread = n;
        futures.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < EVENTS; i++) {
            f.tracker.onAttempt("chat", new AttemptRecord(P2, "k", "success", 200, 1_000_000L, -1,
                "ok", true, 0));
            f.tracker.onRequest(new dev.ninelives.core.health.RequestSummary("chat", "openai",
                "succeeded", 200, P2, 1, false, false, 2_000_000L, -1, -1, -1, -1));
            if (thread % 2 == 0) {
              // p1 flaps: transitions arrive under its breaker's lock while others read.
              CircuitBreaker b = f.breaker(P1);
              CircuitBreaker.Permit permit = b.tryAcquire();
              if (permit == null) {
                permit = b.forceTrial();
              }
              b.onResult(permit, i % 3 == 0 ? CallResult.SUCCESS : CallResult.FAILURE, 0);
              f.tracker.onAttempt("chat", new AttemptRecord(P1, "k", "server-error", 503, 1, -1,
                  "x", true, 0));
              f.tracker.onFailover("chat", P1, P2, "server-error");
            }
          }
          return null;
        }));
      }
      futures.add(pool.submit(() -> {
        go.await();
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < 200; i++) {
          mapper.readTree(f.tracker.toJson());
          f.tracker.incidents().forEach(Incident::toMarkdown);
        }
        return null;
      }));
      futures.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < 200; i++) {
          var kp = f.registry.keyPool("p3");
          var lease = kp.acquire();
          if (lease == null) {
            lease = kp.forceProbe();
          }
          if (lease != null) {
            if (i % 2 == 0) {
              kp.releaseRejected(lease);
            } else {
              kp.releaseSuccess(lease);
            }
          }
        }
        return null;
      }));
      go.countDown();
      for (Future<?> fut : futures) {
        fut.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    StatusSnapshot.TargetStatus p2 = f.targetStatus(P2);
    assertThat(p2.attempts5m()).isEqualTo((long) THREADS * EVENTS);
    assertThat(p2.successRate5m()).isEqualTo(1.0);
    StatusSnapshot.TargetStatus p1 = f.targetStatus(P1);
    assertThat(p1.attempts5m()).isEqualTo((long) THREADS / 2 * EVENTS);
    assertThat(f.tracker.snapshot().routes()).singleElement().satisfies(r -> {
      assertThat(r.requests5m()).isEqualTo((long) THREADS * EVENTS);
      assertThat(r.succeeded5m()).isEqualTo((long) THREADS * EVENTS);
    });
    assertThat(p1.breaker().history()).hasSizeLessThanOrEqualTo(50).isNotEmpty();
    Incident p1Incident = f.tracker.incidents().stream()
        .filter(i -> i.subject().equals(P1)).findFirst().orElseThrow();
    long moved = p1Incident.timeline().stream()
        .filter(e -> e.text().startsWith("Traffic moved"))
        .mapToLong(e -> Long.parseLong(e.text().replaceAll("\\D+", " ").trim().split(" ")[2]))
        .sum();
    assertThat(moved).as("every failover is in a coalesced line, before or after it opened")
        .isEqualTo((long) THREADS / 2 * EVENTS);
    assertThat(p1Incident.impact().failedOver()).isBetween(1L, moved);
  }
}
