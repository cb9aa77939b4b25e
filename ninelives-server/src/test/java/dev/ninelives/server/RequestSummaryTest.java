package dev.ninelives.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.simulator.Dialect;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.SimulatedProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every request ends in one summary for metrics and the access log, and it tells the truth. */
class RequestSummaryTest {
  static SimulatedProvider openai;
  static SimulatedProvider anthropic;
  static TestGateway gw;
  static final LinkedBlockingQueue<RequestSummary> SUMMARIES = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() {
    openai = SimulatedProvider.builder("oa").start();
    anthropic = SimulatedProvider.builder("an").dialect(Dialect.ANTHROPIC).start();
    gw = TestGateway.builder().provider(openai, "sk-oa").provider(anthropic, "sk-an")
        .route("chat", "oa/gpt-4.1", "an/claude")
        .route("claude", "an/claude")
        .listener(new HealthListener() {
          @Override
          public void onRequest(RequestSummary s) {
            SUMMARIES.add(s);
          }
        })
        .start();
  }

  @AfterAll
  static void stop() {
    gw.close();
    openai.close();
    anthropic.close();
  }

  @BeforeEach
  void reset() {
    SUMMARIES.clear();
    openai.reset();
    anthropic.reset();
  }

  private static RequestSummary next() throws InterruptedException {
    RequestSummary s = SUMMARIES.poll(10, TimeUnit.SECONDS);
    assertThat(s).as("a summary").isNotNull();
    return s;
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gw.url() + path))
        .timeout(Duration.ofSeconds(20)).header("content-type", "application/json")
        .header("x-api-key", "unused").header("anthropic-version", "2023-06-01")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void passthroughAnswer() throws Exception {
    post("/v1/chat/completions", TestGateway.chatBody("chat", false));
    RequestSummary s = next();
    assertThat(s.route()).isEqualTo("chat");
    assertThat(s.client()).isEqualTo("openai");
    assertThat(s.outcome()).isEqualTo("succeeded");
    assertThat(s.status()).isEqualTo(200);
    assertThat(s.target()).isEqualTo("oa/gpt-4.1");
    assertThat(s.attempts()).isEqualTo(1);
    assertThat(s.failedOver()).isFalse();
    assertThat(s.inputTokens()).isPositive();
    assertThat(s.outputTokens()).isPositive();
    assertThat(s.overheadNanos()).isBetween(0L, s.durationNanos());
    assertThat(s.ttftNanos()).isBetween(0L, s.durationNanos());
  }

  @Test
  void failedOverTranslatedStream() throws Exception {
    openai.setDefault(Fault.status(503));
    post("/v1/chat/completions", TestGateway.chatBody("chat", true));
    RequestSummary s = next();
    assertThat(s.outcome()).isEqualTo("succeeded");
    assertThat(s.target()).isEqualTo("an/claude");
    assertThat(s.attempts()).isGreaterThan(1);
    assertThat(s.failedOver()).isTrue();
    assertThat(s.streaming()).isTrue();
    assertThat(s.outputTokens()).as("tokens from the translated stream").isPositive();
  }

  @Test
  void anthropicClientPassthroughStream() throws Exception {
    post("/v1/messages", "{\"model\":\"claude\",\"max_tokens\":32,\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    RequestSummary s = next();
    assertThat(s.client()).isEqualTo("anthropic");
    assertThat(s.target()).isEqualTo("an/claude");
    assertThat(s.outputTokens()).isPositive();
  }

  @Test
  void refusedBeforeRouting() throws Exception {
    post("/v1/chat/completions", "{not json");
    RequestSummary s = next();
    assertThat(s.route()).isEqualTo(RequestSummary.NO_ROUTE);
    assertThat(s.outcome()).isEqualTo("invalid");
    assertThat(s.status()).isEqualTo(400);
  }

  @Test
  void everyTargetDown() throws Exception {
    openai.setDefault(Fault.status(503));
    anthropic.setDefault(Fault.status(529));
    post("/v1/chat/completions", TestGateway.chatBody("chat", false));
    RequestSummary s = next();
    assertThat(s.outcome()).isEqualTo("all-failed");
    assertThat(s.status()).isEqualTo(503);
    assertThat(s.target()).isNull();
  }

  @Test
  void accessLogLineIsJsonWithoutSecrets() {
    RequestSummary s = new RequestSummary("chat", "openai", "succeeded", 200, "oa/gpt-4.1", 2,
        true, true, 12_500_000, 3_000_000, 40_000, 11, 7);
    String line = AccessLog.line(s, Instant.parse("2026-11-24T10:00:00Z"));
    assertThat(line).isEqualTo("{\"ts\":\"2026-11-24T10:00:00Z\",\"route\":\"chat\","
        + "\"client\":\"openai\",\"outcome\":\"succeeded\",\"status\":200,"
        + "\"target\":\"oa/gpt-4.1\",\"attempts\":2,\"failed_over\":true,\"stream\":true,\"latency_ms\":12.5,"
        + "\"ttft_ms\":3.0,\"overhead_us\":40.0,\"input_tokens\":11,\"output_tokens\":7}");
    assertThat(List.of(line)).noneMatch(l -> l.contains("sk-"));
  }
}
