package dev.ninelives.server.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.ninelives.server.TestGateway;
import dev.ninelives.simulator.Dialect;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.SimulatedProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failover across formats, and the Anthropic ingress's own behaviour. */
class CrossFormatFailoverTest {
  private SimulatedProvider anthropic;
  private SimulatedProvider openai;
  private SimulatedProvider gemini;
  private TestGateway gw;

  @BeforeEach
  void start() {
    anthropic = SimulatedProvider.builder("an").dialect(Dialect.ANTHROPIC)
        .validKeys("sk-ant-good").start();
    openai = SimulatedProvider.builder("oa").dialect(Dialect.OPENAI)
        .reply("Hello from OpenAI format.").start();
    gemini = SimulatedProvider.builder("ge").dialect(Dialect.GEMINI).validKeys("AIza-good")
        .start();
    gw = TestGateway.builder()
        .provider(anthropic, "sk-ant-good")
        .provider(openai, "sk-oa")
        .provider(gemini, "AIza-revoked")
        .route("claude-chain", "an/claude-sonnet-4-5", "oa/gpt-4.1")
        .route("gemini-chain", "ge/gemini-2.5-pro", "oa/gpt-4.1")
        .start();
  }

  @AfterEach
  void stop() {
    gw.close();
    anthropic.close();
    openai.close();
    gemini.close();
  }

  private AnthropicClient anthropicClient() {
    return AnthropicOkHttpClient.builder().baseUrl(gw.url()).apiKey("unused").maxRetries(0)
        .timeout(Duration.ofSeconds(30)).build();
  }

  @Test
  void anthropicOverloaded529_anthropicClientGetsAValidStreamFromAnOpenAiTarget() {
    anthropic.setDefault(Fault.status(529));
    List<RawMessageStreamEvent> events = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    AnthropicClient client = anthropicClient();
    try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(
        MessageCreateParams.builder().model("claude-chain").maxTokens(256)
            .addUserMessage("Say hello").build())) {
      s.stream().forEach(e -> {
        e.validate();
        events.add(e);
        e.contentBlockDelta().flatMap(d -> d.delta().text()).ifPresent(t -> text.append(t.text()));
      });
    } finally {
      client.close();
    }
    assertThat(text.toString()).isEqualTo("Hello from OpenAI format.");
    assertThat(events.get(0).isMessageStart()).isTrue();
    assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
    assertThat(anthropic.requests()).as("529 is retried, then failed over").isGreaterThan(0);
    assertThat(openai.requests()).isEqualTo(1);
  }

  @Test
  void geminiBadKey400_openAiClientServedByNextTarget_geminiQuarantined() throws Exception {
    OpenAiSdkClient client = new OpenAiSdkClient(gw.url());
    try {
      Answer a = client.send(Ask.of("gemini-chain", "Say hello"));
      assertThat(a.text()).isEqualTo("Hello from OpenAI format.");
      assertThat(gw.gateway().engine().registry().keyPool("ge").providerQuarantined()).isTrue();
      assertThat(gemini.requests()).isEqualTo(1);
      client.send(Ask.of("gemini-chain", "again"));
      assertThat(gemini.requests()).as("no further calls to the rejected key").isEqualTo(1);
    } finally {
      client.close();
    }
  }

  @Test
  void anthropicStreamCutBeforeContent_clientSeesOneCleanStreamFromTheNextTarget()
      throws Exception {
    anthropic.setDefault(Fault.cutAfterEvents(1)); // message_start, then the connection drops
    String body = postMessages("{\"model\":\"claude-chain\",\"max_tokens\":64,\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").body();
    assertThat(count(body, "event: message_start")).as("held until content").isEqualTo(1);
    assertThat(body).contains("\"text\":\" OpenAI\"").contains("\"model\":\"gpt-4.1\"")
        .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
  }

  @Test
  void anthropicStreamCutAfterContent_endsWithATerminalErrorEvent() throws Exception {
    anthropic.setDefault(Fault.cutAfterEvents(3));
    HttpResponse<String> r = postMessages("{\"model\":\"claude-chain\",\"max_tokens\":64,"
        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    String[] events = r.body().trim().split("\n\n");
    assertThat(events[events.length - 1]).startsWith("event: error\ndata: {\"type\":\"error\"");
    assertThat(r.body()).doesNotContain("message_stop");
    assertThat(openai.requests()).as("no failover after commit").isZero();
  }

  @Test
  void anthropicIngressAcceptsXApiKeyOrBearerAndAnyVersion() throws Exception {
    for (String[] auth : new String[][] {{"x-api-key", "k"}, {"authorization", "Bearer k"}}) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(gw.url() + "/v1/messages"))
          .header("content-type", "application/json").header(auth[0], auth[1])
          .header("anthropic-version", "2026-10-21")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-chain\","
              + "\"max_tokens\":32,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"type\":\"message\"");
    }
  }

  @Test
  void anthropicIngressErrorsAreInAnthropicsShape() throws Exception {
    HttpResponse<String> malformed = postMessages("{\"model\": ");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":"
        + "\"invalid_request_error\"");
    AnthropicClient client = anthropicClient();
    try {
      assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder()
          .model("no-such-model").maxTokens(10).addUserMessage("hi").build()))
          .isInstanceOf(NotFoundException.class);
      anthropic.setDefault(Fault.status(503));
      openai.setDefault(Fault.status(503));
      assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder()
          .model("claude-chain").maxTokens(10).addUserMessage("hi").build()))
          .isInstanceOfSatisfying(AnthropicServiceException.class,
              e -> assertThat(e.statusCode()).isEqualTo(503));
    } finally {
      client.close();
    }
  }

  private HttpResponse<String> postMessages(String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(gw.url() + "/v1/messages"))
        .header("content-type", "application/json").header("x-api-key", "unused")
        .header("anthropic-version", "2023-06-01")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
