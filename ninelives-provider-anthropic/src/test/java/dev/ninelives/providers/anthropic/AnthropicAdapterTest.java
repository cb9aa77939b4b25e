package dev.ninelives.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.HeaderLookup;
import dev.ninelives.providers.ScannedRequest;
import dev.ninelives.providers.UpstreamRequest;
import dev.ninelives.providers.UpstreamRequest.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicAdapterTest {
  private static final Secret KEY = Secret.of("sk-ant-api03-abcdefghijklmnop");

  static ProviderConfig config(String baseUrl, Map<String, String> headers) {
    return new ProviderConfig("claude", ProviderType.ANTHROPIC, baseUrl, List.of(KEY), null,
        headers);
  }

  @Test
  void prepare_postsToMessagesWithTheAnthropicHeaders() {
    AnthropicAdapter adapter = new AnthropicAdapter(config("https://api.anthropic.com", Map.of()));
    byte[] body = "{\"model\":\"claude-x\"}".getBytes(StandardCharsets.UTF_8);
    UpstreamRequest r = adapter.prepare("claude-x", KEY, body, false);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.url()).isEqualTo("https://api.anthropic.com/v1/messages");
    assertThat(r.headers()).containsExactly(
        new Header("content-type", "application/json"),
        new Header("accept", "application/json"),
        new Header("x-api-key", KEY.reveal()),
        new Header("anthropic-version", "2023-06-01"));
    assertThat(r.body()).isSameAs(body);
    assertThat(adapter.prepare("claude-x", KEY, body, true).header("accept"))
        .isEqualTo("text/event-stream");
    assertThat(r.toString()).doesNotContain(KEY.reveal());
  }

  @ParameterizedTest
  @CsvSource({
      "https://api.anthropic.com/,https://api.anthropic.com/v1/messages",
      "https://api.anthropic.com/v1,https://api.anthropic.com/v1/messages",
      "http://127.0.0.1:8080/anthropic/,http://127.0.0.1:8080/anthropic/v1/messages"})
  void baseUrl_isTheHostRoot(String base, String url) {
    assertThat(new AnthropicAdapter(config(base, Map.of())).url()).isEqualTo(url);
  }

  @Test
  void configuredHeaders_addOrReplace_butNeverTheKeyHeader() {
    AnthropicAdapter adapter = new AnthropicAdapter(config("https://api.anthropic.com",
        Map.of("Anthropic-Beta", "output-128k-2025-02-19", "anthropic-version", "2026-10-21",
            "x-api-key", "fixed-key-from-config")));
    UpstreamRequest r = adapter.prepare("m", KEY, new byte[0], false);
    assertThat(r.header("anthropic-beta")).isEqualTo("output-128k-2025-02-19");
    assertThat(r.header("anthropic-version")).isEqualTo("2026-10-21");
    assertThat(r.header("x-api-key")).isEqualTo(KEY.reveal());
    assertThat(r.headers()).extracting(Header::name).containsExactly("content-type", "accept",
        "x-api-key", "anthropic-version", "anthropic-beta");

    UpstreamRequest keyless = adapter.prepare("m", null, new byte[0], false);
    assertThat(keyless.header("x-api-key")).isEqualTo("fixed-key-from-config");
  }

  @Test
  void prepare_sameFormat_rewritesOnlyTheModel() {
    AnthropicAdapter adapter = new AnthropicAdapter(config("https://api.anthropic.com", Map.of()));
    byte[] client = "{\"model\":\"chat\",\"stream\":true,\"max_tokens\":5,\"messages\":[]}"
        .getBytes(StandardCharsets.UTF_8);
    ScannedRequest scan = (ScannedRequest) AnthropicRequestScanner.scan(client);
    UpstreamRequest r = adapter.prepare("claude-sonnet-4-5", KEY, client, scan);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"model\":\"claude-sonnet-4-5\",\"stream\":true,\"max_tokens\":5,\"messages\":[]}");
    assertThat(r.header("accept")).isEqualTo("text/event-stream");
  }

  @Test
  void classify_scrubsTheProvidersSecrets() {
    AnthropicAdapter adapter = new AnthropicAdapter(config("https://api.anthropic.com",
        Map.of("x-custom-auth", "custom-header-secret")));
    Classification c = adapter.classify(401, HeaderLookup.NONE, ("{\"type\":\"error\","
        + "\"error\":{\"type\":\"authentication_error\",\"message\":\"bad "
        + KEY.reveal() + " and custom-header-secret\"}}").getBytes(StandardCharsets.UTF_8), 0);
    assertThat(c.outcome()).isEqualTo(OutcomeClass.AUTH);
    assertThat(c.message()).doesNotContain(KEY.reveal()).doesNotContain("custom-header-secret");
    assertThat(adapter.knownSecrets()).contains(KEY, Secret.of("custom-header-secret"));
  }

  @Test
  void problemWithAnswer() {
    AnthropicAdapter adapter = new AnthropicAdapter(config("https://api.anthropic.com", Map.of()));
    assertThat(adapter.problemWithAnswer(("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":"
        + "\"assistant\",\"model\":\"m\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],"
        + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}")
        .getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(adapter.problemWithAnswer(new byte[0])).contains("empty body");
    assertThat(adapter.problemWithAnswer(("{\"id\":\"msg_1\",\"type\":\"message\","
        + "\"content\":[]}").getBytes(StandardCharsets.UTF_8))).contains("empty answer");
  }

  @Test
  void onlyForAnthropicProviders() {
    assertThatThrownBy(() -> new AnthropicAdapter(new ProviderConfig("o", ProviderType.OPENAI,
        "https://api.openai.com/v1", List.of(), null, Map.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not anthropic");
    AnthropicAdapter adapter = new AnthropicAdapter(config("https://api.anthropic.com", Map.of()));
    assertThatThrownBy(() -> adapter.prepare("", KEY, new byte[0], false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
