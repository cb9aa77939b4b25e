package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where the OpenAI-compatible servers differ from OpenAI itself. */
class DialectTest {
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

  private static SimulatedProvider start(Dialect dialect) {
    return SimulatedProvider.builder("p").dialect(dialect).vertx(vertx).start();
  }

  @Test
  void azureAnswersCarryContentFilterResultsAndRequestIds() {
    try (SimulatedProvider p = start(Dialect.AZURE)) {
      HttpResponse<String> r = client.chat(p, false);

      JsonNode body = SimClient.json(r.body());
      assertThat(body.path("prompt_filter_results").get(0).path("prompt_index").asInt()).isZero();
      assertThat(body.path("choices").get(0).path("content_filter_results").path("hate").path("filtered").asBoolean(true))
          .isFalse();
      assertThat(r.headers().firstValue("apim-request-id")).isPresent();
      assertThat(r.headers().firstValue("x-request-id")).isPresent();
    }
  }

  @Test
  void azureStreamStartsWithAPromptFilterChunkWithoutChoices() {
    try (SimulatedProvider p = start(Dialect.AZURE)) {
      HttpResponse<String> r = client.chat(p, true);

      List<JsonNode> events = SimClient.events(r.body());
      JsonNode preamble = events.get(0);
      assertThat(preamble.path("choices").isArray()).isTrue();
      assertThat(preamble.path("choices").size()).isZero();
      assertThat(preamble.path("prompt_filter_results").get(0).path("content_filter_results").isObject()).isTrue();
      assertThat(preamble.has("usage")).isFalse();
      JsonNode role = events.get(1).path("choices").get(0);
      assertThat(role.path("delta").path("role").asText()).isEqualTo("assistant");
      assertThat(role.path("content_filter_results").isObject()).isTrue();
      assertThat(events.get(2).path("choices").get(0).path("content_filter_results").path("violence").path("severity").asText())
          .isEqualTo("safe");
      assertThat(SimClient.streamedText(r.body())).isEqualTo("Hello from p.");
    }
  }

  @Test
  void azureClassicPathEchoesTheDeploymentAndReadsTheApiKeyHeader() {
    try (SimulatedProvider p = SimulatedProvider.builder("p").dialect(Dialect.AZURE).validKeys("az-key").vertx(vertx).start()) {
      String url = p.baseUrl() + "/deployments/my-gpt4/chat/completions?api-version=2024-10-21";

      HttpResponse<String> ok = client.post(url, SimClient.chatBody("ignored", false), "api-key", "az-key");
      HttpResponse<String> noVersion = client.post(p.baseUrl() + "/deployments/my-gpt4/chat/completions",
          SimClient.chatBody("ignored", false), "api-key", "az-key");

      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(SimClient.json(ok.body()).path("model").asText()).isEqualTo("my-gpt4");
      assertThat(p.recorded().get(0).query()).isEqualTo("api-version=2024-10-21");
      assertThat(p.recorded().get(0).key()).isEqualTo("az-key");
      assertThat(noVersion.statusCode()).isEqualTo(404);
      assertThat(SimClient.json(noVersion.body()).toString())
          .isEqualTo("{\"error\":{\"code\":\"404\",\"message\":\"Resource not found\"}}");
      assertThat(p.requests()).isEqualTo(2);
    }
  }

  @Test
  void azureV1PathUsesTheBodyModel() {
    try (SimulatedProvider p = start(Dialect.AZURE)) {
      HttpResponse<String> r = client.post(p.baseUrl() + "/v1/chat/completions", SimClient.chatBody("dep-1", false));

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(SimClient.json(r.body()).path("model").asText()).isEqualTo("dep-1");
    }
  }

  @Test
  void vllmChoicesCarryStopReasonAndNoRequestIdHeader() {
    try (SimulatedProvider p = start(Dialect.VLLM)) {
      HttpResponse<String> whole = client.chat(p, false);
      HttpResponse<String> streamed = client.chat(p, true);

      JsonNode choice = SimClient.json(whole.body()).path("choices").get(0);
      assertThat(choice.has("stop_reason")).isTrue();
      assertThat(choice.path("stop_reason").isNull()).isTrue();
      assertThat(whole.headers().firstValue("x-request-id")).isEmpty();
      assertThat(SimClient.events(streamed.body())).allSatisfy(
          e -> assertThat(e.path("choices").get(0).has("stop_reason")).isTrue());
    }
  }

  @Test
  void stopStringsEndTheAnswerAndVllmNamesTheOneThatMatched() {
    String body = "{\"model\":\"m\",\"stop\":[\"END\"],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    try (SimulatedProvider openai = SimulatedProvider.builder("o").reply("one END two").vertx(vertx).start();
        SimulatedProvider vllm = SimulatedProvider.builder("v").dialect(Dialect.VLLM).reply("one END two")
            .vertx(vertx).start()) {
      JsonNode o = SimClient.json(client.post(SimClient.chatUrl(openai), body).body()).path("choices").get(0);
      JsonNode v = SimClient.json(client.post(SimClient.chatUrl(vllm), body).body()).path("choices").get(0);
      String single = body.replace("[\"END\"]", "\"END\"").replace("\"model\"", "\"stream\":true,\"model\"");
      List<JsonNode> events = SimClient.events(client.post(SimClient.chatUrl(vllm), single).body());

      assertThat(o.path("message").path("content").asText()).isEqualTo("one ");
      assertThat(o.path("finish_reason").asText()).isEqualTo("stop");
      assertThat(v.path("stop_reason").asText()).isEqualTo("END");
      assertThat(SimClient.streamedText(client.post(SimClient.chatUrl(vllm), single).body())).isEqualTo("one ");
      assertThat(events.get(events.size() - 1).path("choices").get(0).path("stop_reason").asText()).isEqualTo("END");
    }
  }

  @Test
  void imagePartsAreAcceptedAndSystemMessagesRecorded() {
    String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be terse.\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is it?\"},{\"type\":\"image_url\","
        + "\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\",\"detail\":\"low\"}}]}]}";
    for (Dialect d : List.of(Dialect.OPENAI, Dialect.AZURE, Dialect.VLLM, Dialect.OLLAMA, Dialect.LLAMA_CPP)) {
      try (SimulatedProvider p = start(d)) {
        HttpResponse<String> r = client.post(SimClient.chatUrl(p), body);

        assertThat(r.statusCode()).as(d.name()).isEqualTo(200);
        // "Be terse." and "What is it?" make five prompt words.
        assertThat(SimClient.json(r.body()).path("usage").path("prompt_tokens").asInt()).isEqualTo(5);
        assertThat(SimClient.json(p.recorded().get(0).body()).path("messages").get(0).path("content").asText())
            .isEqualTo("Be terse.");
      }
    }
  }

  @Test
  void ollamaFingerprintsItself() {
    try (SimulatedProvider p = start(Dialect.OLLAMA)) {
      JsonNode body = SimClient.json(client.chat(p, false).body());

      assertThat(body.path("system_fingerprint").asText()).isEqualTo("fp_ollama");
      assertThat(SimClient.events(client.chat(p, true).body()))
          .allSatisfy(e -> assertThat(e.path("system_fingerprint").asText()).isEqualTo("fp_ollama"));
    }
  }

  @Test
  void openAiAndLlamaCppChoicesHaveNoDialectExtras() {
    for (Dialect d : List.of(Dialect.OPENAI, Dialect.LLAMA_CPP)) {
      try (SimulatedProvider p = start(d)) {
        JsonNode choice = SimClient.json(client.chat(p, false).body()).path("choices").get(0);

        assertThat(choice.has("stop_reason")).as(d.name()).isFalse();
        assertThat(choice.has("content_filter_results")).as(d.name()).isFalse();
      }
    }
  }

  @Test
  void unknownPathsAre404InEachServersOwnShape() {
    String[] expected = {
      "{\"error\":{\"message\":\"Invalid URL (POST /v1/x)\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}",
      "{\"error\":{\"code\":\"404\",\"message\":\"Resource not found\"}}",
      "{\"detail\":\"Not Found\"}",
      "{\"error\":{\"message\":\"Invalid URL (POST /v1/x)\",\"type\":\"not_found_error\",\"param\":null,\"code\":null}}",
      "{\"error\":{\"code\":404,\"message\":\"File Not Found\",\"type\":\"not_found_error\"}}",
    };
    Dialect[] dialects = {Dialect.OPENAI, Dialect.AZURE, Dialect.VLLM, Dialect.OLLAMA, Dialect.LLAMA_CPP};
    for (int i = 0; i < dialects.length; i++) {
      try (SimulatedProvider p = start(dialects[i])) {
        HttpResponse<String> r = client.post(p.baseUrl() + "/x", "{}");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).as(dialects[i].name()).isEqualTo(expected[i]);
      }
    }
  }

  @Test
  void dialectNamesRoundTripFromScenarioFiles() {
    assertThat(Dialect.fromConfigName("llama.cpp")).isEqualTo(Dialect.LLAMA_CPP);
    assertThat(Dialect.fromConfigName("Azure")).isEqualTo(Dialect.AZURE);
    assertThat(Dialect.fromConfigName("llama_cpp")).isEqualTo(Dialect.LLAMA_CPP);
    assertThat(Dialect.fromConfigName("anthropic")).isEqualTo(Dialect.ANTHROPIC);
    assertThat(Dialect.fromConfigName("GEMINI")).isEqualTo(Dialect.GEMINI);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dialect.fromConfigName("bedrock"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bedrock")
        .hasMessageContaining("llama.cpp, anthropic, gemini");
  }
}
