package dev.ninelives.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpstreamTest {

  @ParameterizedTest
  @CsvSource({
      "openai, https://api.openai.com/v1, openai, api.openai.com, 443",
      "azure-openai, https://res.openai.azure.com/openai, azure.ai.openai, res.openai.azure.com, 443",
      "anthropic, https://api.anthropic.com, anthropic, api.anthropic.com, 443",
      "gemini, https://generativelanguage.googleapis.com, gcp.gemini, generativelanguage.googleapis.com, 443",
      "openai-compatible, http://127.0.0.1:8000/v1, openai, 127.0.0.1, 8000",
      "openai-compatible, https://api.groq.com/openai/v1, groq, api.groq.com, 443",
      "openai-compatible, https://api.deepseek.com, deepseek, api.deepseek.com, 443",
      "openai-compatible, https://api.mistral.ai/v1, mistral_ai, api.mistral.ai, 443",
      "openai-compatible, http://user:pw@vllm.internal/v1, openai, vllm.internal, 80",
  })
  void providerNameAndAddressFollowTheConventions(String type, String baseUrl, String name,
      String host, int port) {
    Upstream u = Upstream.of(new ProviderConfig("p", ProviderType.fromConfigName(type)
        .orElseThrow(), baseUrl, List.of(), null, Map.of()));

    assertThat(u).isEqualTo(new Upstream(name, host, port));
  }
}
