package dev.ninelives.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.HeaderLookup;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.UpstreamRequest;
import dev.ninelives.providers.UpstreamRequest.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiAdapterTest {
  private static final Secret KEY = Secret.of("AIzaSyTest-0123456789abcdefghijklmnopq");
  private static final String HOST = "https://generativelanguage.googleapis.com";
  private static final byte[] BODY =
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}"
          .getBytes(StandardCharsets.UTF_8);

  static GeminiAdapter adapter(String baseUrl, Map<String, String> headers) {
    return new GeminiAdapter(new ProviderConfig("google", ProviderType.GEMINI, baseUrl,
        List.of(KEY), null, headers));
  }

  static GeminiAdapter adapter() {
    return adapter(HOST, Map.of());
  }

  @Test
  void generateContent_withTheKeyInAHeader() {
    UpstreamRequest r = adapter().prepare("gemini-2.5-pro", KEY, BODY, false);

    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.url()).isEqualTo(HOST + "/v1beta/models/gemini-2.5-pro:generateContent");
    assertThat(r.headers()).containsExactly(
        new Header("content-type", "application/json"),
        new Header("accept", "application/json"),
        new Header("x-goog-api-key", KEY.reveal()));
    assertThat(r.body()).isSameAs(BODY);
  }

  @Test
  void stream_usesSse_andNeverPutsTheKeyInTheUrl() {
    UpstreamRequest r = adapter().prepare("gemini-2.5-flash", KEY, BODY, true);

    assertThat(r.url()).isEqualTo(
        HOST + "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    assertThat(r.header("accept")).isEqualTo("text/event-stream");
    assertThat(r.url()).doesNotContain("key=").doesNotContain(KEY.reveal());
    assertThat(r.toString()).doesNotContain(KEY.reveal());
  }

  @ParameterizedTest
  @CsvSource({
      "models/gemini-2.5-pro, models/gemini-2.5-pro",
      "gemini-2.0-flash-001, models/gemini-2.0-flash-001",
      "tunedModels/my-tuned-7, tunedModels/my-tuned-7",
      "org/model, models/org%2Fmodel",
      "models/a b?c, models/a%20b%3Fc",
      "'..', models/%2E%2E"})
  void modelNames_becomeOnePathSegment(String model, String path) {
    assertThat(adapter().prepare(model, KEY, BODY, false).url())
        .isEqualTo(HOST + "/v1beta/" + path + ":generateContent");
  }

  @Test
  void emptyModel_isRejected() {
    assertThatThrownBy(() -> adapter().prepare("models/", KEY, BODY, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
      "https://generativelanguage.googleapis.com/, https://generativelanguage.googleapis.com/v1beta",
      "http://127.0.0.1:9000, http://127.0.0.1:9000/v1beta",
      "https://proxy.example/gemini/v1beta/, https://proxy.example/gemini/v1beta",
      "https://proxy.example/v1, https://proxy.example/v1"})
  void baseUrl_getsTheApiVersionOnlyWhenItHasNone(String baseUrl, String apiBase) {
    assertThat(adapter(baseUrl, Map.of()).prepare("m", KEY, BODY, false).url())
        .isEqualTo(apiBase + "/models/m:generateContent");
  }

  @Test
  void configuredHeaders_followSorted_andReplaceDefaults_butNotThePoolKey() {
    GeminiAdapter a = adapter(HOST, Map.of("X-Tenant", "t-1", "Accept", "application/json;q=1",
        "x-goog-api-key", "AIzaFixedConfiguredKey-0000000000000"));

    assertThat(a.prepare("m", KEY, BODY, false).headers()).containsExactly(
        new Header("content-type", "application/json"),
        new Header("accept", "application/json;q=1"),
        new Header("x-goog-api-key", KEY.reveal()),
        new Header("x-tenant", "t-1"));
    // Without a pool key, the configured one is what there is.
    assertThat(a.prepare("m", null, BODY, false).header("x-goog-api-key"))
        .isEqualTo("AIzaFixedConfiguredKey-0000000000000");
  }

  @Test
  void noKey_sendsNoKeyHeader() {
    assertThat(adapter().prepare("m", null, BODY, false).header("x-goog-api-key")).isNull();
  }

  @Test
  void otherProviderTypes_areRejected() {
    assertThatThrownBy(() -> new GeminiAdapter(new ProviderConfig("oa", ProviderType.OPENAI,
        "https://api.openai.com/v1", List.of(), null, Map.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not gemini");
  }

  @Test
  void classify_usesTheGeminiTable_andScrubsThisProvidersSecrets() {
    GeminiAdapter a = adapter(HOST, Map.of("x-tenant", "tenant-secret-99"));
    byte[] body = ("{\"error\":{\"code\":400,\"message\":\"API key not valid (tenant-secret-99)."
        + "\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":"
        + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}")
        .getBytes(StandardCharsets.UTF_8);

    Classification c = a.classify(400, HeaderLookup.NONE, body, 0);

    assertThat(c.outcome()).isEqualTo(OutcomeClass.AUTH);
    assertThat(c.message()).doesNotContain("tenant-secret-99");
    assertThat(a.knownSecrets()).contains(KEY, Secret.of("tenant-secret-99"));
  }

  @Test
  void decoders_reportTheModelWithoutItsResourcePrefix() throws Exception {
    GeminiAdapter a = adapter();
    List<StreamEvent> out = new ArrayList<>();
    a.newStreamDecoder("models/gemini-2.5-pro").decode(SseEvent.ofData(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]}}]}"), out::add);

    assertThat(((StreamEvent.Start) out.get(0)).model()).isEqualTo("gemini-2.5-pro");
    assertThat(a.responseDecoder("models/gemini-2.5-pro").decode(
        ("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]},\"finishReason\":\"STOP\"}]}")
            .getBytes(StandardCharsets.UTF_8)).model()).isEqualTo("gemini-2.5-pro");
  }
}
