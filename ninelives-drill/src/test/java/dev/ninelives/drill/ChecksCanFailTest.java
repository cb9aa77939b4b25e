package dev.ninelives.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drill's checks fail when what they bound does not hold, and a failure after the first token
 * (a stream cut mid-answer, which no gateway can hide) counts against the client's success.
 */
class ChecksCanFailTest {

  @Test
  void impossibleBoundsAndAFailureNoGatewayCanHideFailTheDrill(@TempDir Path out) throws Exception {
    DrillScenario s = DrillScenario.parse(String.join("\n",
        "name: cannot-pass",
        "providers:",
        "  - { name: primary, latency: 20ms, token_interval: 20ms }",
        "  - { name: secondary, dialect: anthropic, latency: 20ms, token_interval: 5ms }",
        "load: { rate: 20/s, streaming: 100%, timeout: 5s }",
        "phases:",
        "  - { name: steady, for: 1s }",
        "  - name: cut mid-answer",
        "    for: 2s",
        "    description: Streams break after two words; the client already has them.",
        "    faults: { primary: { fault: cut, after_events: 3 } }",
        "  - name: down",
        "    for: 3s",
        "    faults: { primary: { fault: status, status: 503 } }",
        "  - { name: back, for: 2s }",
        "expect:",
        "  success_rate: 100%",
        "  wrong_answers: { min: 10% }",
        "  direct_success_max: 50%",
        "  detection_max: 1ms",
        "  readmission_max: 1ms",
        "  upstream_calls_within_budget: true",
        "  breaker_stays_closed: [primary]",
        ""), "cannot-pass.yaml");

    DrillResult r;
    try (Drill drill = Drill.prepare(s, DrillOptions.defaults().withCompression(1.0))) {
      r = drill.run(DrillProgress.NONE);
    }

    Map<String, Boolean> verdicts = r.checks().stream().collect(Collectors.toMap(Check::name, Check::passed));
    assertThat(verdicts).containsEntry("success_rate", false)
        .containsEntry("wrong_answers", false)
        .containsEntry("detection_max", false)
        .containsEntry("readmission_max", false)
        .containsEntry("breaker_stays_closed", false)
        .containsEntry("direct_success_max", true)
        .containsEntry("upstream_calls_within_budget", true);
    assertThat(r.passed()).isFalse();
    Stats cut = r.phases().get(1).gateway();
    assertThat(cut.failures()).containsKey("error event in the stream");
    assertThat(r.checks().stream().filter(c -> c.name().equals("wrong_answers")).findFirst().orElseThrow().actual())
        .as("no silent fault to measure is a failure, not a pass").endsWith("of 0");
    assertThat(DrillReports.writeAndRead(r, out).path("passed").asBoolean()).isFalse();
  }
}
