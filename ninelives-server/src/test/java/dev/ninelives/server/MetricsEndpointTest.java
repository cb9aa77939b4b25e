package dev.ninelives.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.time.ManualClock;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.SimulatedProvider;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** GET /metrics tells what happened: requests, attempts, failovers, breaker state, tokens. */
class MetricsEndpointTest {

  private static double value(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return Double.NaN;
  }

  @Test
  void failuresDrivenThroughTheSimulatorShowInTheMetrics() throws Exception {
    try (SimulatedProvider primary = SimulatedProvider.builder("primary").start();
        SimulatedProvider secondary = SimulatedProvider.builder("secondary").start();
        TestGateway gw = TestGateway.builder().clock(new ManualClock())
            .provider(primary, "sk-p").provider(secondary, "sk-s")
            .route("chat", "primary/m1", "secondary/m2").start()) {
      HttpResponse<String> before = gw.get("/metrics");
      assertThat(before.statusCode()).isEqualTo(200);
      assertThat(before.headers().firstValue("content-type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
      assertThat(value(before.body(), "ninelives_breaker_state{target=\"primary/m1\"}"))
          .isEqualTo(0);

      primary.setDefault(Fault.status(503));
      for (int i = 0; i < 20; i++) {
        assertThat(gw.post(TestGateway.chatBody("chat", i % 2 == 0)).statusCode())
            .isEqualTo(200);
      }
      String after = gw.get("/metrics").body();
      assertThat(value(after, "ninelives_requests_total{outcome=\"succeeded\",route=\"chat\"}"))
          .isEqualTo(20);
      assertThat(value(after,
          "ninelives_attempts_total{outcome=\"server-error\",target=\"primary/m1\"}"))
          .isGreaterThanOrEqualTo(10);
      assertThat(value(after,
          "ninelives_attempts_total{outcome=\"breaker-open\",target=\"primary/m1\"}"))
          .isPositive();
      assertThat(value(after,
          "ninelives_failovers_total{from=\"primary/m1\",route=\"chat\",to=\"secondary/m2\"}"))
          .isPositive();
      assertThat(value(after, "ninelives_breaker_state{target=\"primary/m1\"}")).isEqualTo(2);
      assertThat(value(after, "ninelives_tokens_total{kind=\"output\",target=\"secondary/m2\"}"))
          .isPositive();
      assertThat(value(after, "ninelives_request_duration_seconds_count{route=\"chat\"}"))
          .isEqualTo(20);
      assertThat(value(after, "ninelives_overhead_seconds_count")).isEqualTo(20);
      assertThat(after).doesNotContain("sk-p", "sk-s");
    }
  }
}
