package dev.ninelives.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples in docs/configuration.md, kept here so the page cannot drift from the code. */
class DocumentedExamplesTest {

  @Test
  void theCheckOutputExample() {
    String yaml = """
        providers:
          openai:
            type: openai
            api_key: ${OPENAI_API_KEY}
          claude:
            type: antropic
            api_key: ${ANTHROPIC_KEY}
        models:
          chat:
            targets:
              - claude/claude-sonnet-4-5
              - opneai/gpt-4.1
          fast:
            targets: [openai/gpt-4.1-mini]
        resilience:
          timeouts:
            first_token: 40s
            total: 30s
            response: 20s
        """;

    ConfigResult r = ConfigLoader.parse(yaml, "failover.yaml", Map.of("OPENAI_API_KEY", "k"));

    assertThat(r.problems()).extracting(ConfigProblem::toString).containsExactly(
        "failover.yaml:6:11: error: providers.claude.type: unknown type 'antropic' (did you"
            + " mean 'anthropic'?)",
        "failover.yaml:7:14: error: providers.claude.api_key: environment variable"
            + " ANTHROPIC_KEY is not set",
        "failover.yaml:12:9: error: models.chat.targets[1]: unknown provider 'opneai' (did you"
            + " mean 'openai'?)",
        "failover.yaml:13:3: warning: models.fast: route 'fast' has no target on a second"
            + " provider: an outage of 'openai' takes it down",
        "failover.yaml:17:18: error: resilience.timeouts.first_token: timeouts.first_token"
            + " (40s) is longer than timeouts.total (30s): the total deadline would always"
            + " fire first");
  }

  @Test
  void theCompleteExampleLoadsWithoutProblems() {
    String yaml = """
        listen: 0.0.0.0:${PORT:-4000}

        providers:
          openai:
            type: openai
            api_key: ${OPENAI_API_KEY}
          claude:
            type: anthropic
            api_keys:
              - ${ANTHROPIC_KEY_1}
              - ${ANTHROPIC_KEY_2}
          gemini:
            type: gemini
            api_key: ${GEMINI_API_KEY}
          azure:
            type: azure-openai
            api_key: ${AZURE_OPENAI_KEY}
            base_url: https://my-resource.openai.azure.com/openai
            api_version: 2024-10-21
          local:
            type: openai-compatible
            base_url: ${LOCAL_LLM_URL:-http://127.0.0.1:8000/v1}

        models:
          chat:
            strategy: failover
            failover_on_content_policy: false
            targets:
              - claude/claude-sonnet-4-5
              - openai/gpt-4.1
              - { target: gemini/gemini-2.5-pro, larger_context: true }
            resilience:
              retries: { max: 1 }
              timeouts: { first_token: 10s }
          bulk:
            strategy: weighted
            targets:
              - { target: azure/gpt-4o-mini, weight: 3 }
              - { target: local/meta-llama/Llama-3.1-8B-Instruct, weight: 1 }

        resilience:
          timeouts: { connect: 2s, first_token: 20s, stall: 30s, response: 120s, total: 300s }
          retries: { max: 2, backoff: 200ms, max_backoff: 10s, budget: 20%, budget_min: 3, budget_window: 10s }
          breaker: { failure_rate: 50%, slow_call_rate: 80%, slow_call: 10s, minimum_calls: 10, window: 60s, open_for: 30s, half_open_calls: 1 }
          quarantine: { for: 60s, max: 30m }

        limits:
          max_request_body: 16MB
        """;
    Map<String, String> env = Map.of("OPENAI_API_KEY", "a", "ANTHROPIC_KEY_1", "b",
        "ANTHROPIC_KEY_2", "c", "GEMINI_API_KEY", "d", "AZURE_OPENAI_KEY", "e");

    ConfigResult r = ConfigLoader.parse(yaml, "gateway.yaml", env);

    assertThat(r.problems()).isEmpty();
    assertThat(r.config().orElseThrow().models()).containsOnlyKeys("chat", "bulk");
    assertThat(r.config().get().providers().get("local").baseUrl())
        .isEqualTo("http://127.0.0.1:8000/v1");
  }
}
