package dev.ninelives.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ResilienceConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Effective route policy = defaults, then the global block, then the route, key by key. */
class ResilienceMergeTest {
  private static final ResilienceConfig D = ResilienceConfig.defaults();

  private static GatewayConfig load(String global, String route) {
    String yaml = """
        providers:
          a: {type: openai, api_key: k1}
          b: {type: anthropic, api_key: k2}
        models:
          chat:
            targets: [a/m, b/m]
        """ + (route.isEmpty() ? "" : "    resilience: " + route + "\n")
        + "  plain:\n    targets: [a/m, b/m]\n"
        + (global.isEmpty() ? "" : "resilience: " + global + "\n");
    ConfigResult r = TestConfigs.parse(yaml);
    assertThat(r.errors()).isEmpty();
    return r.config().orElseThrow();
  }

  @Test
  void aRouteOverrideReplacesOnlyItsKey() {
    GatewayConfig c = load("", "{retries: {max: 1}}");

    ResilienceConfig chat = c.models().get("chat").resilience();
    assertThat(chat.retries()).isEqualTo(new ResilienceConfig.Retries(1, D.retries().backoff(),
        D.retries().maxBackoff(), D.retries().budgetRatio(), D.retries().budgetMinRetries(),
        D.retries().budgetWindow()));
    assertThat(chat.timeouts()).isEqualTo(D.timeouts());
    assertThat(chat.breaker()).isEqualTo(D.breaker());
    assertThat(chat.quarantine()).isEqualTo(D.quarantine());
  }

  @Test
  void routesInheritTheGlobalBlockAndOverrideOnTop() {
    GatewayConfig c = load("{retries: {max: 4, backoff: 1s}, breaker: {failure_rate: 25%}}",
        "{retries: {max: 0}, quarantine: {max: 5m}}");

    ResilienceConfig global = c.resilience();
    assertThat(global.retries().max()).isEqualTo(4);
    assertThat(global.retries().backoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(global.breaker().failureRate()).isEqualTo(0.25);
    assertThat(global.breaker().slowCallRate()).isEqualTo(D.breaker().slowCallRate());

    ResilienceConfig chat = c.models().get("chat").resilience();
    assertThat(chat.retries().max()).isZero();
    assertThat(chat.retries().backoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(chat.breaker().failureRate()).isEqualTo(0.25);
    assertThat(chat.quarantine().max()).isEqualTo(Duration.ofMinutes(5));
    assertThat(chat.quarantine().duration()).isEqualTo(D.quarantine().duration());

    assertThat(c.models().get("plain").resilience()).isEqualTo(global);
  }

  @Test
  void anEmptyOverrideChangesNothing() {
    GatewayConfig c = load("{timeouts: {total: 10m}}", "{}");

    assertThat(c.models().get("chat").resilience()).isEqualTo(c.resilience());
    assertThat(c.resilience().timeouts().total()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aRouteMayRaiseTotalAboveAGlobalConflict() {
    // The global first_token fits its own total; the route shortens total below it.
    ConfigResult r = TestConfigs.parse("""
        providers:
          a: {type: openai, api_key: k1}
          b: {type: anthropic, api_key: k2}
        models:
          chat:
            targets: [a/m, b/m]
            resilience: {timeouts: {first_token: 2s, response: 3s, total: 4s}}
        """);

    assertThat(r.errors()).isEmpty();
    assertThat(r.config().orElseThrow().models().get("chat").resilience().timeouts().total())
        .isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void aGlobalConflictIsReportedOnceNotPerRoute() {
    ConfigResult r = TestConfigs.parse("""
        providers:
          a: {type: openai, api_key: k1}
          b: {type: anthropic, api_key: k2}
        models:
          one: {targets: [a/m, b/m]}
          two: {targets: [a/m, b/m], resilience: {retries: {max: 1}}}
        resilience: {timeouts: {total: 10s}}
        """);

    assertThat(r.errors()).extracting(ConfigProblem::path)
        .containsExactly("resilience.timeouts.total", "resilience.timeouts.total");
    assertThat(r.errors()).extracting(ConfigProblem::message).allMatch(m ->
        m.endsWith("is longer than timeouts.total (10s): the total deadline would always fire"
            + " first"));
  }
}
