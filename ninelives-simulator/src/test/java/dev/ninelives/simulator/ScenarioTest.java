package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Built-in and file scenarios: loading, starting, and telling what is wrong with a bad file. */
class ScenarioTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final SimClient client = new SimClient();

  @Test
  void everyBuiltInHasPrimarySecondaryAndLocal() {
    assertThat(SimScenario.builtInNames()).containsExactly(
        "healthy", "primary-503", "primary-refuses", "primary-hangs", "primary-cuts-stream", "flapping");
    for (String name : SimScenario.builtInNames()) {
      SimScenario s = SimScenario.builtIn(name);

      assertThat(s.name()).isEqualTo(name);
      assertThat(s.description()).isNotBlank();
      assertThat(s.providers()).extracting(SimScenario.ProviderSpec::name).containsExactly("primary", "secondary", "local");
      assertThat(s.providers().get(2).dialect()).isEqualTo(Dialect.OLLAMA);
    }
  }

  @Test
  void unknownBuiltInNamesTheKnownOnes() {
    assertThatThrownBy(() -> SimScenario.builtIn("primary-explodes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("primary-explodes")
        .hasMessageContaining("healthy, primary-503");
  }

  @Test
  void healthyServesAllThreeOnConsecutivePortsFromTheBasePort() {
    int base = freeBasePort(3);
    try (Simulation sim = Simulation.start(SimScenario.builtIn("healthy"), base)) {
      assertThat(sim.providers()).extracting(SimulatedProvider::port).containsExactly(base, base + 1, base + 2);
      for (SimulatedProvider p : sim.providers()) {
        HttpResponse<String> r = client.chat(p, false);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(r.body()).path("choices").get(0).path("message").path("content").asText())
            .isEqualTo("Hello from " + p.name() + ".");
      }
      assertThat(sim.provider("local").dialect()).isEqualTo(Dialect.OLLAMA);
      assertThatThrownBy(() -> sim.provider("nope")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void primary503AnswersEveryRequestWith503() {
    try (Simulation sim = Simulation.start(SimScenario.builtIn("primary-503"), 0)) {
      assertThat(client.chat(sim.provider("primary"), false).statusCode()).isEqualTo(503);
      assertThat(client.chat(sim.provider("primary"), true).statusCode()).isEqualTo(503);
      assertThat(client.chat(sim.provider("secondary"), false).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void primaryRefusesHasItsPortClosed() {
    try (Simulation sim = Simulation.start(SimScenario.builtIn("primary-refuses"), 0)) {
      SimulatedProvider primary = sim.provider("primary");

      assertThat(primary.refusingConnections()).isTrue();
      assertThat(client.failure(client.request(SimClient.chatUrl(primary), SimClient.chatBody("m", false)).build()))
          .isInstanceOf(ConnectException.class);
      assertThat(client.chat(sim.provider("secondary"), false).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void primaryHangsUntilTheClientGivesUp() {
    try (Simulation sim = Simulation.start(SimScenario.builtIn("primary-hangs"), 0)) {
      SimulatedProvider primary = sim.provider("primary");
      HttpRequest impatient = client.request(SimClient.chatUrl(primary), SimClient.chatBody("m", false))
          .timeout(Duration.ofMillis(300))
          .build();

      assertThat(client.failure(impatient)).isInstanceOf(HttpTimeoutException.class);
      assertThat(primary.awaitAbortedByPeer(1, WAIT)).isTrue();
    }
  }

  @Test
  void primaryCutsStreamAfterTwoContentTokens() {
    try (Simulation sim = Simulation.start(SimScenario.builtIn("primary-cuts-stream"), 0)) {
      SimulatedProvider primary = sim.provider("primary");

      SimClient.Captured r = client.capture(client.request(SimClient.chatUrl(primary),
          SimClient.chatBody("m", true)).build());

      assertThat(r.error()).isNotNull();
      assertThat(SimClient.sseData(r.body())).hasSize(3);
      assertThat(SimClient.streamedText(r.body())).isEqualTo("Hello from");
    }
  }

  @Test
  void flappingRepeats10sHealthyAnd10sOf503() {
    FaultSchedule s = SimScenario.builtIn("flapping").providers().get(0).faults();

    assertThat(s.period()).contains(Duration.ofSeconds(20));
    assertThat(s.faultAt(Duration.ofSeconds(5), () -> 0)).isEmpty();
    assertThat(s.faultAt(Duration.ofSeconds(15), () -> 0)).contains(Fault.status(503));
    assertThat(s.faultAt(Duration.ofSeconds(25), () -> 0)).isEmpty();
    assertThat(s.faultAt(Duration.ofSeconds(35), () -> 0)).contains(Fault.status(503));
  }

  @Test
  void aScenarioFileSetsEveryProviderField(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("s.yaml");
    Files.writeString(file, String.join("\n",
        "name: custom",
        "description: everything set",
        "providers:",
        "  - name: edge",
        "    port: 0",
        "    dialect: llama.cpp",
        "    reply: \"Custom words here\"",
        "    latency: 50ms",
        "    token_interval: 5ms",
        "    keys: [sk-test-1, sk-test-2]",
        "    models: [m-1]",
        "    seed: 7",
        "    faults:",
        "      - { from: 0s, to: 30s, fault: status, status: 503 }",
        "      - { from: 30s, fault: rate-limited, retry_after: 2s, probability: 0.3 }",
        "      - fault: drip",
        "        interval: 100ms",
        "        wait: 1s",
        "        headers: { x-sim: yes }",
        "  - name: plain",
        ""));

    SimScenario s = SimScenario.load(file);

    assertThat(s.name()).isEqualTo("custom");
    SimScenario.ProviderSpec edge = s.providers().get(0);
    assertThat(edge.port()).isEqualTo(OptionalInt.of(0));
    assertThat(edge.dialect()).isEqualTo(Dialect.LLAMA_CPP);
    assertThat(edge.reply()).isEqualTo("Custom words here");
    assertThat(edge.latency()).isEqualTo(Duration.ofMillis(50));
    assertThat(edge.tokenInterval()).isEqualTo(Duration.ofMillis(5));
    assertThat(edge.keys()).containsExactly("sk-test-1", "sk-test-2");
    assertThat(edge.models()).containsExactly("m-1");
    assertThat(edge.faults().seed()).isEqualTo(7);
    assertThat(edge.faults().windows()).containsExactly(
        new FaultSchedule.Window(Duration.ZERO, Duration.ofSeconds(30), Fault.status(503), 1.0),
        new FaultSchedule.Window(Duration.ofSeconds(30), null, Fault.rateLimited(Duration.ofSeconds(2)), 0.3),
        new FaultSchedule.Window(Duration.ZERO, null,
            Fault.drip(Duration.ofMillis(100)).withDelay(Duration.ofSeconds(1)).withHeader("x-sim", "yes"), 1.0));
    SimScenario.ProviderSpec plain = s.providers().get(1);
    assertThat(plain.port()).isEmpty();
    assertThat(plain.dialect()).isEqualTo(Dialect.OPENAI);
    assertThat(plain.reply()).isEqualTo("Hello from plain.");
    assertThat(plain.faults().windows()).isEmpty();
  }

  @Test
  void scenariosCanRunAnthropicAndGeminiProviders(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("native.yaml");
    Files.writeString(file, String.join("\n",
        "providers:",
        "  - name: claude",
        "    dialect: anthropic",
        "    reply: Hello from Claude.",
        "    keys: [ak-1]",
        "  - name: gemini",
        "    dialect: gemini",
        "    faults:",
        "      - { fault: status, status: 503 }",
        ""));

    try (Simulation sim = Simulation.start(SimScenario.load(file), 0)) {
      SimulatedProvider claude = sim.provider("claude");
      SimulatedProvider gemini = sim.provider("gemini");
      assertThat(claude.dialect()).isEqualTo(Dialect.ANTHROPIC);
      assertThat(claude.baseUrl()).isEqualTo("http://127.0.0.1:" + claude.port());
      HttpResponse<String> ok = client.post(NativeWire.url(claude, false), NativeWire.body(Dialect.ANTHROPIC, false),
          "x-api-key", "ak-1");
      assertThat(NativeWire.wholeText(Dialect.ANTHROPIC, ok.body())).isEqualTo("Hello from Claude.");
      HttpResponse<String> down = client.post(NativeWire.url(gemini, false), NativeWire.body(Dialect.GEMINI, false));
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(SimClient.json(down.body()).path("error").path("status").asText()).isEqualTo("UNAVAILABLE");
    }
  }

  @Test
  void aLoadedScenarioRunsWithItsKeysAndFaults(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("run.yaml");
    Files.writeString(file, String.join("\n",
        "providers:",
        "  - name: guarded",
        "    keys: [sk-ok]",
        "  - name: broken",
        "    dialect: vllm",
        "    faults:",
        "      - { fault: status, status: 500 }",
        ""));

    try (Simulation sim = Simulation.start(SimScenario.load(file), 0)) {
      assertThat(sim.scenario().name()).isEqualTo(file.toString());
      assertThat(client.chat(sim.provider("guarded"), false, "Authorization", "Bearer sk-ok").statusCode()).isEqualTo(200);
      assertThat(client.chat(sim.provider("guarded"), false, "Authorization", "Bearer sk-no").statusCode()).isEqualTo(401);
      HttpResponse<String> broken = client.chat(sim.provider("broken"), false);
      assertThat(broken.statusCode()).isEqualTo(500);
      assertThat(SimClient.json(broken.body()).path("error").path("type").asText()).isEqualTo("InternalServerError");
    }
  }

  @Test
  void theReadmeExampleIsAValidScenario() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int section = readme.indexOf("### File format");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = readme.substring(start, readme.indexOf("```", start));

    SimScenario s = SimScenario.parse(yaml, "README");

    assertThat(s.name()).isEqualTo("my-outage");
    assertThat(s.providers().get(0).faults().windows()).hasSize(4);
    assertThat(s.providers().get(0).faults().period()).contains(Duration.ofSeconds(60));
  }

  @Test
  void theDrillFaultsAndLatencySpreadsAreWrittenInTheFile() {
    SimScenario s = SimScenario.parse(String.join("\n",
        "providers:",
        "  - name: a",
        "    latency: { median: 200ms, p99: 800ms }",
        "    faults:",
        "      - { from: 0s, to: 10s, fault: slow, latency: { from: 200ms, to: 12s, spread: 1.5 } }",
        "      - { from: 10s, to: 20s, fault: wrong-answer, probability: 0.4 }",
        "      - { from: 10s, to: 20s, fault: wrong-answer, text: stale }",
        "      - { from: 20s, to: 30s, fault: bad-key }",
        "      - { from: 30s, to: 40s, fault: refuse, in_flight: finish }",
        "      - { from: 40s, fault: slow, latency: 3s }",
        ""), "drill.yaml");

    SimScenario.ProviderSpec a = s.providers().get(0);
    assertThat(a.latencyModel()).isEqualTo(Latency.logNormal(Duration.ofMillis(200), Duration.ofMillis(800)));
    assertThat(a.latency()).isEqualTo(Duration.ofMillis(200));
    assertThat(a.faults().windows()).extracting(FaultSchedule.Window::fault).containsExactly(
        Fault.slow(Latency.ramp(Duration.ofMillis(200), Duration.ofSeconds(12)).withSpread(1.5)),
        Fault.wrongAnswer(),
        Fault.wrongAnswer("stale"),
        Fault.badKey(),
        Fault.refuseLettingAnswersFinish(),
        Fault.slow(Latency.fixed(Duration.ofSeconds(3))));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "providers:\\n  - name: a\\n   reply: x                | line 3 | not valid YAML",
    "providers:\\n  - name: a\\n    faults:\\n      - { fault: explode } | line 4 | unknown fault kind 'explode'",
    "providers:\\n  - name: a\\n    faults:\\n      - { fault: status } | line 4 | needs 'status'",
    "providers:\\n  - name: a\\n    faults:\\n      - { fault: status, status: 200 } | line 4 | 400-599",
    "providers:\\n  - name: a\\n    latncy: 5ms                 | line 3 | unknown key 'latncy'",
    "providers:\\n  - name: a\\n    latency: fast               | line 3 | not a duration",
    "providers:\\n  - name: a\\n  - name: a                     | line 3 | already used on line 2",
    "providers:\\n  - name: a\\n    port: 9000\\n  - name: b\\n    port: 9000 | line 4 | port 9000 is already used",
    "providers:\\n  - name: a\\n    dialect: bedrock            | line 3 | unknown dialect 'bedrock'",
    "providers:\\n  - name: a\\n    faults:\\n      - { fault: cut, status: 503 } | line 4 | 'status' does not apply to fault 'cut'",
    "providers:\\n  - name: a\\n    faults:\\n      - { fault: refuse, probability: 0.5 } | line 4 | refuse window cannot have a probability",
    "providers:\\n  - port: 1                                  | line 2 | missing 'name'",
    "providers: []                                             | line 1 | at least one provider",
    "name: x                                                   | line 1 | missing 'providers'",
    "providers:\\n  - name: a\\n    latency: { from: 1s, to: 2s } | line 3 | unknown key 'from'",
    "providers:\\n  - name: a\\n    latency: { median: 1s, p99: 10ms } | line 3 | below the median",
    "providers:\\n  - name: a\\n    faults:\\n      - { fault: slow } | line 4 | needs 'latency'",
    "providers:\\n  - name: a\\n    faults:\\n      - { fault: slow, latency: { from: 1s } } | line 4 | needs both 'from' and 'to'",
    "providers:\\n  - name: a\\n    faults:\\n      - { fault: refuse, in_flight: later } | line 4 | expected drop or finish",
  })
  void badFilesAreRejectedWithLineAndProblem(String yaml, String line, String problem) {
    String text = yaml.strip().replace("\\n", "\n");

    assertThatThrownBy(() -> SimScenario.parse(text, "bad.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("scenario bad.yaml, " + line + ":")
        .hasMessageContaining(problem);
  }

  @Test
  void emptyAndMissingFilesAreRejected(@TempDir Path dir) throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "");

    assertThatThrownBy(() -> SimScenario.load(empty))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> SimScenario.load(dir.resolve("missing.yaml")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
  }

  @Test
  void aTakenPortFailsTheStartAndNamesTheProvider() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      SimScenario s = SimScenario.parse("providers:\n  - name: a\n  - name: b\n    port: " + taken.getLocalPort(), "t");

      assertThatThrownBy(() -> Simulation.start(s, 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("provider 'b'")
          .hasMessageContaining(Integer.toString(taken.getLocalPort()));
    }
  }

  /** A port whose next {@code count - 1} neighbours are free too, found in a bounded number of tries. */
  private static int freeBasePort(int count) {
    for (int attempt = 0; attempt < 20; attempt++) {
      int base;
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        base = s.getLocalPort();
      } catch (IOException e) {
        continue;
      }
      if (base + count - 1 <= 65535 && allFree(base, count)) {
        return base;
      }
    }
    throw new AssertionError("no run of " + count + " free ports found");
  }

  private static boolean allFree(int base, int count) {
    for (int port = base; port < base + count; port++) {
      try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
