package dev.ninelives.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.Strategy;
import dev.ninelives.core.config.TargetRef;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key of the format, set once, read back into the core records. */
class FullConfigTest {
  static final String FULL = """
      listen: 0.0.0.0:8080
      providers:
        openai:
          type: openai
          api_key: ${OPENAI_API_KEY}
        claude:
          type: anthropic
          api_keys: ["${ANTHROPIC_KEY_1}", "${ANTHROPIC_KEY_2}"]
          base_url: https://anthropic.internal/
          headers: { anthropic-beta: tools-2024 }
        azure:
          type: azure-openai
          api_key: az-key
          base_url: https://example.openai.azure.com/openai
          api_version: 2024-10-21
        gemini:
          type: gemini
          api_key: g-key
        local:
          type: openai-compatible
          base_url: http://127.0.0.1:8000/v1
      models:
        chat:
          strategy: failover
          failover_on_content_policy: true
          targets:
            - claude/claude-sonnet-4-5
            - openai/gpt-4.1
            - { target: gemini/gemini-2.5-pro, larger_context: true }
          resilience: { retries: { max: 1 }, timeouts: { first_token: 5s } }
        shared:
          strategy: weighted
          targets:
            - { target: azure/gpt-4o-deploy, weight: 3 }
            - { target: local/meta-llama/Llama-3.1-8B, weight: 1 }
      resilience:
        timeouts: { connect: 1s, first_token: 15s, stall: 20s, response: 90s, total: 200s }
        retries: { max: 3, backoff: 100ms, max_backoff: 5s, budget: 10%, budget_min: 2, budget_window: 30s }
        breaker: { failure_rate: 40%, slow_call_rate: 0.9, slow_call: 8s, minimum_calls: 20, window: 2m, open_for: 45s, half_open_calls: 2 }
        quarantine: { for: 2m, max: 1h }
      limits:
        max_request_body: 8MB
      """;

  static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", "sk-openai",
      "ANTHROPIC_KEY_1", "sk-ant-1", "ANTHROPIC_KEY_2", "sk-ant-2");

  @Test
  void readsEveryKey() {
    ConfigResult r = TestConfigs.parse(FULL, ENV);

    assertThat(r.problems()).isEmpty();
    GatewayConfig c = r.config().orElseThrow();
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.maxRequestBytes()).isEqualTo(8L * 1024 * 1024);
    assertThat(c.providers()).containsOnlyKeys("openai", "claude", "azure", "gemini", "local");
    assertThat(c.providers().keySet()).containsExactly("openai", "claude", "azure", "gemini",
        "local");

    assertThat(c.providers().get("openai")).isEqualTo(new ProviderConfig("openai",
        ProviderType.OPENAI, "https://api.openai.com/v1", java.util.List.of(
            Secret.of("sk-openai")), null, Map.of()));
    assertThat(c.providers().get("claude")).isEqualTo(new ProviderConfig("claude",
        ProviderType.ANTHROPIC, "https://anthropic.internal",
        java.util.List.of(Secret.of("sk-ant-1"), Secret.of("sk-ant-2")), null,
        Map.of("anthropic-beta", "tools-2024")));
    assertThat(c.providers().get("azure")).isEqualTo(new ProviderConfig("azure",
        ProviderType.AZURE_OPENAI, "https://example.openai.azure.com/openai",
        java.util.List.of(Secret.of("az-key")), "2024-10-21", Map.of()));
    assertThat(c.providers().get("gemini").baseUrl())
        .isEqualTo("https://generativelanguage.googleapis.com");
    assertThat(c.providers().get("local").apiKeys()).isEmpty();
    assertThat(c.providers().get("local").baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");

    ResilienceConfig global = new ResilienceConfig(
        new ResilienceConfig.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(15),
            Duration.ofSeconds(20), Duration.ofSeconds(90), Duration.ofSeconds(200)),
        new ResilienceConfig.Retries(3, Duration.ofMillis(100), Duration.ofSeconds(5), 0.1, 2,
            Duration.ofSeconds(30)),
        new ResilienceConfig.Breaker(0.4, 0.9, Duration.ofSeconds(8), 20,
            Duration.ofMinutes(2), Duration.ofSeconds(45), 2),
        new ResilienceConfig.Quarantine(Duration.ofMinutes(2), Duration.ofHours(1)));
    assertThat(c.resilience()).isEqualTo(global);

    assertThat(c.models().keySet()).containsExactly("chat", "shared");
    ModelRoute chat = c.models().get("chat");
    assertThat(chat.strategy()).isEqualTo(Strategy.FAILOVER);
    assertThat(chat.failoverOnContentPolicy()).isTrue();
    assertThat(chat.targets()).containsExactly(
        TargetRef.of("claude", "claude-sonnet-4-5"),
        TargetRef.of("openai", "gpt-4.1"),
        new TargetRef("gemini", "gemini-2.5-pro", 1, true));
    assertThat(chat.resilience()).isEqualTo(new ResilienceConfig(
        new ResilienceConfig.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(20), Duration.ofSeconds(90), Duration.ofSeconds(200)),
        new ResilienceConfig.Retries(1, Duration.ofMillis(100), Duration.ofSeconds(5), 0.1, 2,
            Duration.ofSeconds(30)),
        global.breaker(), global.quarantine()));

    ModelRoute shared = c.models().get("shared");
    assertThat(shared.strategy()).isEqualTo(Strategy.WEIGHTED);
    assertThat(shared.failoverOnContentPolicy()).isFalse();
    assertThat(shared.targets()).containsExactly(
        new TargetRef("azure", "gpt-4o-deploy", 3, false),
        new TargetRef("local", "meta-llama/Llama-3.1-8B", 1, false));
    assertThat(shared.resilience()).isEqualTo(global);
  }

  @Test
  void directRoutesStillWorkWithoutModels() {
    ConfigResult r = TestConfigs.parse("providers:\n  a: {type: openai, api_key: k}\n");

    GatewayConfig c = r.config().orElseThrow();
    assertThat(c.route("a/gpt-4o")).map(ModelRoute::targets).get()
        .isEqualTo(java.util.List.of(TargetRef.of("a", "gpt-4o")));
  }

  @Test
  void appliesDefaults() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL).config().orElseThrow();

    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(4000);
    assertThat(c.maxRequestBytes()).isEqualTo(GatewayConfig.DEFAULT_MAX_REQUEST_BYTES);
    assertThat(c.resilience()).isEqualTo(ResilienceConfig.defaults());
    ModelRoute chat = c.models().get("chat");
    assertThat(chat.strategy()).isEqualTo(Strategy.FAILOVER);
    assertThat(chat.failoverOnContentPolicy()).isFalse();
    assertThat(chat.resilience()).isEqualTo(ResilienceConfig.defaults());
    assertThat(chat.targets()).containsExactly(TargetRef.of("a", "m1"), TargetRef.of("b", "m2"));
  }

  @Test
  void acceptsAPortNumberAsListen() {
    GatewayConfig c = TestConfigs.parse("listen: 9000\n" + TestConfigs.MINIMAL)
        .config().orElseThrow();

    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(9000);
  }

  @Test
  void appliesYamlMergeKeys() {
    String yaml = """
        x-fast: &fast
          timeouts: {first_token: 5s}
          retries: {max: 1}
        providers:
          a: {type: openai, api_key: k1}
          b: {type: anthropic, api_key: k2}
        models:
          chat:
            targets: [a/m, b/m]
            resilience:
              <<: *fast
              retries: {max: 0}
        """;

    ConfigResult r = TestConfigs.parse(yaml);

    // The anchor's holder is not a known key; the merge itself works.
    assertThat(r.errors()).extracting(ConfigProblem::message)
        .containsExactly("unknown key 'x-fast' (known keys: listen, providers, models,"
            + " resilience, limits, tracing, uptime)");
    String fixed = yaml.replace("x-fast: &fast", "resilience: &fast");
    ModelRoute chat = TestConfigs.parse(fixed).config().orElseThrow().models().get("chat");
    assertThat(chat.resilience().timeouts().firstToken()).isEqualTo(Duration.ofSeconds(5));
    assertThat(chat.resilience().retries().max()).isZero();
  }
}
