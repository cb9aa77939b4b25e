package dev.ninelives.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void loadsAFile() throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, FullConfigTest.FULL);

    ConfigResult r = ConfigLoader.load(file, FullConfigTest.ENV);

    assertThat(r.ok()).isTrue();
    assertThat(r.config()).isPresent();
    assertThat(r.config().get().models()).containsKeys("chat", "shared");
  }

  @Test
  void namesTheFileAsGivenInProblems() throws IOException {
    Path file = dir.resolve("failover.yaml");
    Files.writeString(file, "providers:\n  a: {type: opnai, api_key: k}\n");

    ConfigResult r = ConfigLoader.load(file, Map.of());

    assertThat(r.errors()).extracting(ConfigProblem::toString).containsExactly(
        file + ":2:13: error: providers.a.type: unknown type 'opnai' (did you mean"
            + " 'openai'?)");
  }

  @Test
  void aMissingFileIsAProblem() {
    Path file = dir.resolve("nope.yaml");

    ConfigResult r = ConfigLoader.load(file, Map.of());

    assertThat(r.config()).isEmpty();
    assertThat(r.errors()).extracting(ConfigProblem::toString)
        .containsExactly(file + ": error: file not found");
    assertThat(r.errors().get(0).line()).isZero();
  }

  @Test
  void aDirectoryIsAProblem() {
    ConfigResult r = ConfigLoader.load(dir, Map.of());

    assertThat(r.errors()).extracting(ConfigProblem::message)
        .containsExactly("is a directory, not a configuration file");
  }

  @Test
  void invalidUtf8IsAProblem() throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, "listen: \"caf\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1));

    ConfigResult r = ConfigLoader.load(file, Map.of());

    assertThat(r.errors()).extracting(ConfigProblem::message)
        .containsExactly("not valid UTF-8");
  }

  @Test
  void aByteOrderMarkIsAccepted() throws IOException {
    Path file = dir.resolve("bom.yaml");
    Files.writeString(file, "\uFEFF" + TestConfigs.MINIMAL);

    assertThat(ConfigLoader.load(file, Map.of()).ok()).isTrue();
  }

  @Test
  void collectsEveryProblemInOnePass() {
    String yaml = """
        listen: nowhere
        providers:
          a: {type: opnai, api_key: k}
          b: {type: anthropic}
        models:
          chat: {targets: [c/m], strategy: random}
        resilience: {retries: {max: -1}, breaker: {failure_rate: 2}}
        limits: {max_request_body: lots}
        """;

    ConfigResult r = TestConfigs.parse(yaml);

    assertThat(r.errors()).extracting(p -> p.line() + ":" + p.column() + " " + p.path())
        .containsExactly(
            "1:9 listen",
            "3:13 providers.a.type",
            "4:3 providers.b",
            "6:20 models.chat.targets[0]",
            "6:36 models.chat.strategy",
            "7:29 resilience.retries.max",
            "7:58 resilience.breaker.failure_rate",
            "8:28 limits.max_request_body");
  }

  @Test
  void problemsAreOrderedByLocation() {
    ConfigResult r = TestConfigs.parse("models: {}\nlisten: x\nproviders: {}\n");

    assertThat(r.problems()).extracting(ConfigProblem::line).containsExactly(1, 2, 3);
    assertThat(r.toString()).isEqualTo("ConfigResult[2 error(s), 1 warning(s)]");
  }
}
