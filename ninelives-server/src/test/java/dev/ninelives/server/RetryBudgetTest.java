package dev.ninelives.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.SimulatedProvider;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A dead target and 1,000 requests: retries stay within the budget, counted at the simulator. */
class RetryBudgetTest {

  @Test
  void deadTargetGetsNoRetryStorm() throws Exception {
    // A breaker that never opens, so every request reaches the dead target and only the
    // budget limits the retries. Without it, 1,000 requests would make 3,000 calls.
    ResilienceConfig base = TestGateway.Builder.fastResilience();
    ResilienceConfig policy = new ResilienceConfig(base.timeouts(),
        new ResilienceConfig.Retries(2, Duration.ofMillis(1), Duration.ofMillis(2), 0.2, 3,
            Duration.ofSeconds(60)),
        new ResilienceConfig.Breaker(0.5, 1.0, Duration.ofSeconds(10), 1_000_000,
            Duration.ofSeconds(60), Duration.ofSeconds(30), 1),
        base.quarantine());
    try (SimulatedProvider dead = SimulatedProvider.builder("dead").start();
        SimulatedProvider healthy = SimulatedProvider.builder("healthy").start()) {
      dead.setDefault(Fault.status(503));
      try (TestGateway gw = TestGateway.builder().resilience(policy)
          .provider(dead, "sk-d").provider(healthy, "sk-h")
          .route("chat", "dead/m", "healthy/m").start()) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          statuses.add(pool.submit(() -> {
            HttpResponse<String> r = gw.post(TestGateway.chatBody("chat", false));
            return r.statusCode();
          }));
        }
        int ok = 0;
        for (Future<Integer> f : statuses) {
          if (f.get(60, TimeUnit.SECONDS) == 200) {
            ok++;
          }
        }
        pool.shutdown();
        assertThat(ok).as("every request is served by the healthy target").isEqualTo(1000);
        int retries = dead.requests() - 1000;
        assertThat(retries).as("retries to the dead target").isBetween(1, 200 + 3);
      }
    }
  }
}
