package dev.ninelives.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ninelives.config.ConfigLoader;
import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.UptimeConfig;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.time.ManualClock;
import dev.ninelives.server.Gateway;
import dev.ninelives.uptime.UptimeHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private Path dataDir() {
    return dir.resolve("data");
  }

  private Path config(boolean withDataDir) throws Exception {
    Path f = dir.resolve("gateway.yaml");
    Files.writeString(f, "providers:\n"
        + "  local:\n"
        + "    type: openai-compatible\n"
        + "    base_url: http://127.0.0.1:9/v1\n"
        + "uptime:\n"
        + (withDataDir ? "  data_dir: " + dataDir() + "\n" : "")
        + "  slo: 99.5%\n");
    return f;
  }

  /** A gateway's history: ten minutes ago, 9 requests answered and 1 failed. */
  private UptimeHistory history() {
    ManualClock clock = new ManualClock(Instant.now().minus(Duration.ofMinutes(10))
        .toEpochMilli());
    UptimeHistory h = UptimeHistory.open(new UptimeConfig(Optional.of(dataDir()), 0.995), clock);
    for (int i = 0; i < 10; i++) {
      boolean ok = i > 0;
      h.recorder().onAttempt("chat", new AttemptRecord("local/m", "key#1", ok ? "success"
          : "server-error", ok ? 200 : 503, 1_000_000, -1, "m", true, 0));
      h.recorder().onRequest(new RequestSummary("chat", "openai", ok ? "succeeded"
          : "all-failed", ok ? 200 : 503, ok ? "local/m" : null, 1, false, false, 1_000_000, -1,
          1_000, -1, -1));
    }
    clock.advance(Duration.ofMinutes(1));
    h.flush();
    return h;
  }

  @Test
  void readsTheHistoryOnDiskAfterTheGatewayStopped() throws Exception {
    history().close();
    CommandOutput r = CommandOutput.run("report", "--config", config(true).toString(),
        "--from", "-1h", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode report = JSON.readTree(r.out());
    assertThat(report.get("slo").asDouble()).isEqualTo(0.995);
    assertThat(report.at("/clients/succeeded").asLong()).isEqualTo(9);
    assertThat(report.at("/clients/failed").asLong()).isEqualTo(1);
    assertThat(report.at("/providers/0/targets/0/name").asText()).isEqualTo("local/m");
    assertThat(report.at("/storage/persistent").asBoolean()).isTrue();
  }

  @Test
  void readsWhileTheGatewayHoldsTheWriterLockAndWritesMarkdownByDefault() throws Exception {
    try (UptimeHistory running = history()) {
      CommandOutput r = CommandOutput.run("report", "--config", config(true).toString());
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).startsWith("# Uptime report")
          .contains("**objective:** 99.5% of client requests answered")
          .contains("**90%** of client requests answered: 9 of 10 (1 failed).")
          .contains("| local/m |");
    }
  }

  @Test
  void aConfigWithoutDataDirSendsYouToTheGateway() throws Exception {
    CommandOutput r = CommandOutput.run("report", "--config", config(false).toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("in memory only", "--url");
  }

  @Test
  void aWindowItCannotReadIsExit2WithTheReason() throws Exception {
    CommandOutput r = CommandOutput.run("report", "--config", config(true).toString(),
        "--from", "last tuesday");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("from: 'last tuesday' is not a time");
    assertThat(CommandOutput.run("report", "--config", config(true).toString(), "--format",
        "pdf").exitCode()).isEqualTo(2);
    assertThat(CommandOutput.run("report").exitCode()).as("needs --config or --url")
        .isEqualTo(2);
  }

  @Test
  void asksARunningGateway() throws Exception {
    GatewayConfig c = ConfigLoader.load(config(false), Map.of()).config().orElseThrow()
        .withPort(0);
    Gateway gateway = Gateway.start(c).await();
    try {
      String url = "http://127.0.0.1:" + gateway.port();
      CommandOutput json = CommandOutput.run("report", "--url", url, "--format", "json",
          "--from", "-2h");
      assertThat(json.exitCode()).as(json.err()).isZero();
      JsonNode report = JSON.readTree(json.out());
      assertThat(report.at("/storage/persistent").asBoolean()).isFalse();
      assertThat(report.at("/coverage/minutes_with_data").asLong()).isPositive();

      CommandOutput bad = CommandOutput.run("report", "--url", url + "/", "--to", "soon");
      assertThat(bad.exitCode()).isEqualTo(2);
      assertThat(bad.err()).contains("400", "to: 'soon' is not a time");
    } finally {
      gateway.close();
    }
    CommandOutput gone = CommandOutput.run("report", "--url", "http://127.0.0.1:9");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).contains("could not ask the gateway");
  }
}
