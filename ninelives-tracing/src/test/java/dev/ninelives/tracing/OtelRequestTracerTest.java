package dev.ninelives.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.TracingConfig;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.ChatResponse;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.Message;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.Role;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.policy.Attempt;
import dev.ninelives.core.policy.AttemptResult;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.core.policy.RequestExecution;
import dev.ninelives.core.trace.AttemptTrace;
import dev.ninelives.core.trace.RequestTrace;
import dev.ninelives.core.trace.RequestTracer;
import dev.ninelives.core.trace.TraceStart;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtelRequestTracerTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private static final String PROMPT = "What is the secret recipe of grandmother's cake?";
  private static final String ANSWER = "Flour, eggs and a pinch of cardamom.";

  private final CollectingExporter exported = new CollectingExporter();
  private final Attempts attempts = new Attempts();
  private OtelRequestTracer tracer;

  @AfterEach
  void close() throws Exception {
    if (tracer != null) {
      tracer.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private OtelRequestTracer tracer(double sample, boolean captureContent) {
    tracer = OtelRequestTracer.builder(new TracingConfig(true,
            URI.create("http://127.0.0.1:1/v1/traces"), Map.of(), "gw-test", sample,
            captureContent))
        .clock(attempts.clock).exporter(exported).scheduleDelay(Duration.ofHours(1)).build();
    return tracer;
  }

  private List<SpanData> flushed() throws Exception {
    tracer.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return exported.spans();
  }

  private static TraceStart start(Map<String, String> headers) {
    return new TraceStart("chat", "openai", true, "POST", "/v1/chat/completions", 0,
        headers::get);
  }

  private static SpanData named(List<SpanData> spans, SpanKind kind) {
    return spans.stream().filter(s -> s.getKind() == kind).findFirst().orElseThrow();
  }

  private static <T> T attr(SpanData s, AttributeKey<T> key) {
    return s.getAttributes().get(key);
  }

  private static RequestSummary summary(int status, String outcome, String target) {
    return new RequestSummary("chat", "openai", outcome, status, target, 2, target != null,
        true, 5_000_000, 2_000_000, 40_000, 11, 7);
  }

  /** One request through a failover: primary fails with a 503, claude answers. */
  private RequestTrace failover(RequestTracer t, Map<String, String> headers,
      Map<String, String> sentUpstream) {
    RequestTrace trace = t.begin(start(headers));
    RequestExecution ex = attempts.begin(trace.events());
    Attempt first = Attempts.next(ex);
    AttemptTrace a1 = trace.attempt(first);
    a1.inject(sentUpstream::put);
    AttemptResult failed = AttemptResult.failure(
        Classification.of(OutcomeClass.SERVER_ERROR, "upstream said: " + PROMPT), 503, 1000);
    a1.end(failed);
    ex.record(first, failed);
    Attempt second = Attempts.next(ex);
    AttemptTrace a2 = trace.attempt(second);
    a2.answer("claude-sonnet-4-5-20250929", FinishReason.END_TURN, Usage.of(11, 7));
    AttemptResult ok = AttemptResult.success(200, 500, 2000);
    a2.end(ok);
    ex.commit(second);
    ex.record(second, ok);
    trace.end(summary(200, "succeeded", "claude/claude-sonnet-4-5"));
    return trace;
  }

  @Test
  void aRequestIsAServerSpanWithOneClientChildPerAttempt() throws Exception {
    failover(tracer(1.0, false), Map.of(), new LinkedHashMap<>());
    List<SpanData> spans = flushed();

    assertThat(spans).hasSize(3);
    SpanData request = named(spans, SpanKind.SERVER);
    List<SpanData> calls = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
    assertThat(request.getName()).isEqualTo("chat chat");
    assertThat(request.getParentSpanContext().isValid()).isFalse();
    assertThat(calls).extracting(SpanData::getName)
        .containsExactlyInAnyOrder("chat m1", "chat claude-sonnet-4-5");
    assertThat(calls).allSatisfy(c -> {
      assertThat(c.getTraceId()).isEqualTo(request.getTraceId());
      assertThat(c.getParentSpanId()).isEqualTo(request.getSpanId());
    });
    assertThat(request.getResource().getAttribute(SemConv.SERVICE_NAME)).isEqualTo("gw-test");
    assertThat(request.getInstrumentationScopeInfo().getName()).isEqualTo("dev.ninelives.gateway");
  }

  @Test
  void theRequestSpanSaysHowTheRequestEndedAndTheFailoverIsAnEvent() throws Exception {
    failover(tracer(1.0, false), Map.of(), new LinkedHashMap<>());
    SpanData request = named(flushed(), SpanKind.SERVER);

    assertThat(attr(request, SemConv.GEN_AI_OPERATION_NAME)).isEqualTo("chat");
    assertThat(attr(request, SemConv.GEN_AI_REQUEST_MODEL)).isEqualTo("chat");
    assertThat(attr(request, SemConv.HTTP_REQUEST_METHOD)).isEqualTo("POST");
    assertThat(attr(request, SemConv.URL_PATH)).isEqualTo("/v1/chat/completions");
    assertThat(attr(request, SemConv.CLIENT)).isEqualTo("openai");
    assertThat(attr(request, SemConv.STREAM)).isTrue();
    assertThat(attr(request, SemConv.ROUTE)).isEqualTo("chat");
    assertThat(attr(request, SemConv.OUTCOME)).isEqualTo("succeeded");
    assertThat(attr(request, SemConv.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
    assertThat(attr(request, SemConv.ATTEMPTS)).isEqualTo(2L);
    assertThat(attr(request, SemConv.TARGET)).isEqualTo("claude/claude-sonnet-4-5");
    assertThat(attr(request, SemConv.FAILED_OVER)).isTrue();
    assertThat(attr(request, SemConv.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(11L);
    assertThat(attr(request, SemConv.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(7L);
    assertThat(attr(request, SemConv.TTFT_MS)).isEqualTo(2.0);
    assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(request.getEndEpochNanos() - request.getStartEpochNanos()).isEqualTo(5_000_000);

    EventData failover = request.getEvents().stream()
        .filter(e -> e.getName().equals("ninelives.failover")).findFirst().orElseThrow();
    assertThat(failover.getAttributes().get(SemConv.FAILOVER_FROM)).isEqualTo("primary/m1");
    assertThat(failover.getAttributes().get(SemConv.FAILOVER_TO))
        .isEqualTo("claude/claude-sonnet-4-5");
    assertThat(failover.getAttributes().get(SemConv.FAILOVER_REASON)).isEqualTo("server-error");
  }

  @Test
  void attemptSpansCarryTheGenAiAttributes() throws Exception {
    failover(tracer(1.0, false), Map.of(), new LinkedHashMap<>());
    List<SpanData> spans = flushed();
    SpanData primary = spans.stream().filter(s -> s.getName().equals("chat m1")).findFirst()
        .orElseThrow();
    SpanData claude = spans.stream().filter(s -> s.getName().equals("chat claude-sonnet-4-5"))
        .findFirst().orElseThrow();

    assertThat(attr(primary, SemConv.GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
    assertThat(attr(primary, SemConv.GEN_AI_SYSTEM)).isEqualTo("openai");
    assertThat(attr(primary, SemConv.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(attr(primary, SemConv.SERVER_PORT)).isEqualTo(9101L);
    assertThat(attr(primary, SemConv.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(503L);
    assertThat(attr(primary, SemConv.ERROR_TYPE)).isEqualTo("server-error");
    assertThat(attr(primary, SemConv.OUTCOME)).isEqualTo("server-error");
    assertThat(primary.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(primary.getStatus().getDescription()).isEqualTo("server-error");
    assertThat(attr(primary, SemConv.ATTEMPT)).isEqualTo(1L);
    assertThat(attr(primary, SemConv.RETRY)).isEqualTo(0L);
    assertThat(attr(primary, SemConv.KEY)).isEqualTo(Secret.of(Attempts.PRIMARY_KEY).fingerprint());

    assertThat(attr(claude, SemConv.GEN_AI_OPERATION_NAME)).isEqualTo("chat");
    assertThat(attr(claude, SemConv.GEN_AI_PROVIDER_NAME)).isEqualTo("anthropic");
    assertThat(attr(claude, SemConv.GEN_AI_REQUEST_MODEL)).isEqualTo("claude-sonnet-4-5");
    assertThat(attr(claude, SemConv.GEN_AI_RESPONSE_MODEL))
        .isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(attr(claude, SemConv.GEN_AI_RESPONSE_FINISH_REASONS)).containsExactly("stop");
    assertThat(attr(claude, SemConv.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(11L);
    assertThat(attr(claude, SemConv.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(7L);
    assertThat(attr(claude, SemConv.SERVER_ADDRESS)).isEqualTo("api.anthropic.com");
    assertThat(attr(claude, SemConv.SERVER_PORT)).isEqualTo(443L);
    assertThat(attr(claude, SemConv.TARGET)).isEqualTo("claude/claude-sonnet-4-5");
    assertThat(attr(claude, SemConv.PROVIDER)).isEqualTo("claude");
    assertThat(attr(claude, SemConv.ATTEMPT)).isEqualTo(2L);
    assertThat(attr(claude, SemConv.TTFT_MS)).isEqualTo(0.0005);
    assertThat(attr(claude, SemConv.ERROR_TYPE)).isNull();
    assertThat(claude.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void anIncomingTraceparentIsContinuedAndTheAttemptsContextGoesUpstream() throws Exception {
    Map<String, String> upstream = new LinkedHashMap<>();
    failover(tracer(1.0, false), Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID
        + "-01", "tracestate", "vendor=abc"), upstream);
    List<SpanData> spans = flushed();
    SpanData request = named(spans, SpanKind.SERVER);
    SpanData primary = spans.stream().filter(s -> s.getName().equals("chat m1")).findFirst()
        .orElseThrow();

    assertThat(request.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(request.getParentSpanId()).isEqualTo(PARENT_ID);
    assertThat(request.getParentSpanContext().isRemote()).isTrue();
    assertThat(upstream.get("traceparent"))
        .isEqualTo("00-" + TRACE_ID + "-" + primary.getSpanId() + "-01");
    assertThat(upstream.get("tracestate")).isEqualTo("vendor=abc");
  }

  @Test
  void anUnsampledRequestRecordsNothingButStillTellsTheUpstream() throws Exception {
    Map<String, String> upstream = new LinkedHashMap<>();
    RequestTrace trace = failover(tracer(0.0, false), Map.of(), upstream);

    assertThat(trace.recording()).isFalse();
    assertThat(trace.events()).isSameAs(dev.ninelives.core.health.HealthListener.NONE);
    assertThat(upstream.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[02]");
    assertThat(flushed()).isEmpty();
  }

  @Test
  void aSampledParentIsRecordedWhateverTheRatio() throws Exception {
    failover(tracer(0.0, false), Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID
        + "-01"), new LinkedHashMap<>());

    assertThat(flushed()).hasSize(3).allSatisfy(s -> assertThat(s.getTraceId())
        .isEqualTo(TRACE_ID));
  }

  @Test
  void anUnsampledParentIsNotRecordedWhateverTheRatio() throws Exception {
    Map<String, String> upstream = new LinkedHashMap<>();
    failover(tracer(1.0, false), Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID
        + "-00"), upstream);

    assertThat(flushed()).isEmpty();
    assertThat(upstream.get("traceparent")).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-0[02]");
  }

  @Test
  void aSkippedTargetIsAnEventOfTheRequest() throws Exception {
    tracer(1.0, false);
    for (int i = 0; i < 4; i++) { // four failures of other requests open primary's breaker
      RequestExecution other = attempts.begin(dev.ninelives.core.health.HealthListener.NONE);
      other.record(Attempts.next(other), AttemptResult.failure(
          Classification.of(OutcomeClass.TIMEOUT, "timed out"), 0, 1000));
    }
    RequestTrace trace = tracer.begin(start(Map.of()));
    RequestExecution ex = attempts.begin(trace.events());
    Attempt only = Attempts.next(ex);
    trace.attempt(only).end(AttemptResult.success(200, -1, 1000));
    trace.end(summary(200, "succeeded", "claude/claude-sonnet-4-5"));
    SpanData request = named(flushed(), SpanKind.SERVER);

    assertThat(request.getEvents()).hasSize(1);
    EventData skipped = request.getEvents().get(0);
    assertThat(skipped.getName()).isEqualTo("ninelives.target_skipped");
    assertThat(skipped.getAttributes().get(SemConv.TARGET)).isEqualTo("primary/m1");
    assertThat(skipped.getAttributes().get(SemConv.REASON)).isEqualTo("breaker-open");
  }

  @Test
  void aFailedRequestIsAnErrorAndACallersMistakeIsNot() throws Exception {
    tracer(1.0, false);
    tracer.begin(start(Map.of())).end(summary(503, "all-failed", null));
    tracer.begin(start(Map.of())).end(summary(400, "rejected", null));
    List<SpanData> spans = flushed();

    assertThat(spans).extracting(s -> s.getStatus().getStatusCode())
        .containsExactly(StatusCode.ERROR, StatusCode.UNSET);
    assertThat(attr(spans.get(0), SemConv.ERROR_TYPE)).isEqualTo("all-failed");
    assertThat(attr(spans.get(1), SemConv.ERROR_TYPE)).isNull();
  }

  @Test
  void withoutCaptureNoPromptAnswerMessageOrKeyIsExported() throws Exception {
    RequestTrace trace = failover(tracer(1.0, false), Map.of(), new LinkedHashMap<>());
    AttemptTrace extra = trace.attempt(Attempts.next(attempts.begin(trace.events())));
    extra.content(request(), response()); // a caller that forgot to ask is ignored
    extra.end(AttemptResult.success(200, -1, 10));

    assertThat(extra.capturesContent()).isFalse();
    String all = flushed().toString();
    assertThat(all).doesNotContain(PROMPT).doesNotContain(ANSWER)
        .doesNotContain(Attempts.PRIMARY_KEY).doesNotContain(Attempts.CLAUDE_KEY)
        .doesNotContain("upstream said");
  }

  @Test
  void withCaptureThePromptAndAnswerAreAnEventOfTheAttempt() throws Exception {
    tracer(1.0, true);
    RequestTrace trace = tracer.begin(start(Map.of()));
    AttemptTrace a = trace.attempt(Attempts.next(attempts.begin(trace.events())));
    assertThat(a.capturesContent()).isTrue();
    a.content(request(), response());
    a.end(AttemptResult.failure(Classification.of(OutcomeClass.DEGRADED, "empty answer"), 200,
        10));
    trace.end(summary(503, "all-failed", null));
    SpanData attempt = named(flushed(), SpanKind.CLIENT);

    EventData details = attempt.getEvents().get(0);
    assertThat(details.getName()).isEqualTo("gen_ai.client.inference.operation.details");
    assertThat(details.getAttributes().get(SemConv.GEN_AI_SYSTEM_INSTRUCTIONS))
        .isEqualTo("[{\"type\":\"text\",\"content\":\"Be brief.\"}]");
    assertThat(details.getAttributes().get(SemConv.GEN_AI_INPUT_MESSAGES))
        .isEqualTo("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\""
            + PROMPT + "\"}]}]");
    assertThat(details.getAttributes().get(SemConv.GEN_AI_OUTPUT_MESSAGES))
        .isEqualTo("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\""
            + ANSWER + "\"}],\"finish_reason\":\"length\"}]");
    assertThat(attempt.getStatus().getDescription()).isEqualTo("empty answer");
    assertThat(attempt.toString()).doesNotContain(Attempts.PRIMARY_KEY);
  }

  @Test
  void capturedContentIsCutAt64KiB() throws Exception {
    tracer(1.0, true);
    RequestTrace trace = tracer.begin(start(Map.of()));
    AttemptTrace a = trace.attempt(Attempts.next(attempts.begin(trace.events())));
    a.content(ChatRequest.of("chat", List.of(new Message(Role.USER,
        List.of(new Part.Text("x".repeat(200_000)))))), null);
    a.end(AttemptResult.success(200, -1, 10));
    trace.end(summary(200, "succeeded", "primary/m1"));
    SpanData attempt = named(flushed(), SpanKind.CLIENT);

    assertThat(attempt.getEvents().get(0).getAttributes().get(SemConv.GEN_AI_INPUT_MESSAGES))
        .hasSize(OtelRequestTracer.MAX_ATTRIBUTE_CHARS);
  }

  @Test
  void aDisabledConfigurationGetsTheNoOpTracer() {
    assertThat(OtelRequestTracer.create(TracingConfig.OFF, attempts.clock))
        .isSameAs(RequestTracer.OFF);
  }

  @Test
  void closingExportsWhatIsStillBuffered() throws Exception {
    tracer(1.0, false).begin(start(Map.of())).end(summary(200, "succeeded", "primary/m1"));

    assertThat(exported.spans()).isEmpty(); // held for the next batch
    assertThat(flushed()).hasSize(1);
  }

  private static ChatRequest request() {
    ChatRequest r = ChatRequest.of("chat", List.of(new Message(Role.USER,
        List.of(new Part.Text(PROMPT)))));
    return new ChatRequest(r.model(), List.of(new Part.Text("Be brief.")), r.messages(),
        List.of(), null, null, null, List.of(), null, null, null, null, null, false, false, null,
        List.of());
  }

  private static ChatResponse response() {
    return new ChatResponse("id-1", "m1", List.of(new Part.Text(ANSWER)),
        FinishReason.MAX_TOKENS, null, Usage.of(3, 4));
  }
}
