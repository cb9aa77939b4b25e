package dev.ninelives.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in scenario, replayed compressed to twenty seconds against real simulated providers
 * and a real gateway on 127.0.0.1, holds its own expectations; and the same load sent straight to
 * the primary shows the failures the gateway hid.
 *
 * <p>Two scenarios replay at a time (junit-platform.properties): a drill spends its time waiting
 * on real timers, not on the processor, and each has its own gateway, providers and ports.
 */
class BuiltInScenariosDrillTest {
  /**
   * Long enough for every reaction the scenarios assert to happen inside its phase; the checks
   * fail when one does not (a readmission after the replay's end is no readmission).
   */
  private static final Duration LENGTH = Duration.ofSeconds(20);

  static Iterable<String> scenarios() {
    return BuiltInScenarios.names();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  @Execution(ExecutionMode.CONCURRENT)
  void holdsItsExpectations(String name, @TempDir Path out) throws Exception {
    DrillScenario scenario = BuiltInScenarios.get(name);
    DrillResult r;
    try (Drill drill = Drill.prepare(scenario, DrillOptions.defaults().withLength(LENGTH))) {
      r = drill.run(DrillProgress.NONE);
    }

    String report = MarkdownReport.render(r);
    assertThat(r.failedChecks()).as("failed checks of %s:%n%s", name, report).isEmpty();
    assertThat(r.checks().stream().map(Check::name).collect(Collectors.toList()))
        .containsAll(scenario.expect().wrongAnswersMin() == null
            ? java.util.List.of("success_rate", "direct_success_max", "upstream_calls_within_budget")
            : java.util.List.of("success_rate", "wrong_answers", "direct_success_max"));
    // Both runs sent the same requests, and only the one without the gateway saw the faults.
    assertThat(r.direct()).hasSameSizeAs(r.gateway());
    assertThat(r.gatewayTotal().requests()).isGreaterThanOrEqualTo(190);
    assertThat(r.directTotal().successRate()).as(report).isLessThan(0.7);
    assertThat(r.gatewayTotal().failed()).as(report).isZero();
    assertThat(r.incidents()).isNotEmpty();
    JsonNode json = DrillReports.writeAndRead(r, out);
    assertThat(json.path("passed").asBoolean()).isTrue();
  }
}
