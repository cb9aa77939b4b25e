package dev.ninelives.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.Strategy;
import dev.ninelives.core.config.TargetRef;
import dev.ninelives.core.config.TracingConfig;
import dev.ninelives.core.config.UptimeConfig;
import dev.ninelives.server.Gateway;
import dev.ninelives.server.TestGateway;
import dev.ninelives.server.tracing.OtlpCollectorStub.ReceivedSpan;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.RecordedRequest;
import dev.ninelives.simulator.SimulatedProvider;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's traces as a collector receives them over OTLP/HTTP: a request through a
 * failover (primary 503, secondary answers), streaming and not.
 */
class GatewayTracingTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CLIENT_SPAN = "00f067aa0ba902b7";
  private static final String PROMPT = "Tell nobody: the vault code is 7-3-9-1";
  private static final String ANSWER = "Hello from secondary, traced.";
  private static final String PRIMARY_KEY = "sk-primary-never-exported-1234";
  private static final String SECONDARY_KEY = "sk-secondary-never-exported-5678";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private OtlpCollectorStub collector;
  private SimulatedProvider primary;
  private SimulatedProvider secondary;
  private Gateway gateway;

  @BeforeEach
  void start() throws Exception {
    collector = new OtlpCollectorStub();
    primary = SimulatedProvider.builder("primary").reply("Hello from primary.").start();
    secondary = SimulatedProvider.builder("secondary").reply(ANSWER).start();
    primary.setDefault(Fault.status(503));
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    primary.close();
    secondary.close();
    collector.close();
  }

  private void startGateway(TracingConfig tracing) {
    ResilienceConfig fast = TestGateway.Builder.fastResilience();
    // No retries: the 503 fails over at once, so every request makes exactly two attempts.
    ResilienceConfig resilience = new ResilienceConfig(fast.timeouts(),
        new ResilienceConfig.Retries(0, Duration.ofMillis(10), Duration.ofMillis(50), 0.2, 3,
            Duration.ofSeconds(10)), fast.breaker(), fast.quarantine());
    Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    providers.put("primary", new ProviderConfig("primary", ProviderType.OPENAI_COMPATIBLE,
        primary.baseUrl(), List.of(Secret.of(PRIMARY_KEY)), null, Map.of()));
    providers.put("secondary", new ProviderConfig("secondary", ProviderType.OPENAI_COMPATIBLE,
        secondary.baseUrl(), List.of(Secret.of(SECONDARY_KEY)), null, Map.of()));
    ModelRoute chat = new ModelRoute("chat", Strategy.FAILOVER,
        List.of(TargetRef.of("primary", "m1"), TargetRef.of("secondary", "m2")), resilience,
        false);
    GatewayConfig config = new GatewayConfig("127.0.0.1", 0, providers, Map.of("chat", chat),
        resilience, GatewayConfig.DEFAULT_MAX_REQUEST_BYTES, tracing, UptimeConfig.DEFAULTS);
    gateway = Gateway.start(config, new Gateway.Options().eventLoops(2)).await();
  }

  private TracingConfig tracing(boolean captureContent) {
    return new TracingConfig(true, URI.create(collector.endpoint()),
        Map.of("authorization", Secret.of("Bearer collector-token")), "gateway-under-test", 1.0,
        captureContent);
  }

  private HttpResponse<String> chat(boolean stream, String traceparent) throws Exception {
    String body = "{\"model\":\"chat\",\"stream\":" + stream
        + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "")
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains(stream ? "traced" : ANSWER);
    return answer;
  }

  /** Stops the gateway, which exports what is buffered, and returns every span received. */
  private List<ReceivedSpan> exported(int requests) throws Exception {
    gateway.close();
    gateway = null;
    return collector.await(all -> servers(all).size() >= requests
        && all.size() >= requests + 2L * servers(all).stream()
            .filter(s -> s.attr("ninelives.attempts").equals(2L)).count(), WAIT);
  }

  private static List<ReceivedSpan> servers(List<ReceivedSpan> spans) {
    return spans.stream().filter(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER)
        .toList();
  }

  private static List<ReceivedSpan> children(List<ReceivedSpan> spans, ReceivedSpan parent) {
    return spans.stream().filter(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_CLIENT
            && s.traceId().equals(parent.traceId()) && s.parentSpanId().equals(parent.spanId()))
        .sorted((a, b) -> Long.compare((Long) a.attr("ninelives.attempt"),
            (Long) b.attr("ninelives.attempt")))
        .toList();
  }

  private static ReceivedSpan server(List<ReceivedSpan> spans, boolean stream) {
    return servers(spans).stream().filter(s -> s.attr("ninelives.stream").equals(stream))
        .findFirst().orElseThrow();
  }

  /** The request span, its two attempt spans and the failover between them. */
  private static void assertFailoverTrace(List<ReceivedSpan> spans, ReceivedSpan request,
      boolean stream) {
    assertThat(request.span().getName()).isEqualTo("chat chat");
    assertThat(request.scope()).isEqualTo("dev.ninelives.gateway");
    assertThat(request.resource()).containsEntry("service.name", "gateway-under-test");
    assertThat(request.attributes())
        .containsEntry("gen_ai.operation.name", "chat")
        .containsEntry("gen_ai.request.model", "chat")
        .containsEntry("http.request.method", "POST")
        .containsEntry("url.path", "/v1/chat/completions")
        .containsEntry("http.response.status_code", 200L)
        .containsEntry("ninelives.route", "chat")
        .containsEntry("ninelives.client", "openai")
        .containsEntry("ninelives.stream", stream)
        .containsEntry("ninelives.outcome", "succeeded")
        .containsEntry("ninelives.attempts", 2L)
        .containsEntry("ninelives.target", "secondary/m2")
        .containsEntry("ninelives.failed_over", true);
    assertThat(request.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    assertThat(request.events("ninelives.failover")).containsExactly(Map.of(
        "ninelives.failover.from", "primary/m1",
        "ninelives.failover.to", "secondary/m2",
        "ninelives.failover.reason", "server-error"));

    List<ReceivedSpan> attempts = children(spans, request);
    assertThat(attempts).hasSize(2);
    ReceivedSpan failed = attempts.get(0);
    ReceivedSpan answered = attempts.get(1);
    assertThat(failed.span().getName()).isEqualTo("chat m1");
    assertThat(failed.attributes())
        .containsEntry("gen_ai.operation.name", "chat")
        .containsEntry("gen_ai.provider.name", "openai")
        .containsEntry("gen_ai.system", "openai")
        .containsEntry("gen_ai.request.model", "m1")
        .containsEntry("server.address", "127.0.0.1")
        .containsEntry("http.response.status_code", 503L)
        .containsEntry("error.type", "server-error")
        .containsEntry("ninelives.target", "primary/m1")
        .containsEntry("ninelives.retry", 0L)
        .containsEntry("ninelives.key", Secret.of(PRIMARY_KEY).fingerprint())
        .doesNotContainKey("gen_ai.response.model");
    assertThat(failed.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);

    assertThat(answered.span().getName()).isEqualTo("chat m2");
    assertThat(answered.attributes())
        .containsEntry("gen_ai.request.model", "m2")
        .containsEntry("gen_ai.response.model", "m2")
        .containsEntry("gen_ai.response.finish_reasons", List.of("stop"))
        .containsEntry("http.response.status_code", 200L)
        .containsEntry("ninelives.outcome", "success")
        .containsEntry("ninelives.attempt", 2L)
        .containsEntry("ninelives.key", Secret.of(SECONDARY_KEY).fingerprint())
        .doesNotContainKey("error.type");
    assertThat((Long) answered.attr("gen_ai.usage.input_tokens")).isPositive();
    assertThat((Long) answered.attr("gen_ai.usage.output_tokens")).isPositive();
    assertThat(request.attr("gen_ai.usage.output_tokens"))
        .isEqualTo(answered.attr("gen_ai.usage.output_tokens"));
    assertThat(answered.span().getStartTimeUnixNano())
        .isGreaterThanOrEqualTo(failed.span().getEndTimeUnixNano());
    assertThat(request.span().getStartTimeUnixNano())
        .isLessThanOrEqualTo(failed.span().getStartTimeUnixNano());
    // The request span's end is its start plus the gateway's measured duration; allow a
    // millisecond for the wall clock and the monotonic clock drifting apart meanwhile.
    assertThat(request.span().getEndTimeUnixNano() + 1_000_000)
        .isGreaterThanOrEqualTo(answered.span().getEndTimeUnixNano());
  }

  /** The W3C header an upstream received, checked against the attempt span that sent it. */
  private static void assertPropagated(RecordedRequest upstream, ReceivedSpan attempt) {
    // Sampled (bit 0) and, for a trace the gateway started, W3C's "random trace id" (bit 1).
    String flags = String.format("%02x", attempt.span().getFlags() & 0xff);
    assertThat(flags).isIn("01", "03");
    assertThat(upstream.header("traceparent"))
        .isEqualTo("00-" + attempt.traceId() + "-" + attempt.spanId() + "-" + flags);
  }

  @Test
  void aNonStreamingFailoverContinuesTheClientsTraceAndPropagatesToEachUpstream()
      throws Exception {
    startGateway(tracing(false));
    chat(false, "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01");
    List<ReceivedSpan> spans = exported(1);

    assertThat(spans).hasSize(3);
    ReceivedSpan request = server(spans, false);
    assertThat(request.traceId()).isEqualTo(TRACE_ID);
    assertThat(request.parentSpanId()).isEqualTo(CLIENT_SPAN);
    assertFailoverTrace(spans, request, false);
    List<ReceivedSpan> attempts = children(spans, request);
    assertPropagated(primary.recorded().get(0), attempts.get(0));
    assertPropagated(secondary.recorded().get(0), attempts.get(1));
    assertThat(collector.contentTypes()).allMatch("application/x-protobuf"::equals);
  }

  @Test
  void aStreamingFailoverStartsItsOwnTraceWhenTheClientSendsNone() throws Exception {
    startGateway(tracing(false));
    chat(true, null);
    List<ReceivedSpan> spans = exported(1);

    ReceivedSpan request = server(spans, true);
    assertThat(request.span().getParentSpanId().isEmpty()).isTrue();
    assertThat(request.traceId()).isNotEqualTo(TRACE_ID).hasSize(32);
    assertFailoverTrace(spans, request, true);
    assertPropagated(secondary.recorded().get(0), children(spans, request).get(1));
  }

  @Test
  void noPromptAnswerOrKeyLeavesTheGatewayInATrace() throws Exception {
    startGateway(tracing(false));
    chat(false, null);
    chat(true, null);
    exported(2);
    String everything = collector.rawText();

    assertThat(everything).contains("chat m2"); // the search does see what was exported
    assertThat(everything).doesNotContain(PROMPT).doesNotContain("vault code")
        .doesNotContain(ANSWER).doesNotContain("traced")
        .doesNotContain(PRIMARY_KEY).doesNotContain(SECONDARY_KEY)
        .doesNotContain("collector-token");
  }

  @Test
  void withContentCaptureTheNonStreamingPromptAndAnswerAreRecorded() throws Exception {
    startGateway(tracing(true));
    chat(false, null);
    List<ReceivedSpan> spans = exported(1);
    ReceivedSpan answered = children(spans, server(spans, false)).get(1);

    List<Map<String, Object>> details =
        answered.events("gen_ai.client.inference.operation.details");
    assertThat(details).hasSize(1);
    assertThat((String) details.get(0).get("gen_ai.input.messages")).contains(PROMPT)
        .startsWith("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\"");
    assertThat((String) details.get(0).get("gen_ai.output.messages")).contains(ANSWER)
        .contains("\"finish_reason\":\"stop\"");
    assertThat(collector.rawText()).doesNotContain(PRIMARY_KEY).doesNotContain(SECONDARY_KEY);
  }

  @Test
  void aRequestRefusedBeforeRoutingIsASpanToo() throws Exception {
    startGateway(tracing(false));
    HttpResponse<String> refused = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"no-such-model\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(404);
    List<ReceivedSpan> spans = exported(1);

    assertThat(spans).hasSize(1);
    ReceivedSpan request = spans.get(0);
    assertThat(request.span().getName()).isEqualTo("chat");
    assertThat(request.attributes())
        .containsEntry("http.response.status_code", 404L)
        .containsEntry("ninelives.outcome", "invalid")
        .containsEntry("ninelives.attempts", 0L)
        .doesNotContainKey("ninelives.route")
        .doesNotContainKey("error.type");
    assertThat(collector.rawText()).doesNotContain(PROMPT);
  }

  @Test
  void withTracingOffNothingIsExportedAndNoTraceparentGoesUpstream() throws Exception {
    startGateway(TracingConfig.OFF);
    chat(false, "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01");
    gateway.close();
    gateway = null;

    assertThat(secondary.recorded()).hasSize(1);
    assertThat(secondary.recorded().get(0).header("traceparent")).isNull();
    assertThat(collector.spans()).isEmpty();
  }
}
