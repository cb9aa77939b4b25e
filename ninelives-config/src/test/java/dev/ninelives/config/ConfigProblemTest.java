package dev.ninelives.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ninelives.config.ConfigProblem.Severity;
import org.junit.jupiter.api.Test;

class ConfigProblemTest {
  @Test
  void printsLikeACompiler() {
    ConfigProblem p = new ConfigProblem(Severity.ERROR, "failover.yaml", 12, 7,
        "models.chat.targets[1]", "unknown provider 'opneai' (did you mean 'openai'?)");

    assertThat(p).hasToString("failover.yaml:12:7: error: models.chat.targets[1]: unknown"
        + " provider 'opneai' (did you mean 'openai'?)");
    assertThat(p.isError()).isTrue();
  }

  @Test
  void leavesOutWhatIsUnknown() {
    assertThat(new ConfigProblem(Severity.WARNING, "f.yaml", 3, 0, "", "m"))
        .hasToString("f.yaml:3: warning: m");
    assertThat(new ConfigProblem(Severity.ERROR, "f.yaml", 0, 0, "", "file not found"))
        .hasToString("f.yaml: error: file not found");
  }

  @Test
  void rejectsNegativeLocations() {
    assertThatThrownBy(() -> new ConfigProblem(Severity.ERROR, "f", -1, 0, "", "m"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
