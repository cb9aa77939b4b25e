package dev.ninelives.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ninelives.simulator.Dialect;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.Latency;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The drill scenario format: what a file says, and every problem located by line. */
class DrillScenarioTest {

  static Iterable<String> builtIns() {
    return BuiltInScenarios.names();
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void everyBuiltInScenarioIsDocumentedAndAssertsSomething(String name) {
    DrillScenario s = BuiltInScenarios.get(name);

    assertThat(s.name()).isEqualTo(name);
    assertThat(s.description()).isNotBlank();
    assertThat(s.phases()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
    assertThat(s.phases()).anySatisfy(p -> assertThat(p.faults()).isNotEmpty());
    assertThat(s.phases().get(s.phases().size() - 1).faults()).as("every scenario ends with a recovery").isEmpty();
    assertThat(s.expect().successRate()).isEqualTo(1.0);
    assertThat(s.expect().directSuccessMax()).isNotNull();
    assertThat(s.expect().callsWithinBudget()).isTrue();
    assertThat(s.length()).isGreaterThanOrEqualTo(Duration.ofHours(1));
  }

  @Test
  void theTotalOutageFollowsTheVisionsPattern() {
    DrillScenario s = BuiltInScenarios.get("total-outage");

    assertThat(s.phases()).extracting(Phase::name)
        .containsExactly("steady", "latency climb", "503s", "auth failures", "recovery");
    Fault climb = s.phases().get(1).faults().get("primary").get(0).fault();
    assertThat(climb.kind()).isEqualTo(Fault.Kind.SLOW);
    assertThat(climb.latency().median(0)).isEqualTo(Duration.ofMillis(200));
    assertThat(climb.latency().median(1)).isGreaterThan(Duration.ofSeconds(10));
    assertThat(s.phases().get(3).faults().get("primary").get(0).fault()).isEqualTo(Fault.badKey());
    assertThat(s.primary().keys()).hasSize(2);
    assertThat(s.length()).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void theDocumentedExampleIsAValidScenario() throws IOException {
    String doc = Files.readString(Path.of("../docs/drills.md"));
    int section = doc.indexOf("## Writing a scenario");
    int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = doc.substring(start, doc.indexOf("```", start));

    DrillScenario s = DrillScenario.parse(yaml, "docs/drills.md");

    assertThat(s.name()).isEqualTo("my-outage");
    assertThat(s.providers()).extracting(DrillProvider::dialect)
        .containsExactly(Dialect.OPENAI, Dialect.ANTHROPIC, Dialect.OLLAMA);
    assertThat(s.phases().size()).isGreaterThan(3);
    assertThat(s.expect().detectionMax()).isNotNull();
  }

  @Test
  void aFullFileReadsAsWritten() {
    DrillScenario s = DrillScenario.parse(String.join("\n",
        "name: x",
        "description: y",
        "compress_to: 30s",
        "providers:",
        "  - { name: a, dialect: gemini, models: [gemini-2.0-flash], keys: [k1], latency: { median: 100ms, p99: 300ms },"
            + " token_interval: 5ms, reply: Hi, seed: 9 }",
        "  - { name: b }",
        "load: { rate: 12/s, streaming: 25%, clients: { openai: 1, anthropic: 3 }, timeout: 7s, model: assistant,"
            + " seed: 4 }",
        "phases:",
        "  - { name: calm, for: 1h30m }",
        "  - repeat: 2",
        "    phases:",
        "      - name: off",
        "        for: 5m",
        "        faults:",
        "          a:",
        "            - { fault: status, status: 500, probability: 30% }",
        "            - { fault: slow, latency: { from: 1s, to: 3s } }",
        "      - { name: on, for: 5m }",
        "expect:",
        "  success_rate: 99.5%",
        "  wrong_answers: { max: 10% }",
        "  breaker_stays_closed: [b]",
        ""), "x.yaml");

    assertThat(s.compressTo()).isEqualTo(Duration.ofSeconds(30));
    DrillProvider a = s.providers().get(0);
    assertThat(a.dialect()).isEqualTo(Dialect.GEMINI);
    assertThat(a.model()).isEqualTo("gemini-2.0-flash");
    assertThat(a.latency()).isEqualTo(Latency.logNormal(Duration.ofMillis(100), Duration.ofMillis(300)));
    assertThat(a.seed()).isEqualTo(9);
    assertThat(s.providers().get(1).model()).isEqualTo("sim-b");
    assertThat(s.load().rate()).isEqualTo(12);
    assertThat(s.load().clients()).containsEntry(ClientFormat.OPENAI, 0.25).containsEntry(ClientFormat.ANTHROPIC, 0.75);
    assertThat(s.load().model()).isEqualTo("assistant");
    assertThat(s.phases()).extracting(Phase::name).containsExactly("calm", "off (1/2)", "on (1/2)", "off (2/2)",
        "on (2/2)");
    assertThat(s.phases().get(1).faults().get("a")).extracting(PhaseFault::probability).containsExactly(0.3, 1.0);
    assertThat(s.length()).isEqualTo(Duration.ofMinutes(110));
    assertThat(s.expect().successRate()).isEqualTo(0.995);
    assertThat(s.expect().wrongAnswersMax()).isEqualTo(0.1);
    assertThat(s.expect().wrongAnswersMin()).isNull();
    assertThat(s.expect().breakerStaysClosed()).containsExactly("b");
    assertThat(s.gateway()).isEqualTo(GatewayPolicy.DEFAULT);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "providers: [{name: a}]\\nphases:\\n  - { name: p, for: 1m, faults: { b: { fault: hang } } } | line 3 | unknown provider 'b'",
    "providers: [{name: a}]\\nphases:\\n  - { name: p }                        | line 3 | missing 'for'",
    "providers: [{name: a}]\\nphases:\\n  - { name: p, for: soon }             | line 3 | not a duration",
    "providers: [{name: a}]\\nphases:\\n  - { name: p, for: 0 }                | line 3 | longer than zero",
    "providers: [{name: a}]\\nphases:\\n  - { name: p, for: 1m, faults: { a: { fault: explode } } } | line 3 | unknown fault kind 'explode'",
    "providers: [{name: a}]\\nphases:\\n  - { name: p, for: 1m, faults: { a: { fault: refuse, probability: 50% } } } | line 3 | cannot have a probability",
    "providers: [{name: a}]\\nphases:\\n  - { name: p, for: 1m, faults: { a: { fault: hang, probability: 150% } } } | line 3 | between 0% and 100%",
    "providers: [{name: a}]\\nphases:\\n  - { repeat: 2 }                      | line 3 | needs 'phases'",
    "providers: [{name: a}]\\nphases:\\n  - { name: p, for: 1m }\\nexpect: { success: 100% } | line 4 | unknown key 'success'",
    "providers: [{name: a}]\\nphases:\\n  - { name: p, for: 1m }\\nexpect: { breaker_stays_closed: [z] } | line 4 | unknown provider 'z'",
    "providers: [{name: a}]\\nphases:\\n  - { name: p, for: 1m }\\nload: { rate: 0 } | line 4 | more than 0",
    "providers: [{name: a}]\\nphases:\\n  - { name: p, for: 1m }\\nload: { clients: { gemini: 1 } } | line 4 | unknown key 'gemini'",
    "providers: [{name: a}, {name: a}]\\nphases:\\n  - { name: p, for: 1m } | line 1 | already used",
    "providers: [{name: 'a b'}]\\nphases:\\n  - { name: p, for: 1m }       | line 1 | not a provider name",
    "providers: [{name: a, latncy: 5ms}]\\nphases:\\n  - { name: p, for: 1m } | line 1 | unknown key 'latncy'",
    "providers: [{name: a}]\\nphases: []                                    | line 2 | at least one phase",
    "phases:\\n  - { name: p, for: 1m }                                       | line 1 | missing 'providers'",
    "providers: [{name: a}]\\nphases:\\n  - { name: p, for: 1m\\n          | line 4 | not valid YAML",
  })
  void badFilesAreRejectedWithLineAndProblem(String yaml, String line, String problem) {
    String text = yaml.strip().replace("\\n", "\n");

    assertThatThrownBy(() -> DrillScenario.parse(text, "bad.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("scenario bad.yaml, " + line + ":")
        .hasMessageContaining(problem);
  }

  @Test
  void aProblemInTheGatewayPolicyPointsAtTheScenariosOwnLine() {
    DrillScenario s = DrillScenario.parse(String.join("\n",
        "providers: [{name: a}, {name: b}]",
        "gateway:",
        "  resilience:",
        "    retries: { max: 1 }",
        "    breaker:",
        "      failure_rate: 50%",
        "      open_fr: 2s",
        "phases:",
        "  - { name: p, for: 1m }",
        ""), "policy.yaml");

    assertThatThrownBy(() -> Drill.prepare(s, DrillOptions.defaults()))
        .isInstanceOf(BadConfigException.class)
        .hasMessageContaining("scenario policy.yaml, line 7: gateway.")
        .hasMessageContaining("open_fr")
        .hasMessageContaining("open_for");
  }

  @Test
  void anUnreadableFileIsALocatedProblemToo(@TempDir Path dir) {
    assertThatThrownBy(() -> DrillScenario.load(dir.resolve("missing.yaml")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
    assertThatThrownBy(() -> DrillScenario.parse("", "empty.yaml"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> BuiltInScenarios.resolve("no-such-outage"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("total-outage");
  }
}
