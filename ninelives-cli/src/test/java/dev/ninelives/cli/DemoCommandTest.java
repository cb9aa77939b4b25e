package dev.ninelives.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ninelives demo}, run non-interactively for a short time. */
class DemoCommandTest {

  @Test
  void demoReplaysTheTotalOutageLiveAndWritesItsReport(@TempDir Path out) {
    CommandOutput r = CommandOutput.run("demo", "--duration", "20s", "--rate", "10", "--port", "0", "--no-wait",
        "--out", out.toString());

    assertThat(r.exitCode()).as("stdout:%n%s%nstderr:%n%s", r.out(), r.err()).isZero();
    assertThat(r.out())
        .contains("NineLives demo: gateway http://127.0.0.1:")
        .contains("-- phase 1/5  steady")
        .contains("-- phase 2/5  latency climb")
        .contains("-- phase 3/5  503s")
        .contains("-- phase 4/5  auth failures")
        .contains("-- phase 5/5  recovery")
        .contains("breaker of primary/gpt-4.1 opened")
        .contains("every key of primary rejected: provider quarantined")
        .contains("via secondary")
        .contains("total-outage: PASSED. Through the gateway 100.0% of 200 requests got a right answer")
        .contains("report: " + out.resolve("report.html").toAbsolutePath())
        .containsPattern("status page: http://127\\.0\\.0\\.1:\\d+/status");
    assertThat(out.resolve("report.html")).exists();
    assertThat(out.resolve("report.json")).exists();
    assertThat(out.resolve("report.md")).exists();
  }

  @Test
  void aDurationTooShortForTheGatewaysReactionsIsRefused() {
    CommandOutput r = CommandOutput.run("demo", "--duration", "2s", "--no-wait");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--duration must be at least 5s");
  }
}
