package dev.ninelives.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load client against the mock upstream, on 127.0.0.1, for about a second. */
class LoadClientTest {
  private static Vertx vertx;
  private static InetSocketAddress mock;
  private static InetSocketAddress failing;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    MockUpstream m = new MockUpstream(vertx);
    mock = new InetSocketAddress("127.0.0.1", m.listen(0, false));
    failing = new InetSocketAddress("127.0.0.1", m.listen(0, true));
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void sequentialStreams_reachTheirFirstEventBeforeTheirEnd() throws Exception {
    byte[] req = LoadClient.post(mock, "/v1/chat/completions", Map.of(),
        Configs.body("mock-c5-d2", true));
    try (LoadClient c = new LoadClient(mock, req, 1, Duration.ofSeconds(5))) {
      LoadClient.Result r = c.sequential(10, 2);
      assertThat(r.completed).isEqualTo(10);
      assertThat(r.errors()).isZero();
      // 5 content events 2 ms apart: the first arrives at once, the end about 10 ms later.
      assertThat(r.firstByte.getValueAtPercentile(50)).isLessThan(
          r.latency.getValueAtPercentile(50) - 5_000);
    }
  }

  @Test
  void openLoop_sendsAtTheRate_andCountsFailures() throws Exception {
    byte[] req = LoadClient.post(failing, "/v1/chat/completions", Map.of(),
        Configs.body("mock", false));
    try (LoadClient c = new LoadClient(failing, req, 4, Duration.ofSeconds(5))) {
      LoadClient.Result r = c.openLoop(200, Duration.ofMillis(100), Duration.ofMillis(500));
      assertThat(r.scheduled).isBetween(95L, 105L);
      assertThat(r.completed).isEqualTo(r.scheduled);
      assertThat(r.statuses).containsOnlyKeys(503);
      assertThat(r.errors()).isEqualTo(r.completed);
    }
  }
}
