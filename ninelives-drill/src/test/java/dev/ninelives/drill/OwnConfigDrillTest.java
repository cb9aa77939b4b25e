package dev.ninelives.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ninelives.simulator.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drill of a user's own configuration: every provider is replaced by a simulated one speaking
 * the same format, the scenario's providers take the route's in order, and no real key is needed.
 */
class OwnConfigDrillTest {
  private static final Path SHORT = Path.of("src/test/resources/dev/ninelives/drill/short-outage.yaml");

  private static Path config(Path dir) throws Exception {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, String.join("\n",
        "listen: 127.0.0.1:4000",
        "providers:",
        "  openai:",
        "    type: openai",
        "    api_keys: [\"${DRILL_TEST_UNSET_KEY_1}\", \"${DRILL_TEST_UNSET_KEY_2}\"]",
        "  gemini:",
        "    type: gemini",
        "    api_key: ${DRILL_TEST_UNSET_GEMINI}",
        "  claude:",
        "    type: anthropic",
        "    api_key: ${DRILL_TEST_UNSET_CLAUDE}",
        "models:",
        "  other:",
        "    targets: [claude/claude-sonnet-4-5]",
        "  assistant:",
        "    strategy: failover",
        "    targets: [openai/gpt-4.1, gemini/gemini-2.0-flash, claude/claude-sonnet-4-5]",
        "resilience:",
        "  timeouts: { connect: 500ms, first_token: 2s, stall: 2s, response: 4s, total: 8s }",
        "  breaker: { failure_rate: 50%, minimum_calls: 5, window: 5s, open_for: 1s }",
        ""));
    return file;
  }

  @Test
  void theUsersRouteIsDrilledWithSimulatedProvidersOfTheSameFormats(@TempDir Path dir) throws Exception {
    DrillScenario s = DrillScenario.load(SHORT);

    DrillResult r;
    try (Drill drill = Drill.prepare(s, DrillOptions.defaults().withCompression(1.0)
        .withConfig(config(dir), "assistant"))) {
      assertThat(drill.scenario().providers()).extracting(DrillProvider::name, DrillProvider::dialect)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("openai", Dialect.OPENAI),
              org.assertj.core.groups.Tuple.tuple("gemini", Dialect.GEMINI),
              org.assertj.core.groups.Tuple.tuple("claude", Dialect.ANTHROPIC));
      assertThat(drill.scenario().phases().get(1).faults()).containsOnlyKeys("openai");
      assertThat(drill.scenario().load().model()).isEqualTo("assistant");
      r = drill.run(DrillProgress.NONE);
    }

    assertThat(r.failedChecks()).as(MarkdownReport.render(r)).isEmpty();
    assertThat(r.primary()).isEqualTo("openai");
    assertThat(r.route()).containsExactly("openai", "gemini", "claude");
    Map<String, Integer> servedDuringOutage = r.phases().get(1).gateway().servedByProvider();
    assertThat(servedDuringOutage).as("the route's second target, Gemini, takes over").containsKey("gemini");
    assertThat(r.callsGateway().get("gemini")).isPositive();
    assertThat(r.wiring()).contains("gateway.yaml").contains("route 'assistant'");
  }

  @Test
  void aBadConfigurationIsRefusedWithItsLines(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, String.join("\n",
        "providers:",
        "  openai:",
        "    type: openia",
        "models:",
        "  chat: { targets: [openai/gpt-4.1] }",
        ""));

    assertThatThrownBy(() -> Drill.prepare(DrillScenario.load(SHORT), DrillOptions.defaults().withConfig(bad, null)))
        .isInstanceOf(BadConfigException.class)
        .hasMessageContaining("bad.yaml:3")
        .satisfies(e -> assertThat(((BadConfigException) e).problems()).isNotEmpty());
    assertThatThrownBy(() -> Drill.prepare(DrillScenario.load(SHORT),
        DrillOptions.defaults().withConfig(config(dir), "nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no model 'nope'")
        .hasMessageContaining("assistant");
  }
}
