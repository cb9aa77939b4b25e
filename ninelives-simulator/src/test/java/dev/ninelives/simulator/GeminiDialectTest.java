package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.ai.generativelanguage.v1beta.Candidate;
import com.google.ai.generativelanguage.v1beta.GenerateContentResponse;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.errors.ServerException;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.ErrorInfo;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Gemini dialect. Two oracles: protobuf's JsonFormat parses every answer and chunk into the
 * Gemini API's own {@code GenerateContentResponse} message (the vendored v1beta protos in
 * ninelives-gemini-proto) strictly, so an unknown field fails; and the official google-genai SDK talks to
 * the simulator over the wire.
 */
class GeminiDialectTest {
  private static final JsonFormat.TypeRegistry RPC_TYPES = JsonFormat.TypeRegistry.newBuilder()
      .add(ErrorInfo.getDescriptor())
      .add(RetryInfo.getDescriptor())
      .add(QuotaFailure.getDescriptor())
      .add(com.google.rpc.Help.getDescriptor())
      .add(com.google.rpc.LocalizedMessage.getDescriptor())
      .build();

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
    p = b.dialect(Dialect.GEMINI).vertx(vertx).start();
    return p;
  }

  private String url(String method) {
    return p.baseUrl() + "/v1beta/models/gemini-sim:" + method;
  }

  private static String body(String extra) {
    return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Say hello to me\"}]}]" + extra + "}";
  }

  /** Strict: JsonFormat's parser rejects any field the message does not have. */
  static GenerateContentResponse proto(String json) throws InvalidProtocolBufferException {
    GenerateContentResponse.Builder b = GenerateContentResponse.newBuilder();
    JsonFormat.parser().merge(json, b);
    return b.build();
  }

  static List<GenerateContentResponse> protoChunks(String sseBody) throws InvalidProtocolBufferException {
    List<GenerateContentResponse> chunks = new ArrayList<>();
    for (String data : Frames.geminiSse(sseBody)) {
      chunks.add(proto(data));
    }
    return chunks;
  }

  /** The error object as a google.rpc.Status; its details must be the real RPC detail types. */
  private static Status status(String body) throws InvalidProtocolBufferException {
    JsonNode error = SimClient.json(body).path("error");
    // "status" is the code's name in the HTTP mapping; google.rpc.Status itself has no such field.
    com.fasterxml.jackson.databind.node.ObjectNode copy = error.deepCopy();
    copy.remove("status");
    Status.Builder b = Status.newBuilder();
    JsonFormat.parser().usingTypeRegistry(RPC_TYPES).merge(copy.toString(), b);
    return b.build();
  }

  private static JsonNode error(HttpResponse<String> r) {
    return SimClient.json(r.body()).path("error");
  }

  /** The SDK on the v1beta API the reference describes (2.x defaults to v1), without retries. */
  static Client sdk(SimulatedProvider p, String key) {
    return Client.builder()
        .apiKey(key)
        .vertexAI(false)
        .httpOptions(HttpOptions.builder()
            .baseUrl(p.baseUrl())
            .apiVersion("v1beta")
            .timeout(5000)
            .retryOptions(HttpRetryOptions.builder().attempts(1))
            .build())
        .build();
  }

  @Test
  void wholeAnswerIsAGenerateContentResponse() throws Exception {
    start(SimulatedProvider.builder("g").reply("Hello from Gemini."));

    HttpResponse<String> r = client.post(url("generateContent"), body(""), "x-goog-api-key", "g-key");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");
    JsonNode root = SimClient.json(r.body());
    JsonNode candidate = root.path("candidates").path(0);
    assertThat(candidate.path("content").path("role").asText()).isEqualTo("model");
    assertThat(candidate.path("content").path("parts").path(0).path("text").asText()).isEqualTo("Hello from Gemini.");
    assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");
    assertThat(candidate.has("index")).isTrue();
    JsonNode usage = root.path("usageMetadata");
    assertThat(usage.path("promptTokenCount").asInt()).isEqualTo(4);
    assertThat(usage.path("candidatesTokenCount").asInt()).isEqualTo(3);
    assertThat(usage.path("totalTokenCount").asInt()).isEqualTo(7);
    assertThat(root.path("modelVersion").asText()).isEqualTo("gemini-sim");
    assertThat(root.path("responseId").asText()).isEqualTo("resp_sim_1");

    GenerateContentResponse parsed = proto(r.body());
    assertThat(parsed.getCandidates(0).getFinishReason()).isEqualTo(Candidate.FinishReason.STOP);
    assertThat(parsed.getUsageMetadata().getTotalTokenCount()).isEqualTo(7);
    // The oracle is strict: a field GenerateContentResponse lacks is rejected.
    assertThatThrownBy(() -> proto("{\"candidates\":[],\"object\":\"chat.completion\"}"))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }

  @Test
  void streamSendsOneChunkPerTokenWithCrlfSeparatorsAndNoDone() throws Exception {
    start(SimulatedProvider.builder("g").reply("One two three"));

    HttpResponse<String> r = client.post(url("streamGenerateContent?alt=sse"), body(""));

    assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
    assertThat(r.body()).doesNotContain("[DONE]");
    List<GenerateContentResponse> chunks = protoChunks(r.body());
    assertThat(chunks).hasSize(5);
    StringBuilder text = new StringBuilder();
    for (GenerateContentResponse c : chunks) {
      assertThat(c.getResponseId()).isEqualTo("resp_sim_1");
      c.getCandidates(0).getContent().getPartsList().forEach(part -> text.append(part.getText()));
    }
    assertThat(text.toString()).isEqualTo("One two three");
    assertThat(chunks.get(0).getCandidates(0).getContent().getParts(0).getText()).isEmpty();
    for (GenerateContentResponse c : chunks.subList(0, 4)) {
      assertThat(c.getCandidates(0).getFinishReason()).isEqualTo(Candidate.FinishReason.FINISH_REASON_UNSPECIFIED);
    }
    GenerateContentResponse last = chunks.get(4);
    assertThat(last.getCandidates(0).getFinishReason()).isEqualTo(Candidate.FinishReason.STOP);
    assertThat(last.getUsageMetadata().getCandidatesTokenCount()).isEqualTo(3);
    assertThat(last.getUsageMetadata().getTotalTokenCount()).isEqualTo(7);
  }

  @Test
  void withoutAltSseTheStreamIsOneJsonArrayOfResponses() throws Exception {
    start(SimulatedProvider.builder("g").reply("One two"));

    HttpResponse<String> r = client.post(url("streamGenerateContent"), body(""));

    assertThat(r.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");
    JsonNode array = SimClient.json(r.body());
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(4);
    for (JsonNode chunk : array) {
      proto(chunk.toString());
    }
    assertThat(array.get(3).path("candidates").path(0).path("finishReason").asText()).isEqualTo("STOP");

    // A mid-stream error is one more element, and the array is still closed.
    p.enqueue(Fault.errorEventAfterEvents(2));
    JsonNode broken = SimClient.json(client.post(url("streamGenerateContent"), body("")).body());
    assertThat(broken).hasSize(3);
    assertThat(broken.get(2).path("error").path("status").asText()).isEqualTo("INTERNAL");
  }

  @Test
  void theOfficialSdkTalksToTheSimulatorWholeAndStreamed() {
    start(SimulatedProvider.builder("g").reply("Hi there friend").validKeys("AIza-sim"));
    try (Client sdk = sdk(p, "AIza-sim")) {
      com.google.genai.types.GenerateContentResponse whole =
          sdk.models.generateContent("gemini-sim", "Say hello to me", null);
      StringBuilder streamed = new StringBuilder();
      try (ResponseStream<com.google.genai.types.GenerateContentResponse> stream =
          sdk.models.generateContentStream("gemini-sim", "Say hello to me", null)) {
        for (com.google.genai.types.GenerateContentResponse chunk : stream) {
          streamed.append(chunk.text() == null ? "" : chunk.text());
        }
      }

      assertThat(whole.text()).isEqualTo("Hi there friend");
      assertThat(whole.finishReason().toString()).isEqualTo("STOP");
      assertThat(streamed.toString()).isEqualTo("Hi there friend");
      RecordedRequest sent = p.recorded().get(0);
      assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-sim:generateContent");
      assertThat(sent.key()).isEqualTo("AIza-sim");
      assertThat(p.recorded().get(1).query()).contains("alt=sse");
    }
  }

  @Test
  void theV1PathServesTooAsTheSdksDefault() {
    start(SimulatedProvider.builder("g").reply("Hi"));
    try (Client sdk = Client.builder().apiKey("k").vertexAI(false)
        .httpOptions(HttpOptions.builder().baseUrl(p.baseUrl()).timeout(5000).build()).build()) {
      assertThat(sdk.models.generateContent("gemini-sim", "hi", null).text()).isEqualTo("Hi");
      assertThat(p.recorded().get(0).path()).isEqualTo("/v1/models/gemini-sim:generateContent");
    }
  }

  @Test
  void theKeyComesFromTheHeaderOrTheQuery() {
    start(SimulatedProvider.builder("g").validKeys("AIza-1"));

    assertThat(client.post(url("generateContent"), body(""), "x-goog-api-key", "AIza-1").statusCode()).isEqualTo(200);
    assertThat(client.post(url("generateContent?key=AIza-1"), body("")).statusCode()).isEqualTo(200);
    assertThat(client.post(url("streamGenerateContent?alt=sse&key=AIza-1"), body("")).statusCode()).isEqualTo(200);
    assertThat(p.recorded().get(1).key()).isEqualTo("AIza-1");
  }

  @Test
  void aBadKeyIsA400InvalidArgumentWithReasonApiKeyInvalid() throws Exception {
    start(SimulatedProvider.builder("g").validKeys("AIza-1"));

    HttpResponse<String> wrong = client.post(url("generateContent"), body(""), "x-goog-api-key", "AIza-wrong");
    HttpResponse<String> missing = client.post(url("streamGenerateContent?alt=sse"), body(""));

    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(error(wrong).path("status").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(error(wrong).path("message").asText()).isEqualTo("API key not valid. Please pass a valid API key.");
    assertThat(wrong.body()).doesNotContain("AIza-wrong");
    Status s = status(wrong.body());
    assertThat(s.getCode()).isEqualTo(400);
    ErrorInfo info = s.getDetails(0).unpack(ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("API_KEY_INVALID");
    assertThat(info.getMetadataMap()).containsEntry("service", "generativelanguage.googleapis.com");
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(error(missing).path("status").asText()).isEqualTo("PERMISSION_DENIED");

    try (Client sdk = sdk(p, "AIza-wrong")) {
      assertThatThrownBy(() -> sdk.models.generateContent("gemini-sim", "hi", null))
          .isInstanceOfSatisfying(ClientException.class, e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.status()).isEqualTo("INVALID_ARGUMENT");
          });
    }
  }

  @ParameterizedTest
  @CsvSource({
    "400, INVALID_ARGUMENT",
    "401, UNAUTHENTICATED",
    "403, PERMISSION_DENIED",
    "404, NOT_FOUND",
    "409, ABORTED",
    "429, RESOURCE_EXHAUSTED",
    "500, INTERNAL",
    "503, UNAVAILABLE",
    "504, DEADLINE_EXCEEDED",
  })
  void statusFaultsUseGoogleRpcErrors(int code, String rpcStatus) throws Exception {
    start(SimulatedProvider.builder("g"));
    p.enqueue(Fault.status(code));

    HttpResponse<String> r = client.post(url("streamGenerateContent?alt=sse"), body(""));

    assertThat(r.statusCode()).isEqualTo(code);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");
    assertThat(error(r).path("code").asInt()).isEqualTo(code);
    assertThat(error(r).path("status").asText()).isEqualTo(rpcStatus);
    Status s = status(r.body());
    if (code == 429) {
      RetryInfo retry = s.getDetailsList().stream().filter(a -> a.is(RetryInfo.class)).findFirst().orElseThrow()
          .unpack(RetryInfo.class);
      assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(1);
    }
    if (code == 503) {
      assertThat(s.getMessage()).startsWith("The model is overloaded.");
    }
    if (code == 404) {
      assertThat(s.getMessage()).startsWith("models/gemini-sim is not found");
    }
  }

  @Test
  void errorFaultsUseGeminisOwnBodies() throws Exception {
    start(SimulatedProvider.builder("g"));
    p.enqueue(Fault.rateLimited(Duration.ofMillis(1500)), Fault.insufficientQuota(), Fault.contextLengthExceeded(),
        Fault.invalidRequest("* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n"));

    HttpResponse<String> limited = client.post(url("generateContent"), body(""));
    HttpResponse<String> quota = client.post(url("generateContent"), body(""));
    HttpResponse<String> context = client.post(url("generateContent"), body(""));
    HttpResponse<String> invalid = client.post(url("generateContent"), body(""));

    assertThat(limited.statusCode()).isEqualTo(429);
    // Gemini sends no retry-after header; the delay is in RetryInfo.
    assertThat(limited.headers().firstValue("retry-after")).isEmpty();
    Status l = status(limited.body());
    RetryInfo retry = l.getDetailsList().stream().filter(a -> a.is(RetryInfo.class)).findFirst().orElseThrow()
        .unpack(RetryInfo.class);
    assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(1);
    assertThat(retry.getRetryDelay().getNanos()).isEqualTo(500_000_000);
    QuotaFailure perMinute = l.getDetailsList().stream().filter(a -> a.is(QuotaFailure.class)).findFirst()
        .orElseThrow().unpack(QuotaFailure.class);
    assertThat(perMinute.getViolations(0).getQuotaId()).contains("PerMinute");

    Status q = status(quota.body());
    assertThat(quota.statusCode()).isEqualTo(429);
    assertThat(q.getDetailsList().stream().anyMatch(a -> a.is(RetryInfo.class))).isFalse();
    assertThat(q.getDetailsList().stream().filter(a -> a.is(QuotaFailure.class)).findFirst().orElseThrow()
        .unpack(QuotaFailure.class).getViolations(0).getQuotaId()).contains("PerDay");

    assertThat(context.statusCode()).isEqualTo(400);
    assertThat(error(context).path("status").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(error(context).path("message").asText())
        .isEqualTo("The input token count (1205744) exceeds the maximum number of tokens allowed (1048576).");
    assertThat(error(invalid).path("message").asText()).startsWith("* GenerateContentRequest.contents[0].parts");
  }

  @Test
  void contentPolicyIsA200BlockedPromptWithNoCandidates() throws Exception {
    start(SimulatedProvider.builder("g"));
    p.enqueue(Fault.contentPolicy(), Fault.contentPolicy());

    HttpResponse<String> whole = client.post(url("generateContent"), body(""));
    HttpResponse<String> stream = client.post(url("streamGenerateContent?alt=sse"), body(""));

    assertThat(whole.statusCode()).isEqualTo(200);
    GenerateContentResponse w = proto(whole.body());
    assertThat(w.getCandidatesCount()).isZero();
    assertThat(w.getPromptFeedback().getBlockReason().name()).isEqualTo("SAFETY");
    assertThat(stream.statusCode()).isEqualTo(200);
    List<GenerateContentResponse> chunks = protoChunks(stream.body());
    assertThat(chunks).hasSize(1);
    assertThat(chunks.get(0).getPromptFeedback().getBlockReason().name()).isEqualTo("SAFETY");
  }

  @Test
  void theSdkSeesServerErrorsAndTheMidStreamErrorEvent() {
    start(SimulatedProvider.builder("g").reply("one two three"));
    p.enqueue(Fault.status(503), Fault.errorEventAfterEvents(2));
    try (Client sdk = sdk(p, "k")) {
      assertThatThrownBy(() -> sdk.models.generateContent("gemini-sim", "hi", null))
          .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.code()).isEqualTo(503));
      assertThatThrownBy(() -> {
        try (ResponseStream<com.google.genai.types.GenerateContentResponse> s =
            sdk.models.generateContentStream("gemini-sim", "hi", null)) {
          s.forEach(c -> { });
        }
      }).hasMessageContaining("internal error");
    }
  }

  @Test
  void maxOutputTokensFinishesWithMaxTokens() throws Exception {
    start(SimulatedProvider.builder("g").reply("one two three four"));
    String request = body(",\"generationConfig\":{\"maxOutputTokens\":2}");

    GenerateContentResponse whole = proto(client.post(url("generateContent"), request).body());
    List<GenerateContentResponse> chunks =
        protoChunks(client.post(url("streamGenerateContent?alt=sse"), request).body());

    assertThat(whole.getCandidates(0).getContent().getParts(0).getText()).isEqualTo("one two");
    assertThat(whole.getCandidates(0).getFinishReason()).isEqualTo(Candidate.FinishReason.MAX_TOKENS);
    assertThat(chunks).hasSize(4);
    assertThat(chunks.get(3).getCandidates(0).getFinishReason()).isEqualTo(Candidate.FinishReason.MAX_TOKENS);
  }

  @Test
  void stopSequencesEndTheAnswerWithStop() throws Exception {
    start(SimulatedProvider.builder("g").reply("one two END three"));
    String request = body(",\"generation_config\":{\"stop_sequences\":[\"END\"]}");

    GenerateContentResponse whole = proto(client.post(url("generateContent"), request).body());

    assertThat(whole.getCandidates(0).getContent().getParts(0).getText()).isEqualTo("one two ");
    assertThat(whole.getCandidates(0).getFinishReason()).isEqualTo(Candidate.FinishReason.STOP);

    try (Client sdk = sdk(p, "k")) {
      var answer = sdk.models.generateContent("gemini-sim", "hi",
          GenerateContentConfig.builder().stopSequences("END").maxOutputTokens(50).build());
      assertThat(answer.text()).isEqualTo("one two ");
    }
  }

  @Test
  void systemInstructionsAreRecordedAndInlineImagesAccepted() throws Exception {
    start(SimulatedProvider.builder("g").reply("A red dot."));
    String request = "{\"systemInstruction\":{\"parts\":[{\"text\":\"Describe images tersely.\"}]},"
        + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\","
        + "\"data\":\"iVBORw0KGgo=\"}},{\"text\":\"What is this?\"}]}]}";

    HttpResponse<String> r = client.post(url("generateContent"), request);

    assertThat(r.statusCode()).isEqualTo(200);
    GenerateContentResponse parsed = proto(r.body());
    assertThat(parsed.getUsageMetadata().getPromptTokenCount()).isEqualTo(6);
    assertThat(SimClient.json(p.recorded().get(0).body()).path("systemInstruction").path("parts").path(0)
        .path("text").asText()).isEqualTo("Describe images tersely.");
  }

  @Test
  void malformedRequestsModelsListAndUnknownPaths() {
    start(SimulatedProvider.builder("g").models("gemini-a"));

    HttpResponse<String> noContents = client.post(url("generateContent"), "{}");
    HttpResponse<String> notJson = client.post(url("generateContent"), "{");
    JsonNode models = SimClient.json(client.get(p.baseUrl() + "/v1beta/models").body());
    HttpResponse<String> unknown = client.post(p.baseUrl() + "/v1beta/models/gemini-a:countTokens", "{}");

    assertThat(noContents.statusCode()).isEqualTo(400);
    assertThat(error(noContents).path("status").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(models.path("models").path(0).path("name").asText()).isEqualTo("models/gemini-a");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(error(unknown).path("status").asText()).isEqualTo("NOT_FOUND");
    assertThat(p.requests()).isEqualTo(2);
  }
}
