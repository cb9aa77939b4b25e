package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Anthropic Messages dialect. The official anthropic-java SDK is the oracle: its own mapper
 * parses and validates every answer and stream event, and its client talks to the simulator.
 */
class AnthropicDialectTest {
  private static Vertx vertx;
  private final SimClient client = new SimClient();
  private SimulatedProvider p;

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
    if (p != null) {
      p.close();
    }
  }

  private SimulatedProvider start(SimulatedProvider.Builder b) {
    p = b.dialect(Dialect.ANTHROPIC).vertx(vertx).start();
    return p;
  }

  private String url() {
    return p.baseUrl() + "/v1/messages";
  }

  private HttpResponse<String> post(String body, String... headers) {
    return client.post(url(), body, headers);
  }

  private static String body(boolean stream, String extra) {
    return "{\"model\":\"claude-sim\",\"max_tokens\":100,\"stream\":" + stream + extra
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to me\"}]}";
  }

  private static AnthropicClient sdk(SimulatedProvider p, String key) {
    return AnthropicOkHttpClient.builder()
        .baseUrl(p.baseUrl())
        .apiKey(key)
        .maxRetries(0)
        .responseValidation(true)
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  private static MessageCreateParams params() {
    return MessageCreateParams.builder().model("claude-sim").maxTokens(100).addUserMessage("Say hello to me").build();
  }

  static Message message(String json) throws Exception {
    Message m = ObjectMappers.jsonMapper().readValue(json, Message.class);
    m.validate();
    return m;
  }

  /** Every event but {@code ping}, which the SDK skips before parsing, read and validated by the SDK. */
  static List<RawMessageStreamEvent> sdkEvents(String body) throws Exception {
    List<RawMessageStreamEvent> events = new java.util.ArrayList<>();
    for (Frames.Named f : Frames.anthropic(body)) {
      if (!f.event().equals("ping")) {
        RawMessageStreamEvent e = ObjectMappers.jsonMapper().readValue(f.data(), RawMessageStreamEvent.class);
        e.validate();
        events.add(e);
      }
    }
    return events;
  }

  private static JsonNode error(HttpResponse<String> r) {
    return SimClient.json(r.body()).path("error");
  }

  @Test
  void baseUrlIsTheHostRoot() {
    start(SimulatedProvider.builder("a"));

    assertThat(p.baseUrl()).isEqualTo("http://127.0.0.1:" + p.port());
  }

  @Test
  void wholeAnswerIsAMessageThatPassesSdkValidation() throws Exception {
    start(SimulatedProvider.builder("a").reply("Hello from Claude."));

    HttpResponse<String> r = post(body(false, ""));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.headers().firstValue("request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req_sim_"));
    JsonNode root = SimClient.json(r.body());
    assertThat(root.path("id").asText()).isEqualTo("msg_sim_1");
    assertThat(root.path("type").asText()).isEqualTo("message");
    assertThat(root.path("role").asText()).isEqualTo("assistant");
    assertThat(root.path("model").asText()).isEqualTo("claude-sim");
    assertThat(root.path("content")).hasSize(1);
    assertThat(root.path("content").path(0).path("type").asText()).isEqualTo("text");
    assertThat(root.path("content").path(0).path("text").asText()).isEqualTo("Hello from Claude.");
    assertThat(root.path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(root.path("stop_sequence").isNull()).isTrue();
    JsonNode usage = root.path("usage");
    assertThat(usage.path("input_tokens").asInt()).isEqualTo(4);
    assertThat(usage.path("output_tokens").asInt()).isEqualTo(3);
    assertThat(usage.path("cache_creation_input_tokens").asInt()).isZero();
    assertThat(usage.path("cache_read_input_tokens").asInt()).isZero();

    Message m = message(r.body());
    assertThat(m.content().get(0).text().orElseThrow().text()).isEqualTo("Hello from Claude.");
    // The oracle is not lenient: a message without its required fields fails validation.
    assertThatThrownBy(() -> message("{\"id\":\"msg_1\",\"type\":\"message\"}"))
        .isInstanceOf(com.anthropic.errors.AnthropicInvalidDataException.class);
    assertThat(m.stopReason()).contains(StopReason.END_TURN);
    assertThat(m.usage().outputTokens()).isEqualTo(3);
  }

  @Test
  void streamSendsTheNamedEventsInOrderAndEachPassesSdkValidation() throws Exception {
    start(SimulatedProvider.builder("a").reply("One two three"));

    HttpResponse<String> r = post(body(true, ""));

    assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
    assertThat(Frames.names(r.body())).containsExactly("message_start", "content_block_start", "ping",
        "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
        "message_delta", "message_stop");
    List<RawMessageStreamEvent> events = sdkEvents(r.body());
    Message start = events.get(0).messageStart().orElseThrow().message();
    assertThat(start.id()).isEqualTo("msg_sim_1");
    assertThat(start.content()).isEmpty();
    assertThat(start.stopReason()).isEmpty();
    assertThat(start.usage().inputTokens()).isEqualTo(4);
    String text = events.stream()
        .flatMap(e -> e.contentBlockDelta().stream())
        .map(d -> d.delta().text().orElseThrow().text())
        .collect(Collectors.joining());
    assertThat(text).isEqualTo("One two three");
    var delta = events.get(events.size() - 2).messageDelta().orElseThrow();
    assertThat(delta.delta().stopReason()).contains(StopReason.END_TURN);
    assertThat(delta.usage().outputTokens()).isEqualTo(3);
    assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
  }

  @Test
  void theOfficialSdkTalksToTheSimulatorWholeAndStreamed() {
    start(SimulatedProvider.builder("a").reply("Hi there friend").validKeys("sk-ant-sim"));
    AnthropicClient sdk = sdk(p, "sk-ant-sim");
    try {
      Message m = sdk.messages().create(params());
      String streamed;
      try (StreamResponse<RawMessageStreamEvent> stream = sdk.messages().createStreaming(params())) {
        streamed = stream.stream()
            .flatMap(e -> e.contentBlockDelta().stream())
            .map(d -> d.delta().text().orElseThrow().text())
            .collect(Collectors.joining());
      }

      assertThat(m.content().get(0).text().orElseThrow().text()).isEqualTo("Hi there friend");
      assertThat(streamed).isEqualTo("Hi there friend");
      RecordedRequest sent = p.recorded().get(0);
      assertThat(sent.path()).isEqualTo("/v1/messages");
      assertThat(sent.key()).isEqualTo("sk-ant-sim");
      assertThat(sent.header("anthropic-version")).isNotBlank();
    } finally {
      sdk.close();
    }
  }

  @Test
  void theKeyComesFromXApiKeyOrBearerAndAnyVersionIsAccepted() {
    start(SimulatedProvider.builder("a").validKeys("ak-1"));

    assertThat(post(body(false, ""), "x-api-key", "ak-1", "anthropic-version", "2023-06-01").statusCode())
        .isEqualTo(200);
    assertThat(post(body(false, ""), "Authorization", "Bearer ak-1", "anthropic-version", "2026-10-21").statusCode())
        .isEqualTo(200);
    assertThat(post(body(false, ""), "x-api-key", "ak-1", "Authorization", "Bearer other").statusCode())
        .isEqualTo(200);
    assertThat(p.recorded().get(2).key()).isEqualTo("ak-1");
  }

  @Test
  void aBadKeyIsA401AuthenticationErrorThatNeverEchoesTheKey() {
    start(SimulatedProvider.builder("a").validKeys("ak-1"));

    HttpResponse<String> wrong = post(body(false, ""), "x-api-key", "sk-ant-wrong-key");
    HttpResponse<String> missing = post(body(true, ""));

    assertThat(wrong.statusCode()).isEqualTo(401);
    JsonNode root = SimClient.json(wrong.body());
    assertThat(root.path("type").asText()).isEqualTo("error");
    assertThat(root.path("error").path("type").asText()).isEqualTo("authentication_error");
    assertThat(root.path("error").path("message").asText()).isEqualTo("invalid x-api-key");
    assertThat(root.path("request_id").asText()).startsWith("req_sim_");
    assertThat(wrong.headers().firstValue("request-id")).hasValue(root.path("request_id").asText());
    assertThat(wrong.body()).doesNotContain("wrong");
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(error(missing).path("message").asText()).isEqualTo("x-api-key header is required");

    AnthropicClient sdk = sdk(p, "sk-ant-wrong-key");
    try {
      assertThatThrownBy(() -> sdk.messages().create(params())).isInstanceOf(UnauthorizedException.class);
    } finally {
      sdk.close();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "400, invalid_request_error",
    "401, authentication_error",
    "402, billing_error",
    "403, permission_error",
    "404, not_found_error",
    "409, conflict_error",
    "413, request_too_large",
    "422, invalid_request_error",
    "429, rate_limit_error",
    "500, api_error",
    "503, api_error",
    "504, timeout_error",
    "529, overloaded_error",
  })
  void statusFaultsCarryAnthropicsErrorTypes(int status, String type) {
    start(SimulatedProvider.builder("a"));
    p.enqueue(Fault.status(status));

    HttpResponse<String> r = post(body(true, ""));

    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode root = SimClient.json(r.body());
    assertThat(root.path("type").asText()).isEqualTo("error");
    assertThat(root.path("error").path("type").asText()).isEqualTo(type);
    assertThat(root.path("request_id").asText()).startsWith("req_sim_");
    if (status == 529) {
      assertThat(root.path("error").path("message").asText()).isEqualTo("Overloaded");
    }
    if (status == 429) {
      assertThat(r.headers().firstValue("retry-after")).hasValue("1");
    }
    if (status == 404) {
      assertThat(root.path("error").path("message").asText()).isEqualTo("model: claude-sim");
    }
  }

  @Test
  void theSdkSeesOverloadAndRateLimitsAsItsOwnExceptions() {
    start(SimulatedProvider.builder("a"));
    p.enqueue(Fault.status(529), Fault.rateLimited(Duration.ofSeconds(3)));
    AnthropicClient sdk = sdk(p, "k");
    try {
      assertThatThrownBy(() -> sdk.messages().create(params())).isInstanceOf(OverloadedException.class);
      assertThatThrownBy(() -> sdk.messages().create(params())).isInstanceOf(RateLimitException.class);
    } finally {
      sdk.close();
    }
  }

  @Test
  void errorFaultsUseAnthropicsOwnBodies() {
    start(SimulatedProvider.builder("a"));
    p.enqueue(Fault.rateLimited(Duration.ofMillis(1500)), Fault.insufficientQuota(), Fault.contextLengthExceeded(),
        Fault.contentPolicy(), Fault.invalidRequest("messages.0.content: Field required"));

    HttpResponse<String> limited = post(body(false, ""));
    HttpResponse<String> quota = post(body(false, ""));
    HttpResponse<String> context = post(body(false, ""));
    HttpResponse<String> policy = post(body(false, ""));
    HttpResponse<String> invalid = post(body(false, ""));

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(error(limited).path("type").asText()).isEqualTo("rate_limit_error");
    assertThat(limited.headers().firstValue("retry-after")).hasValue("2");
    assertThat(limited.headers().firstValue("retry-after-ms")).hasValue("1500");
    assertThat(limited.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue("0");
    assertThat(limited.headers().firstValue("anthropic-ratelimit-requests-reset")).hasValueSatisfying(
        v -> assertThat(java.time.Instant.parse(v)).isAfter(java.time.Instant.now().minusSeconds(5)));
    assertThat(quota.statusCode()).isEqualTo(402);
    assertThat(error(quota).path("type").asText()).isEqualTo("billing_error");
    assertThat(error(quota).path("message").asText()).startsWith("Your credit balance is too low");
    assertThat(context.statusCode()).isEqualTo(400);
    assertThat(error(context).path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error(context).path("message").asText()).isEqualTo("prompt is too long: 208656 tokens > 200000 maximum");
    assertThat(policy.statusCode()).isEqualTo(400);
    assertThat(error(policy).path("message").asText()).isEqualTo("Output blocked by content filtering policy");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(error(invalid).path("message").asText()).isEqualTo("messages.0.content: Field required");
  }

  @Test
  void theSdkTurnsTheMidStreamErrorEventIntoAnException() {
    start(SimulatedProvider.builder("a").reply("one two three"));
    p.enqueue(Fault.errorEventAfterEvents(2));
    AnthropicClient sdk = sdk(p, "k");
    try (StreamResponse<RawMessageStreamEvent> stream = sdk.messages().createStreaming(params())) {
      assertThatThrownBy(() -> stream.stream().forEach(e -> { }))
          .isInstanceOf(AnthropicServiceException.class)
          .hasMessageContaining("Overloaded");
    } finally {
      sdk.close();
    }
  }

  @Test
  void maxTokensCutsTheAnswerWithStopReasonMaxTokens() throws Exception {
    start(SimulatedProvider.builder("a").reply("one two three four"));
    String whole = "{\"model\":\"m\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    String stream = whole.replace("{\"model\"", "{\"stream\":true,\"model\"");

    Message m = message(post(whole).body());
    List<RawMessageStreamEvent> events = sdkEvents(post(stream).body());

    assertThat(m.content().get(0).text().orElseThrow().text()).isEqualTo("one two");
    assertThat(m.stopReason()).contains(StopReason.MAX_TOKENS);
    assertThat(m.usage().outputTokens()).isEqualTo(2);
    var delta = events.get(events.size() - 2).messageDelta().orElseThrow();
    assertThat(delta.delta().stopReason()).contains(StopReason.MAX_TOKENS);
    assertThat(events.stream().filter(RawMessageStreamEvent::isContentBlockDelta).count()).isEqualTo(2);
  }

  @Test
  void aStopSequenceEndsTheAnswerJustBeforeIt() throws Exception {
    start(SimulatedProvider.builder("a").reply("one two END three"));
    String whole = "{\"model\":\"m\",\"max_tokens\":50,\"stop_sequences\":[\"zzz\",\"END\"],"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    String stream = whole.replace("{\"model\"", "{\"stream\":true,\"model\"");

    Message m = message(post(whole).body());
    List<RawMessageStreamEvent> events = sdkEvents(post(stream).body());

    assertThat(m.content().get(0).text().orElseThrow().text()).isEqualTo("one two ");
    assertThat(m.stopReason()).contains(StopReason.STOP_SEQUENCE);
    assertThat(m.stopSequence()).contains("END");
    var delta = events.get(events.size() - 2).messageDelta().orElseThrow();
    assertThat(delta.delta().stopReason()).contains(StopReason.STOP_SEQUENCE);
    assertThat(delta.delta().stopSequence()).contains("END");
  }

  @Test
  void requestsWithoutTheRequiredFieldsAreRejectedLikeTheApi() {
    start(SimulatedProvider.builder("a"));

    HttpResponse<String> noMax = post("{\"model\":\"m\",\"messages\":[]}");
    HttpResponse<String> noModel = post("{\"max_tokens\":5,\"messages\":[]}");
    HttpResponse<String> notJson = post("{");

    assertThat(noMax.statusCode()).isEqualTo(400);
    assertThat(error(noMax).path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error(noMax).path("message").asText()).isEqualTo("max_tokens: Field required");
    assertThat(error(noModel).path("message").asText()).isEqualTo("model: Field required");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(p.requests()).isEqualTo(3);
  }

  @Test
  void systemPromptsAreRecordedAndImagesAccepted() throws Exception {
    start(SimulatedProvider.builder("a").reply("A red dot."));
    String request = "{\"model\":\"m\",\"max_tokens\":50,"
        + "\"system\":[{\"type\":\"text\",\"text\":\"You describe images tersely.\"}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
        + "\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}},{\"type\":\"text\",\"text\":\"What is this?\"}]}]}";

    HttpResponse<String> r = post(request);

    assertThat(r.statusCode()).isEqualTo(200);
    Message m = message(r.body());
    assertThat(m.content().get(0).text().orElseThrow().text()).isEqualTo("A red dot.");
    // The system prompt's four words count as input, like the question's three.
    assertThat(m.usage().inputTokens()).isEqualTo(7);
    assertThat(SimClient.json(p.recorded().get(0).body()).path("system").path(0).path("text").asText())
        .isEqualTo("You describe images tersely.");
  }

  @Test
  void modelsAreListedInAnthropicsShapeAndUnknownPathsAre404() {
    start(SimulatedProvider.builder("a").models("claude-a", "claude-b"));

    JsonNode list = SimClient.json(client.get(p.baseUrl() + "/v1/models").body());
    HttpResponse<String> unknown = client.post(p.baseUrl() + "/v1/complete", "{}");

    assertThat(list.path("data").path(0).path("type").asText()).isEqualTo("model");
    assertThat(list.path("data").path(1).path("id").asText()).isEqualTo("claude-b");
    assertThat(list.path("has_more").asBoolean(true)).isFalse();
    assertThat(list.path("first_id").asText()).isEqualTo("claude-a");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(error(unknown).path("type").asText()).isEqualTo("not_found_error");
    assertThat(p.requests()).isZero();
  }
}
