package dev.ninelives.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.config.ConfigLoader;
import dev.ninelives.config.ConfigResult;
import dev.ninelives.core.config.GatewayConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConfigsTest {
  private static GatewayConfig load(String yaml) {
    ConfigResult r = ConfigLoader.parse(yaml, "bench.yaml", Map.of());
    assertThat(r.errors()).as(yaml).isEmpty();
    return r.config().orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(Configs.Failure.class)
  void nineLivesConfig_isValid_andRoutesPrimaryThenBackup(Configs.Failure failure) {
    GatewayConfig c = load(Configs.nineLives(4100, 4101, 4102, failure));
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(4100);
    assertThat(c.providers().get("primary").baseUrl()).isEqualTo("http://127.0.0.1:4101/v1");
    assertThat(c.providers().get("backup").baseUrl()).isEqualTo("http://127.0.0.1:4102/v1");
    assertThat(c.route("chat").orElseThrow().targets()).hasSize(2);
    assertThat(c.route("chat-paced").orElseThrow().targets().get(0).model()).endsWith("-d1");
    Duration openFor = c.resilience().breaker().openFor();
    assertThat(openFor).isEqualTo(failure == Configs.Failure.NONE ? Duration.ofSeconds(30)
        : Duration.ofHours(1));
  }

  @Test
  void streamsConfig_isValid_andSpreadsOverProviders() {
    GatewayConfig c = load(Configs.nineLivesStreams(4100, 4102, 3));
    assertThat(c.providers()).hasSize(3);
    assertThat(c.route("chat").orElseThrow().targets()).hasSize(3);
    assertThat(c.resilience().timeouts().total()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void nginxConfig_plainAndWithFailover() {
    String plain = Configs.nginx(Path.of("run-dir"), 18090, 18081, new int[0]);
    assertThat(plain).contains("listen 127.0.0.1:18090").contains("server 127.0.0.1:18081;")
        .contains("proxy_buffering off;").doesNotContain("backup");
    String failover = Configs.nginx(Path.of("run-dir"), 18090, 18081, new int[] {1, 2});
    assertThat(failover).contains("server 127.0.0.1:1 max_fails=1 fail_timeout=3600s;")
        .contains("server 127.0.0.1:2 max_fails=1").contains("server 127.0.0.1:18081 backup;")
        .contains("proxy_next_upstream error timeout http_503 non_idempotent;");
  }

  @Test
  void bodies_differOnlyInModelAndStreamFlag() {
    assertThat(Configs.body("chat", true)).startsWith("{\"model\":\"chat\",\"stream\":true,");
    assertThat(Configs.body("mock", false).replace("\"mock\"", "\"chat\""))
        .isEqualTo(Configs.body("chat", false));
    assertThat(Configs.portkeyFallback(1, 2)).contains("\"mode\":\"fallback\"")
        .contains("127.0.0.1:1/v1").contains("127.0.0.1:2/v1");
  }
}
