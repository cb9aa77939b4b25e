package dev.ninelives.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ninelives drill}: listing, running a scenario file, and refusing bad input clearly. */
class DrillCommandTest {

  @Test
  void listShowsEveryBuiltInScenarioWithItsDescription() {
    CommandOutput r = CommandOutput.run("drill", "--list");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("total-outage", "database-migration", "load-balancer-misconfiguration",
        "gpu-power-failure", "cache-invalidation", "rate-limit-exhaustion", "flapping-provider",
        "latency climbs from about 200 ms to over 10 s");
  }

  @Test
  void aScenarioFileIsReplayedReportedAndJudged(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("quick.yaml");
    Files.writeString(scenario, String.join("\n",
        "name: quick",
        "providers:",
        "  - { name: primary, latency: 20ms, token_interval: 5ms }",
        "  - { name: backup, dialect: anthropic, latency: 20ms, token_interval: 5ms }",
        "load: { rate: 20/s, timeout: 5s }",
        "phases:",
        "  - { name: steady, for: 2s }",
        "  - { name: down, for: 3s, faults: { primary: { fault: status, status: 503 } } }",
        "  - { name: back, for: 2s }",
        "expect:",
        "  success_rate: 100%",
        "  detection_max: 1ms      # no gateway detects a fault that fast",
        ""));
    Path out = dir.resolve("reports");

    CommandOutput r = CommandOutput.run("drill", scenario.toString(), "--compress", "1", "--out", out.toString());

    assertThat(r.exitCode()).as("stdout:%n%s%nstderr:%n%s", r.out(), r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("drill quick: 7s of scenario time replayed in 7.0 s")
        .contains("-- phase 2/3  down")
        .contains("quick: FAILED")
        .contains("pass success_rate")
        .contains("FAIL detection_max")
        .contains("report: " + out.resolve("report.html").toAbsolutePath());
    assertThat(Files.readString(out.resolve("report.md"))).contains("## Verdict: FAILED");
  }

  @Test
  void aBadScenarioFileGetsItsLineAndNoStackTrace(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("bad.yaml");
    Files.writeString(scenario, String.join("\n",
        "providers: [{ name: primary }]",
        "phases:",
        "  - { name: steady, for: 1m }",
        "  - { name: down, for: 1m, faults: { primary: { fault: explode } } }",
        ""));

    CommandOutput r = CommandOutput.run("drill", scenario.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("bad.yaml, line 4").contains("unknown fault kind 'explode'")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void anUnknownScenarioNamesTheBuiltInOnes() {
    CommandOutput r = CommandOutput.run("drill", "no-such-outage");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no built-in scenario 'no-such-outage'").contains("total-outage");
  }

  @Test
  void aBadConfigurationIsReportedLikeCheckReportsIt(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, String.join("\n",
        "providers:",
        "  openai:",
        "    type: openia",
        "models:",
        "  chat: { targets: [openai/gpt-4.1] }",
        ""));

    CommandOutput r = CommandOutput.run("drill", "total-outage", "--config", config.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("gateway.yaml:3").doesNotContain("\tat ");
  }

  @Test
  void badOptionsAreRefused() {
    assertThat(CommandOutput.run("drill", "total-outage", "--rate", "0").exitCode()).isEqualTo(2);
    assertThat(CommandOutput.run("drill", "total-outage", "--compress", "0.5").exitCode()).isEqualTo(2);
    CommandOutput none = CommandOutput.run("drill");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("name a scenario");
  }
}
