package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Faults that answer with an HTTP error, in each dialect's real error shape. */
class ErrorFaultTest {
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

  private HttpResponse<String> answer(Dialect dialect, Fault fault, String... headers) {
    try (SimulatedProvider p = start(dialect)) {
      p.enqueue(fault);
      HttpResponse<String> r = client.post(SimClient.chatUrl(p), SimClient.chatBody("gpt-sim", false), headers);
      assertThat(p.requests()).isEqualTo(1);
      return r;
    }
  }

  private static JsonNode error(HttpResponse<String> r) {
    return SimClient.json(r.body()).path("error");
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
    "400, invalid_request_error, null",
    "401, invalid_request_error, invalid_api_key",
    "403, request_forbidden, unsupported_country_region_territory",
    "404, invalid_request_error, model_not_found",
    "408, invalid_request_error, timeout",
    "409, invalid_request_error, conflict",
    "429, requests, rate_limit_exceeded",
    "500, server_error, null",
    "503, server_error, null",
    "529, server_error, overloaded",
  })
  void openAiStatusFaultsCarryTheRealTypeAndCode(int status, String type, String code) {
    HttpResponse<String> r = answer(Dialect.OPENAI, Fault.status(status), "Authorization", "Bearer sk-abcdefghyz");

    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.headers().firstValue("x-request-id")).isPresent();
    JsonNode error = error(r);
    assertThat(error.path("type").asText()).isEqualTo(type);
    assertThat(error.path("code").isNull() ? null : error.path("code").asText()).isEqualTo(code);
    assertThat(error.has("param")).isTrue();
    assertThat(error.path("message").asText()).isNotBlank();
  }

  @Test
  void openAiStatusMessagesMatchTheRealOnes() {
    assertThat(error(answer(Dialect.OPENAI, Fault.status(503))).path("message").asText())
        .isEqualTo("The engine is currently overloaded, please try again later");
    assertThat(error(answer(Dialect.OPENAI, Fault.status(404))).path("message").asText())
        .isEqualTo("The model `gpt-sim` does not exist or you do not have access to it.");
    assertThat(error(answer(Dialect.OPENAI, Fault.status(401), "Authorization", "Bearer sk-abcdefghyz"))
        .path("message").asText())
        .startsWith("Incorrect API key provided: sk-ab***yz.");
  }

  @Test
  void openAiGatewayErrorsComeFromItsEdgeWithIntegerCodes() {
    HttpResponse<String> r502 = answer(Dialect.OPENAI, Fault.status(502));
    HttpResponse<String> r504 = answer(Dialect.OPENAI, Fault.status(504));

    assertThat(r502.statusCode()).isEqualTo(502);
    assertThat(r502.body())
        .isEqualTo("{\"error\":{\"code\":502,\"message\":\"Bad gateway.\",\"param\":null,\"type\":\"cf_bad_gateway\"}}");
    assertThat(error(r504).path("type").asText()).isEqualTo("cf_gateway_timeout");
    assertThat(error(r504).path("code").asInt()).isEqualTo(504);
  }

  @Test
  void eachDialectRendersA503InItsOwnShape() {
    assertThat(answer(Dialect.VLLM, Fault.status(503)).body()).isEqualTo(
        "{\"error\":{\"message\":\"The engine is currently overloaded, please try again later\","
            + "\"type\":\"InternalServerError\",\"param\":null,\"code\":503}}");
    assertThat(answer(Dialect.OLLAMA, Fault.status(503)).body()).isEqualTo(
        "{\"error\":{\"message\":\"The engine is currently overloaded, please try again later\","
            + "\"type\":\"api_error\",\"param\":null,\"code\":null}}");
    assertThat(answer(Dialect.LLAMA_CPP, Fault.status(503)).body())
        .isEqualTo("{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}");
    assertThat(error(answer(Dialect.AZURE, Fault.status(503))).path("type").asText()).isEqualTo("server_error");
  }

  @Test
  void vllmAndOllamaTypeClientErrorsByStatus() {
    assertThat(error(answer(Dialect.VLLM, Fault.status(404))).path("type").asText()).isEqualTo("NotFoundError");
    assertThat(error(answer(Dialect.VLLM, Fault.status(400))).path("type").asText()).isEqualTo("BadRequestError");
    assertThat(error(answer(Dialect.VLLM, Fault.status(400))).path("code").isInt()).isTrue();
    assertThat(error(answer(Dialect.OLLAMA, Fault.status(404))).path("type").asText()).isEqualTo("not_found_error");
    assertThat(error(answer(Dialect.OLLAMA, Fault.status(400))).path("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void azureRateLimitAndMissingDeploymentUseAzureBodies() {
    JsonNode rate = error(answer(Dialect.AZURE, Fault.rateLimited(Duration.ofMillis(1500))));
    JsonNode missing = error(answer(Dialect.AZURE, Fault.status(404)));

    assertThat(rate.path("code").asText()).isEqualTo("429");
    assertThat(rate.path("message").asText()).contains("Please retry after 2 seconds");
    assertThat(missing.path("code").asText()).isEqualTo("DeploymentNotFound");
  }

  @Test
  void rateLimitedSendsRetryAfterRoundedUpAndInMilliseconds() {
    HttpResponse<String> r = answer(Dialect.OPENAI, Fault.rateLimited(Duration.ofMillis(1500)));

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("retry-after")).hasValue("2");
    assertThat(r.headers().firstValue("retry-after-ms")).hasValue("1500");
    assertThat(r.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
    assertThat(error(r).path("code").asText()).isEqualTo("rate_limit_exceeded");
  }

  @Test
  void plain429HasNoRetryAfter() {
    HttpResponse<String> r = answer(Dialect.OPENAI, Fault.status(429));

    assertThat(r.headers().firstValue("retry-after")).isEmpty();
  }

  @Test
  void insufficientQuotaIs429WithTypeAndCodeInsufficientQuota() {
    HttpResponse<String> r = answer(Dialect.OPENAI, Fault.insufficientQuota());

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(error(r).path("type").asText()).isEqualTo("insufficient_quota");
    assertThat(error(r).path("code").asText()).isEqualTo("insufficient_quota");
  }

  @Test
  void contextLengthExceededPerDialect() {
    HttpResponse<String> openai = answer(Dialect.OPENAI, Fault.contextLengthExceeded());
    JsonNode vllm = error(answer(Dialect.VLLM, Fault.contextLengthExceeded()));
    JsonNode llama = error(answer(Dialect.LLAMA_CPP, Fault.contextLengthExceeded()));

    assertThat(openai.statusCode()).isEqualTo(400);
    assertThat(error(openai).path("code").asText()).isEqualTo("context_length_exceeded");
    assertThat(error(openai).path("param").asText()).isEqualTo("messages");
    assertThat(error(openai).path("message").asText()).startsWith(
        "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens");
    assertThat(vllm.path("message").asText()).startsWith("This model's maximum context length is 8192 tokens.");
    assertThat(vllm.path("code").asInt()).isEqualTo(400);
    assertThat(vllm.path("code").isInt()).isTrue();
    assertThat(vllm.path("type").asText()).isEqualTo("BadRequestError");
    assertThat(llama.path("type").asText()).isEqualTo("exceed_context_size_error");
    assertThat(llama.path("n_prompt_tokens").asInt()).isEqualTo(9000);
    assertThat(llama.path("n_ctx").asInt()).isEqualTo(8192);
    assertThat(llama.path("code").asInt()).isEqualTo(400);
  }

  @Test
  void contentPolicyIsInvalidPromptForOpenAiAndContentFilterForAzure() {
    JsonNode openai = error(answer(Dialect.OPENAI, Fault.contentPolicy()));
    HttpResponse<String> azure = answer(Dialect.AZURE, Fault.contentPolicy());

    assertThat(openai.path("code").asText()).isEqualTo("invalid_prompt");
    assertThat(openai.path("message").asText())
        .startsWith("Invalid prompt: your prompt was flagged as potentially violating our usage policy");
    assertThat(azure.statusCode()).isEqualTo(400);
    JsonNode az = error(azure);
    assertThat(az.path("code").asText()).isEqualTo("content_filter");
    assertThat(az.path("innererror").path("code").asText()).isEqualTo("ResponsibleAIPolicyViolation");
    assertThat(az.path("innererror").path("content_filter_result").path("violence").path("filtered").asBoolean()).isTrue();
  }

  @Test
  void invalidRequestCarriesTheGivenMessage() {
    HttpResponse<String> r = answer(Dialect.OPENAI, Fault.invalidRequest("'temperature' is too hot"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).path("message").asText()).isEqualTo("'temperature' is too hot");
    assertThat(error(r).path("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void errorsAnswerStreamRequestsWithJsonToo() {
    try (SimulatedProvider p = start(Dialect.OPENAI)) {
      p.enqueue(Fault.status(500));

      HttpResponse<String> r = client.chat(p, true);

      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
      assertThat(error(r).path("type").asText()).isEqualTo("server_error");
    }
  }

  @Test
  void withHeaderAddsResponseHeadersAndWithDelayWaitsFirst() {
    long start = System.nanoTime();
    HttpResponse<String> r = answer(Dialect.OPENAI,
        Fault.status(503).withHeader("X-Should-Retry", "false").withDelay(Duration.ofMillis(150)));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("x-should-retry")).hasValue("false");
  }

  @Test
  void errorFaultsActWhateverTheKey() {
    try (SimulatedProvider p = SimulatedProvider.builder("p").validKeys("good").vertx(vertx).start()) {
      p.enqueue(Fault.status(503));

      HttpResponse<String> r = client.chat(p, false, "Authorization", "Bearer wrong");

      assertThat(r.statusCode()).isEqualTo(503);
    }
  }
}
