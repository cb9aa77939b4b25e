package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Key checking: which keys pass, the dialects' 401s, and changing keys at run time. */
class AuthTest {
  private static Vertx vertx;
  private final SimClient client = new SimClient();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  private static SimulatedProvider start(Dialect dialect, String... keys) {
    return SimulatedProvider.builder("p").dialect(dialect).validKeys(keys).vertx(vertx).start();
  }

  private static String bearer(String key) {
    return "Bearer " + key;
  }

  @Test
  void withoutValidKeysAnyKeyOrNoneIsAccepted() {
    try (SimulatedProvider p = SimulatedProvider.builder("p").vertx(vertx).start()) {
      assertThat(client.chat(p, false).statusCode()).isEqualTo(200);
      assertThat(client.chat(p, false, "Authorization", bearer("anything")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void openAiRejectsAWrongKeyEchoingItMasked() {
    try (SimulatedProvider p = start(Dialect.OPENAI, "sk-good-1", "sk-good-2")) {
      HttpResponse<String> wrong = client.chat(p, false, "Authorization", bearer("sk-abcdefghijklmnyz"));
      HttpResponse<String> good = client.chat(p, false, "Authorization", bearer("sk-good-2"));

      assertThat(wrong.statusCode()).isEqualTo(401);
      JsonNode error = SimClient.json(wrong.body()).path("error");
      assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
      assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.path("message").asText()).startsWith("Incorrect API key provided: sk-ab***yz.");
      assertThat(error.path("message").asText()).doesNotContain("sk-abcdefghijklmnyz");
      assertThat(good.statusCode()).isEqualTo(200);
      assertThat(p.requests()).isEqualTo(2);
    }
  }

  @Test
  void openAiRejectsAMissingKeyWithItsOwnMessage() {
    try (SimulatedProvider p = start(Dialect.OPENAI, "k1")) {
      HttpResponse<String> r = client.chat(p, false);

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(SimClient.json(r.body()).path("error").path("message").asText()).startsWith("You didn't provide an API key.");
    }
  }

  @Test
  void eachDialectAnswersABadKeyWithItsOwn401() {
    try (SimulatedProvider azure = start(Dialect.AZURE, "k1");
        SimulatedProvider vllm = start(Dialect.VLLM, "k1");
        SimulatedProvider llama = start(Dialect.LLAMA_CPP, "k1")) {
      HttpResponse<String> az = client.chat(azure, false, "api-key", "wrong");
      HttpResponse<String> vl = client.chat(vllm, false, "Authorization", bearer("wrong"));
      HttpResponse<String> ll = client.chat(llama, false, "Authorization", bearer("wrong"));

      assertThat(az.statusCode()).isEqualTo(401);
      assertThat(SimClient.json(az.body()).path("error").path("code").asText()).isEqualTo("401");
      assertThat(SimClient.json(az.body()).path("error").path("message").asText()).startsWith("Access denied");
      assertThat(vl.statusCode()).isEqualTo(401);
      assertThat(vl.body()).isEqualTo("{\"error\":\"Unauthorized\"}");
      assertThat(ll.statusCode()).isEqualTo(401);
      assertThat(ll.body()).isEqualTo("{\"error\":{\"code\":401,\"message\":\"Invalid API Key\",\"type\":\"authentication_error\"}}");
    }
  }

  @Test
  void azureTakesTheKeyFromTheApiKeyHeaderNotBearerWhenBothAreSent() {
    try (SimulatedProvider p = start(Dialect.AZURE, "az-1")) {
      assertThat(client.chat(p, false, "api-key", "az-1", "Authorization", bearer("other")).statusCode()).isEqualTo(200);
      assertThat(client.chat(p, false, "Authorization", bearer("az-1")).statusCode()).isEqualTo(200);
      assertThat(p.recorded().get(0).key()).isEqualTo("az-1");
    }
  }

  @Test
  void openAiIgnoresTheApiKeyHeader() {
    try (SimulatedProvider p = start(Dialect.OPENAI, "k1")) {
      assertThat(client.chat(p, false, "api-key", "k1").statusCode()).isEqualTo(401);
      assertThat(p.recorded().get(0).key()).isNull();
    }
  }

  @Test
  void ollamaIgnoresKeysEntirely() {
    try (SimulatedProvider p = start(Dialect.OLLAMA, "k1")) {
      assertThat(client.chat(p, false, "Authorization", bearer("wrong")).statusCode()).isEqualTo(200);
      assertThat(client.chat(p, false).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void setValidKeysChangesTheRuleAtRunTime() {
    try (SimulatedProvider p = start(Dialect.OPENAI)) {
      assertThat(client.chat(p, false, "Authorization", bearer("k1")).statusCode()).isEqualTo(200);

      p.setValidKeys("nobody-has-this");
      assertThat(client.chat(p, false, "Authorization", bearer("k1")).statusCode()).isEqualTo(401);

      p.setValidKeys("k1");
      assertThat(client.chat(p, false, "Authorization", bearer("k1")).statusCode()).isEqualTo(200);
      assertThat(client.chat(p, false, "Authorization", bearer("k2")).statusCode()).isEqualTo(401);

      p.setValidKeys();
      assertThat(client.chat(p, false, "Authorization", bearer("k2")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void modelsEndpointChecksKeysToo() {
    try (SimulatedProvider p = start(Dialect.OPENAI, "k1")) {
      assertThat(client.get(p.baseUrl() + "/models").statusCode()).isEqualTo(401);
      assertThat(client.get(p.baseUrl() + "/models", "Authorization", bearer("k1")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aBadKeyConsumesAQueuedAnswerFaultAndGets401Instead() {
    try (SimulatedProvider p = start(Dialect.OPENAI, "k1")) {
      p.enqueue(Fault.emptyAnswer());

      HttpResponse<String> rejected = client.chat(p, false, "Authorization", bearer("wrong"));
      HttpResponse<String> next = client.chat(p, false, "Authorization", bearer("k1"));

      assertThat(rejected.statusCode()).isEqualTo(401);
      assertThat(SimClient.json(next.body()).path("choices").get(0).path("message").path("content").asText())
          .isEqualTo("Hello from p.");
    }
  }

  @Test
  void shortKeysAreEchoedWholeLikeOpenAiDoes() {
    assertThat(ErrorCatalog.mask("abc")).isEqualTo("abc");
    assertThat(ErrorCatalog.mask("sk-1234567890")).isEqualTo("sk-12***90");
  }
}
