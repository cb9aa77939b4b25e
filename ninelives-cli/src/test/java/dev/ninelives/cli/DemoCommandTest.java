package dev.ninelives.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code ninelives demo}, run non-interactively for a short time. */
class DemoCommandTest {

  @Test
  void demoReplaysTheOutageAndEveryRequestIsAnswered() {
    CommandOutput r = CommandOutput.run("demo", "--duration", "8s", "--rate", "10", "--port",
        "0", "--no-wait");
    assertThat(r.exitCode()).as("stdout:%n%s%nstderr:%n%s", r.out(), r.err()).isZero();
    assertThat(r.out())
        .contains("NineLives demo: gateway http://127.0.0.1:")
        .contains("all providers healthy")
        .contains("database migration: primary answers 503")
        .contains("primary recovers")
        .contains("complete answers (100.0%)")
        .contains("served by primary")
        .contains("served by secondary");
  }
}
