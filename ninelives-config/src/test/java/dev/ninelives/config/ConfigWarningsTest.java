package dev.ninelives.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Lint: configs that load, with the exact warnings they must produce. */
class ConfigWarningsTest {

  private static final String PROVIDERS = """
      providers:
        a:
          type: openai
          api_key: k1
        b:
          type: anthropic
          api_key: k2
      """;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheseWarnings(String name, String yaml, String[] expected) {
    ConfigResult r = TestConfigs.parse(yaml);

    assertThat(r.errors()).isEmpty();
    assertThat(r.config()).isPresent();
    assertThat(r.warnings()).extracting(ConfigProblem::toString).containsExactly(expected);
  }

  @Test
  void aValidTwoProviderRouteHasNoWarnings() {
    ConfigResult r = TestConfigs.parse(TestConfigs.MINIMAL);

    assertThat(r.problems()).isEmpty();
  }

  @Test
  void warningsAreStillReportedNextToErrors() {
    ConfigResult r = TestConfigs.parse(PROVIDERS + "models:\n  chat: {targets: [a/m]}\n"
        + "listen: nowhere\n");

    assertThat(r.errors()).hasSize(1);
    assertThat(r.warnings()).extracting(ConfigProblem::line).containsExactly(5, 9);
  }

  @Test
  void anUnreadableTargetDoesNotCascadeIntoLintWarnings() {
    // 'opneai' is an error; calling the route single-provider or 'a' unused would be noise
    // that disappears once the typo is fixed.
    ConfigResult r = TestConfigs.parse(PROVIDERS + """
        models:
          chat: {targets: [b/m, opneai/m]}
          other: {targets: [b/x, b/y], strategy: random}
        """);

    assertThat(r.errors()).extracting(ConfigProblem::path)
        .containsExactly("models.chat.targets[1]", "models.other.strategy");
    assertThat(r.warnings()).extracting(ConfigProblem::toString).containsExactly(
        "t.yaml:10:3: warning: models.other: route 'other' has no target on a second provider:"
            + " an outage of 'b' takes it down");
  }

  private static Arguments warning(String name, String yaml, String... expected) {
    return arguments(name, yaml, expected);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        warning("no models key", PROVIDERS,
            "t.yaml:1:1: warning: models: no models configured: clients can only send direct"
                + " provider/model names"),
        warning("empty models", PROVIDERS + "models: {}\n",
            "t.yaml:8:1: warning: models: no models configured: clients can only send direct"
                + " provider/model names"),
        warning("route on one provider", PROVIDERS + """
            models:
              chat:
                targets: [a/gpt-4.1, a/gpt-4o]
              other:
                targets: [a/m, b/m]
            """,
            "t.yaml:9:3: warning: models.chat: route 'chat' has no target on a second provider:"
                + " an outage of 'a' takes it down"),
        warning("route with a single target", PROVIDERS + """
            models:
              chat: {targets: [b/claude]}
              other: {targets: [a/m, b/m]}
            """,
            "t.yaml:9:3: warning: models.chat: route 'chat' has no target on a second provider:"
                + " an outage of 'b' takes it down"),
        warning("provider no route uses", PROVIDERS + """
              c:
                type: gemini
                api_key: k3
            models:
              chat: {targets: [a/m, b/m]}
            """,
            "t.yaml:8:3: warning: providers.c: provider 'c' is not a target of any route"
                + " (clients can still reach it directly as 'c/<model>')"),
        warning("weight on a failover route", PROVIDERS + """
            models:
              chat:
                targets:
                  - {target: a/m, weight: 3}
                  - b/m
            """,
            "t.yaml:11:23: warning: models.chat.targets[0].weight: weight is ignored: this"
                + " route uses the failover strategy (set strategy: weighted to share"
                + " traffic)"),
        warning("many retries, global", TestConfigs.MINIMAL + "resilience:\n  retries: {max: 6}\n",
            "t.yaml:12:18: warning: resilience.retries.max: retries.max is 6: more than 5"
                + " retries per target multiply the load on an upstream that is already"
                + " failing; fail over to the next target instead"),
        warning("many retries, per route", PROVIDERS + """
            models:
              chat:
                targets: [a/m, b/m]
                resilience: {retries: {max: 10}}
            """,
            "t.yaml:11:33: warning: models.chat.resilience.retries.max: retries.max is 10: more"
                + " than 5 retries per target multiply the load on an upstream that is already"
                + " failing; fail over to the next target instead"),
        warning("backoff above max_backoff", TestConfigs.MINIMAL
                + "resilience:\n  retries: {backoff: 20s}\n",
            "t.yaml:12:22: warning: resilience.retries.backoff: retries.backoff (20s) is longer"
                + " than retries.max_backoff (10s): every backoff wait is capped at"
                + " max_backoff"),
        warning("repeated key in a pool", """
            providers:
              a:
                type: openai
                api_keys: [k1, k2, k1]
              b: {type: anthropic, api_key: k3}
            models:
              chat: {targets: [a/m, b/m]}
            """,
            "t.yaml:4:24: warning: providers.a.api_keys[2]: the same key as api_keys[0]: a"
                + " repeated key gets a larger share of traffic and is quarantined as one"));
  }
}
