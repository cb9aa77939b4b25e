package dev.ninelives.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandsTest {
  @TempDir
  Path dir;

  private Path write(String yaml) throws Exception {
    Path f = dir.resolve("gateway.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void checkAcceptsTheShippedExample() {
    CommandOutput r = CommandOutput.run("check", "--config", "../examples/failover.yaml");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("OK", "3 provider(s)");
  }

  @Test
  void checkReportsEveryProblemWithItsLocationAndExits2() throws Exception {
    Path f = write("providers:\n"
        + "  openai:\n"
        + "    type: opneai\n"
        + "    api_key: sk-not-shown-anywhere\n"
        + "models:\n"
        + "  chat:\n"
        + "    targetz: [openai/gpt-4.1]\n");
    CommandOutput r = CommandOutput.run("check", "--config", f.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("gateway.yaml:3:11: error: providers.openai.type: unknown type 'opneai' "
            + "(did you mean 'openai'?)")
        .contains("gateway.yaml:7:5: error: models.chat.targetz: unknown key 'targetz' "
            + "(did you mean 'targets'?)")
        .doesNotContain("sk-not-shown-anywhere");
  }

  @Test
  void checkWarnsAboutARouteWithoutASecondProvider() throws Exception {
    Path f = write("providers:\n"
        + "  local:\n"
        + "    type: openai-compatible\n"
        + "    base_url: http://127.0.0.1:8000/v1\n"
        + "models:\n"
        + "  chat:\n"
        + "    targets: [local/a, local/b]\n");
    CommandOutput r = CommandOutput.run("check", "--config", f.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("warning", "no target on a second provider");
  }

  @Test
  void serveRefusesABadConfigWithExit2AndTheSameMessages() throws Exception {
    Path f = write("providers:\n  p:\n    type: openai-compatible\n    base_url: not-a-url\n");
    CommandOutput check = CommandOutput.run("check", "--config", f.toString());
    CommandOutput serve = CommandOutput.run("serve", "--config", f.toString());
    assertThat(serve.exitCode()).isEqualTo(2);
    String firstProblem = check.err().lines().filter(l -> l.contains(": error: "))
        .findFirst().orElseThrow();
    assertThat(firstProblem).contains("gateway.yaml:4:15: error");
    assertThat(serve.err()).contains(firstProblem).contains("not starting");
  }

  @Test
  void missingFileIsReportedNotThrown() {
    CommandOutput r = CommandOutput.run("check", "--config", dir.resolve("nope.yaml").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("nope.yaml");
  }

  @Test
  void everyProviderTypeIsAccepted() throws Exception {
    Path f = write("providers:\n"
        + "  claude:\n"
        + "    type: anthropic\n"
        + "    api_key: sk-ant-xyz\n"
        + "  gemini:\n"
        + "    type: gemini\n"
        + "    api_key: AIza-xyz\n"
        + "models:\n"
        + "  chat:\n"
        + "    targets: [claude/claude-sonnet-4-5, gemini/gemini-2.5-pro]\n");
    CommandOutput check = CommandOutput.run("check", "--config", f.toString());
    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(check.err()).doesNotContain("sk-ant-xyz", "AIza-xyz");
  }
}
