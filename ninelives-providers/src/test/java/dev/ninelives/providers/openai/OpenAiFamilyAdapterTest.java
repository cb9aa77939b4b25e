package dev.ninelives.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.HeaderLookup;
import dev.ninelives.providers.ScannedRequest;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.UpstreamRequest;
import dev.ninelives.providers.UpstreamRequest.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiFamilyAdapterTest {
  private static final Secret KEY = Secret.of("sk-test-0123456789abcdefghij");
  private static final byte[] STREAM_BODY =
      "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] PLAIN_BODY =
      "{\"model\":\"chat\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);

  static ProviderConfig config(ProviderType type, String baseUrl, String apiVersion,
      Map<String, String> headers) {
    return new ProviderConfig("p", type, baseUrl, List.of(KEY), apiVersion, headers);
  }

  static ScannedRequest scan(byte[] body) {
    return (ScannedRequest) OpenAiRequestScanner.scan(body);
  }

  @Test
  void openAi_postsToChatCompletions_withBearerKey() throws Exception {
    OpenAiFamilyAdapter a = new OpenAiFamilyAdapter(
        config(ProviderType.OPENAI, "https://api.openai.com/v1", null, Map.of()));
    UpstreamRequest r = a.prepare("gpt-4.1", KEY, STREAM_BODY, scan(STREAM_BODY));

    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.url()).isEqualTo("https://api.openai.com/v1/chat/completions");
    assertThat(r.headers()).containsExactly(
        new Header("content-type", "application/json"),
        new Header("accept", "text/event-stream"),
        new Header("authorization", "Bearer " + KEY.reveal()));
    assertThat(new ObjectMapper().readTree(r.body()).get("model").asText()).isEqualTo("gpt-4.1");
  }

  @Test
  void compatible_withoutKey_sendsNoAuth_andTrailingSlashIsIgnored() {
    OpenAiFamilyAdapter a = new OpenAiFamilyAdapter(
        config(ProviderType.OPENAI_COMPATIBLE, "http://127.0.0.1:8000/v1/", null, Map.of()));
    UpstreamRequest r = a.prepare("llama", null, PLAIN_BODY, scan(PLAIN_BODY));
    assertThat(r.url()).isEqualTo("http://127.0.0.1:8000/v1/chat/completions");
    assertThat(r.header("authorization")).isNull();
    assertThat(r.header("accept")).isEqualTo("application/json");
  }

  @Test
  void azureClassic_usesDeploymentPath_apiVersion_andApiKeyHeader() {
    OpenAiFamilyAdapter a = new OpenAiFamilyAdapter(config(ProviderType.AZURE_OPENAI,
        "https://res.openai.azure.com/openai", null, Map.of()));
    UpstreamRequest r = a.prepare("gpt 4o/mini", KEY, PLAIN_BODY, scan(PLAIN_BODY));
    assertThat(r.url()).isEqualTo("https://res.openai.azure.com/openai/deployments/gpt%204o%2Fmini"
        + "/chat/completions?api-version=2024-10-21");
    assertThat(r.header("api-key")).isEqualTo(KEY.reveal());
    assertThat(r.header("authorization")).isNull();
  }

  @Test
  void azureClassic_withConfiguredApiVersion() {
    OpenAiFamilyAdapter a = new OpenAiFamilyAdapter(config(ProviderType.AZURE_OPENAI,
        "https://res.openai.azure.com/openai", "2025-04-01-preview", Map.of()));
    UpstreamRequest r = a.prepare("dep", KEY, PLAIN_BODY, scan(PLAIN_BODY));
    assertThat(r.url()).endsWith("/deployments/dep/chat/completions?api-version=2025-04-01-preview");
  }

  @Test
  void azureV1_postsToChatCompletions_withDeploymentAsBodyModel() throws Exception {
    OpenAiFamilyAdapter a = new OpenAiFamilyAdapter(config(ProviderType.AZURE_OPENAI,
        "https://res.openai.azure.com/openai/v1", "ignored", Map.of()));
    UpstreamRequest r = a.prepare("my-deployment", KEY, PLAIN_BODY, scan(PLAIN_BODY));
    assertThat(r.url()).isEqualTo("https://res.openai.azure.com/openai/v1/chat/completions");
    assertThat(r.header("api-key")).isEqualTo(KEY.reveal());
    assertThat(new ObjectMapper().readTree(r.body()).get("model").asText())
        .isEqualTo("my-deployment");
  }

  @ParameterizedTest
  @CsvSource({"., %2E", "..,%2E%2E", "a.b,a.b", "x?y#z,x%3Fy%23z", "模型,%E6%A8%A1%E5%9E%8B"})
  void deploymentNames_cannotEscapeTheirPathSegment(String model, String encoded) {
    assertThat(OpenAiFamilyAdapter.encodePathSegment(model)).isEqualTo(encoded);
  }

  @Test
  void configuredHeaders_followTheDefaults_andMayReplaceThem() {
    OpenAiFamilyAdapter a = new OpenAiFamilyAdapter(config(ProviderType.OPENAI,
        "https://api.openai.com/v1", null,
        Map.of("OpenAI-Organization", "org-1", "Accept", "application/x-ndjson")));
    UpstreamRequest r = a.prepare("gpt-4.1", KEY, PLAIN_BODY, scan(PLAIN_BODY));
    assertThat(r.headers()).extracting(Header::name)
        .containsExactly("content-type", "accept", "authorization", "openai-organization");
    assertThat(r.header("accept")).isEqualTo("application/x-ndjson");
  }

  @Test
  void configuredAuthorization_isUsedWithoutKey_butTheKeyWinsWhenGiven() {
    OpenAiFamilyAdapter a = new OpenAiFamilyAdapter(config(ProviderType.AZURE_OPENAI,
        "https://res.openai.azure.com/openai/v1", null, Map.of("Authorization", "Bearer entra")));
    assertThat(a.prepare("d", null, PLAIN_BODY, scan(PLAIN_BODY)).header("authorization"))
        .isEqualTo("Bearer entra");

    OpenAiFamilyAdapter openai = new OpenAiFamilyAdapter(config(ProviderType.OPENAI,
        "https://api.openai.com/v1", null, Map.of("Authorization", "Bearer fixed")));
    UpstreamRequest r = openai.prepare("m", KEY, PLAIN_BODY, scan(PLAIN_BODY));
    assertThat(r.headers()).filteredOn(h -> h.name().equals("authorization"))
        .containsExactly(new Header("authorization", "Bearer " + KEY.reveal()));
  }

  @Test
  void toString_neverShowsCredentials() {
    OpenAiFamilyAdapter a = new OpenAiFamilyAdapter(config(ProviderType.OPENAI,
        "https://api.openai.com/v1", null, Map.of("X-Custom-Token", "custom-secret-value")));
    UpstreamRequest r = a.prepare("gpt-4.1", KEY, STREAM_BODY, scan(STREAM_BODY));
    String shown = r.toString();
    assertThat(shown).doesNotContain(KEY.reveal()).doesNotContain("custom-secret-value")
        .doesNotContain("hi\"") // the prompt
        .contains("authorization: [redacted]").contains("content-type: application/json")
        .contains(r.body().length + " bytes");

    OpenAiFamilyAdapter azure = new OpenAiFamilyAdapter(config(ProviderType.AZURE_OPENAI,
        "https://res.openai.azure.com/openai", null, Map.of()));
    UpstreamRequest az = azure.prepare("d", KEY, PLAIN_BODY, scan(PLAIN_BODY));
    assertThat(az.toString()).doesNotContain(KEY.reveal()).contains("api-version=2024-10-21");
    UpstreamRequest withKeyInQuery = new UpstreamRequest("GET", "https://h/x?key=AIzaSECRET&alt=sse",
        List.of(), new byte[0]);
    assertThat(withKeyInQuery.toString()).doesNotContain("AIzaSECRET").contains("alt=sse");
  }

  @Test
  void equalRequests_areEqual() {
    UpstreamRequest a = new UpstreamRequest("POST", "u", List.of(), new byte[] {1, 2});
    UpstreamRequest b = new UpstreamRequest("POST", "u", List.of(), new byte[] {1, 2});
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
  }

  @Test
  void otherFamilies_areRefused() {
    assertThatThrownBy(() -> new OpenAiFamilyAdapter(
        config(ProviderType.ANTHROPIC, "https://api.anthropic.com", null, Map.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anthropic");
  }

  @Test
  void classify_scrubsTheProvidersOwnKeysAndHeaderValues() {
    OpenAiFamilyAdapter a = new OpenAiFamilyAdapter(config(ProviderType.OPENAI_COMPATIBLE,
        "http://h/v1", null, Map.of("X-Gateway-Token", "plainword-secret")));
    byte[] body = ("{\"error\":{\"message\":\"bad token plainword-secret for key "
        + KEY.reveal() + "\"}}").getBytes(StandardCharsets.UTF_8);
    Classification c = a.classify(401, HeaderLookup.NONE, body, 0);
    assertThat(c.outcome()).isEqualTo(OutcomeClass.AUTH);
    assertThat(c.message()).doesNotContain("plainword-secret").doesNotContain(KEY.reveal());
  }

  @Test
  void inspectorAndResponseCheck_scrubTheProvidersKeys() {
    Secret plainKey = Secret.of("plain-words-as-key");
    OpenAiFamilyAdapter a = new OpenAiFamilyAdapter(new ProviderConfig("p",
        ProviderType.OPENAI_COMPATIBLE, "http://h/v1", List.of(plainKey), null, Map.of()));
    byte[] error = "{\"error\":{\"message\":\"rejected plain-words-as-key\"}}"
        .getBytes(StandardCharsets.UTF_8);

    OpenAiStreamInspector inspector = a.newStreamInspector();
    inspector.inspect(SseEvent.ofData(new String(error, StandardCharsets.UTF_8)));
    assertThat(inspector.error().message()).doesNotContain("plain-words-as-key");
    assertThat(a.checkResponse(error).reason()).doesNotContain("plain-words-as-key")
        .contains("[redacted]");
    assertThat(a.knownSecrets()).containsExactly(plainKey);
  }
}
