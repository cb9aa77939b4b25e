package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The healthy OpenAI answer, whole and streamed, and the request handling around it. */
class HealthyAnswerTest {
  private static Vertx vertx;
  private final SimClient client = new SimClient();
  private SimulatedProvider provider;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @AfterEach
  void closeProvider() {
    if (provider != null) {
      provider.close();
    }
  }

  private SimulatedProvider start(SimulatedProvider.Builder b) {
    provider = b.vertx(vertx).start();
    return provider;
  }

  @Test
  void nonStreamAnswerHasTheOpenAiShape() {
    SimulatedProvider p = start(SimulatedProvider.builder("primary"));
    long before = System.currentTimeMillis() / 1000;

    HttpResponse<String> r = client.chat(p, false);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.headers().firstValue("x-request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
    JsonNode body = SimClient.json(r.body());
    assertThat(body.path("id").asText()).isEqualTo("chatcmpl-sim-1");
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("created").asLong()).isBetween(before, before + 5);
    assertThat(body.path("model").asText()).isEqualTo("gpt-sim");
    assertThat(body.path("system_fingerprint").asText()).isEqualTo("fp_sim");
    JsonNode choice = body.path("choices").get(0);
    assertThat(choice.path("index").asInt()).isZero();
    assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
    assertThat(choice.path("message").path("content").asText()).isEqualTo("Hello from primary.");
    assertThat(choice.path("message").has("refusal")).isTrue();
    assertThat(choice.path("message").path("refusal").isNull()).isTrue();
    assertThat(choice.path("logprobs").isNull()).isTrue();
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    JsonNode usage = body.path("usage");
    assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(4); // "Say hello to me"
    assertThat(usage.path("completion_tokens").asInt()).isEqualTo(3);
    assertThat(usage.path("total_tokens").asInt()).isEqualTo(7);
  }

  @Test
  void streamSendsRoleChunkOneChunkPerWordFinishChunkAndDone() {
    SimulatedProvider p = start(SimulatedProvider.builder("primary").reply("Hello there, friend"));

    HttpResponse<String> r = client.chat(p, true);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
    List<String> data = SimClient.sseData(r.body());
    assertThat(data).hasSize(6).last().isEqualTo("[DONE]");
    List<JsonNode> events = SimClient.events(r.body());
    JsonNode role = events.get(0);
    assertThat(role.path("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(role.path("choices").get(0).path("delta").toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
    assertThat(role.path("choices").get(0).path("finish_reason").isNull()).isTrue();
    assertThat(events.subList(1, 4)).extracting(e -> e.path("choices").get(0).path("delta").path("content").asText())
        .containsExactly("Hello", " there,", " friend");
    JsonNode finish = events.get(4).path("choices").get(0);
    assertThat(finish.path("delta").size()).isZero();
    assertThat(finish.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(events).allSatisfy(e -> {
      assertThat(e.path("id").asText()).isEqualTo(role.path("id").asText());
      assertThat(e.path("model").asText()).isEqualTo("gpt-sim");
      assertThat(e.has("usage")).isFalse();
    });
    assertThat(SimClient.streamedText(r.body())).isEqualTo("Hello there, friend");
  }

  @Test
  void includeUsageAddsAUsageChunkAndNullUsageEverywhereElse() {
    SimulatedProvider p = start(SimulatedProvider.builder("primary"));

    HttpResponse<String> r = client.post(SimClient.chatUrl(p), SimClient.streamWithUsage("m"));

    List<JsonNode> events = SimClient.events(r.body());
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.path("choices").isArray()).isTrue();
    assertThat(last.path("choices").size()).isZero();
    assertThat(last.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
    assertThat(last.path("usage").path("total_tokens").asInt()).isEqualTo(7);
    assertThat(events.subList(0, events.size() - 1)).allSatisfy(e -> {
      assertThat(e.has("usage")).isTrue();
      assertThat(e.path("usage").isNull()).isTrue();
    });
    assertThat(SimClient.sseData(r.body())).last().isEqualTo("[DONE]");
  }

  @Test
  void maxTokensTruncatesAndFinishesWithLength() {
    SimulatedProvider p = start(SimulatedProvider.builder("primary").reply("one two three four"));

    JsonNode whole = SimClient.json(client.post(SimClient.chatUrl(p),
        "{\"model\":\"m\",\"max_tokens\":2,\"messages\":[]}").body());
    HttpResponse<String> streamed = client.post(SimClient.chatUrl(p),
        "{\"model\":\"m\",\"stream\":true,\"max_completion_tokens\":3,\"max_tokens\":1,\"messages\":[]}");

    assertThat(whole.path("choices").get(0).path("message").path("content").asText()).isEqualTo("one two");
    assertThat(whole.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
    assertThat(whole.path("usage").path("completion_tokens").asInt()).isEqualTo(2);
    assertThat(SimClient.streamedText(streamed.body())).isEqualTo("one two three");
    List<JsonNode> events = SimClient.events(streamed.body());
    assertThat(events.get(events.size() - 1).path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
  }

  @Test
  void zeroMaxTokensIsRejectedLikeOpenAi() {
    SimulatedProvider p = start(SimulatedProvider.builder("primary"));

    HttpResponse<String> r = client.post(SimClient.chatUrl(p), "{\"model\":\"m\",\"max_tokens\":0,\"messages\":[]}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(SimClient.json(r.body()).path("error").path("param").asText()).isEqualTo("max_tokens");
  }

  @Test
  void badJsonAndMissingModelAre400InvalidRequest() {
    SimulatedProvider p = start(SimulatedProvider.builder("primary"));

    HttpResponse<String> bad = client.post(SimClient.chatUrl(p), "{\"model\": ");
    HttpResponse<String> noModel = client.post(SimClient.chatUrl(p), "{\"messages\":[]}");

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(SimClient.json(bad.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(SimClient.json(bad.body()).path("error").path("message").asText()).contains("could not parse the JSON body");
    assertThat(noModel.statusCode()).isEqualTo(400);
    assertThat(SimClient.json(noModel.body()).path("error").path("message").asText()).isEqualTo("you must provide a model parameter");
    assertThat(p.requests()).isEqualTo(2);
  }

  @Test
  void unknownPathIs404JsonAndNotCountedAsChat() {
    SimulatedProvider p = start(SimulatedProvider.builder("primary"));

    HttpResponse<String> r = client.post(p.baseUrl() + "/nope", "{}");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(SimClient.json(r.body()).path("error").path("message").asText()).isEqualTo("Invalid URL (POST /v1/nope)");
    assertThat(p.requests()).isZero();
    assertThat(p.recorded()).hasSize(1);
  }

  @Test
  void modelsEndpointListsTheConfiguredModels() {
    SimulatedProvider p = start(SimulatedProvider.builder("primary").models("gpt-a", "gpt-b"));

    HttpResponse<String> r = client.get(p.baseUrl() + "/models");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = SimClient.json(r.body());
    assertThat(body.path("object").asText()).isEqualTo("list");
    assertThat(body.path("data").findValuesAsText("id")).containsExactly("gpt-a", "gpt-b");
    assertThat(p.requests()).isZero();
  }

  @Test
  void baseUrlIsLoopbackWithTheDialectsPrefix() {
    SimulatedProvider openai = start(SimulatedProvider.builder("a"));
    try (SimulatedProvider azure = SimulatedProvider.builder("b").dialect(Dialect.AZURE).vertx(vertx).start()) {
      assertThat(openai.baseUrl()).isEqualTo("http://127.0.0.1:" + openai.port() + "/v1");
      assertThat(azure.baseUrl()).isEqualTo("http://127.0.0.1:" + azure.port() + "/openai");
      assertThat(openai.port()).isPositive().isNotEqualTo(azure.port());
      assertThat(openai.name()).isEqualTo("a");
    }
  }

  @Test
  void recordsMethodPathQueryLowerCaseHeadersBodyAndBearerKey() {
    SimulatedProvider p = start(SimulatedProvider.builder("primary"));
    String body = SimClient.chatBody("gpt-sim", false);

    client.post(SimClient.chatUrl(p) + "?trace=1", body, "Authorization", "Bearer sk-test-123", "X-Custom", "yes");
    client.get(p.baseUrl() + "/models");

    List<RecordedRequest> recorded = p.recorded();
    assertThat(recorded).hasSize(2);
    RecordedRequest chat = recorded.get(0);
    assertThat(chat.method()).isEqualTo("POST");
    assertThat(chat.path()).isEqualTo("/v1/chat/completions");
    assertThat(chat.query()).isEqualTo("trace=1");
    assertThat(chat.headers()).containsEntry("x-custom", "yes").containsKey("authorization");
    assertThat(chat.header("X-CUSTOM")).isEqualTo("yes");
    assertThat(chat.body()).isEqualTo(body);
    assertThat(chat.key()).isEqualTo("sk-test-123");
    assertThat(recorded.get(1).key()).isNull();
    assertThat(recorded.get(1).query()).isEmpty();
    assertThat(p.requests()).isEqualTo(1);
  }

  @Test
  void latencyDelaysTheWholeAnswer() {
    SimulatedProvider p = start(SimulatedProvider.builder("primary").latency(Duration.ofMillis(200)));
    long start = System.nanoTime();

    HttpResponse<String> r = client.chat(p, false);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void clientsOfferingAnH2cUpgradeAreServedOverHttp11() throws Exception {
    SimulatedProvider p = start(SimulatedProvider.builder("primary"));
    java.net.http.HttpClient h2 = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_2)
        .build();

    HttpResponse<String> r = h2.send(
        client.request(SimClient.chatUrl(p), SimClient.chatBody("m", false)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> chat = h2.send(
        client.request(SimClient.chatUrl(p), SimClient.chatBody("m", false)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(chat.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
    assertThat(chat.statusCode()).isEqualTo(200);
  }

  @Test
  void providerWithoutSharedVertxOwnsAndClosesItsOwn() {
    SimulatedProvider own = SimulatedProvider.builder("solo").start();
    int port = own.port();
    assertThat(client.chat(own, false).statusCode()).isEqualTo(200);
    own.close();
    own.close(); // idempotent

    assertThat(client.failure(client.request("http://127.0.0.1:" + port + "/v1/chat/completions", "{}").build()))
        .isInstanceOf(java.net.ConnectException.class);
  }
}
