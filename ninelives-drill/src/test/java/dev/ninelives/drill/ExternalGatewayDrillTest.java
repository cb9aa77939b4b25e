package dev.ninelives.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.config.ConfigLoader;
import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.server.Gateway;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A drill of a gateway that is already running: the drill starts only the simulated providers,
 * on the ports the gateway was configured with, and follows the gateway's breakers through its
 * status page.
 */
class ExternalGatewayDrillTest {

  /** A first port with the two after it free too; a bounded search. */
  private static int freeRun(int length) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
      boolean free = true;
      for (int i = 0; i < length && free; i++) {
        try (ServerSocket s = new ServerSocket()) {
          s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + i));
        } catch (IOException taken) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no three consecutive free ports found");
  }

  @Test
  void aRunningGatewayIsDrilledThroughItsOwnConfiguration() throws Exception {
    int base = freeRun(3);
    String yaml = String.join("\n",
        "listen: 127.0.0.1:0",
        "providers:",
        "  primary: { type: openai, base_url: \"http://127.0.0.1:" + base + "/v1\", api_key: sk-mine }",
        "  secondary: { type: anthropic, base_url: \"http://127.0.0.1:" + (base + 1) + "\", api_key: sk-mine-too }",
        "  local: { type: openai-compatible, base_url: \"http://127.0.0.1:" + (base + 2) + "/v1\" }",
        "models:",
        "  chat: { targets: [primary/gpt-4.1, secondary/claude-sonnet-4-5, local/llama] }",
        "resilience:",
        "  breaker: { failure_rate: 50%, minimum_calls: 5, window: 5s, open_for: 1s }",
        "");
    GatewayConfig config = ConfigLoader.parse(yaml, "running.yaml", Map.of()).config().orElseThrow();
    DrillScenario s = DrillScenario.load(Path.of("src/test/resources/dev/ninelives/drill/short-outage.yaml"));

    try (Gateway running = Gateway.start(config).await();
        Drill drill = Drill.prepare(s, DrillOptions.defaults().withCompression(1.0)
            .withGateway("http://127.0.0.1:" + running.port()).withSimulatorPort(base))) {
      assertThat(drill.ownsGateway()).isFalse();
      assertThat(drill.providerUrls()).containsEntry("primary", "http://127.0.0.1:" + base + "/v1");
      DrillResult r = drill.run(DrillProgress.NONE);

      assertThat(r.inProcess()).isFalse();
      assertThat(r.failedChecks()).as(MarkdownReport.render(r)).isEmpty();
      assertThat(r.events()).as("breakers seen on the status page")
          .anySatisfy(e -> assertThat(e.kind()).isEqualTo(GatewayEvent.Kind.BREAKER));
      assertThat(r.incidents().get(0).detection()).isNotNull();
    }
  }
}
