package dev.ninelives.tracing;

import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.TracingConfig;
import dev.ninelives.core.time.Clock;
import dev.ninelives.core.trace.RequestTrace;
import dev.ninelives.core.trace.RequestTracer;
import dev.ninelives.core.trace.TraceStart;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's tracer on the OpenTelemetry SDK: spans are sampled parent-based (an incoming
 * {@code traceparent}'s decision wins; new traces are kept at the configured ratio), batched,
 * and exported over OTLP/HTTP (protobuf) with the JDK's HTTP client, off the request threads.
 *
 * <p>Thread-safe: one per gateway, used by every event loop.
 */
public final class OtelRequestTracer implements RequestTracer {
  /** The instrumentation scope the spans are reported under. */
  static final String SCOPE = "dev.ninelives.gateway";
  /**
   * The longest attribute value kept; longer ones are cut. Only captured content comes near
   * it, and an export of megabytes would be refused by most collectors.
   */
  static final int MAX_ATTRIBUTE_CHARS = 64 * 1024;

  private static final TextMapGetter<TraceStart.Headers> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceStart.Headers carrier) {
          return List.of(); // the W3C propagator asks for its two headers by name
        }

        @Override
        public String get(TraceStart.Headers carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final SdkTracerProvider provider;
  private final Tracer tracer;
  private final Clock clock;
  private final io.opentelemetry.sdk.common.Clock wall;
  private final boolean captureContent;
  private final Map<String, Upstream> upstreams = new ConcurrentHashMap<>();

  private OtelRequestTracer(Builder b) {
    this.clock = b.clock;
    this.wall = io.opentelemetry.sdk.common.Clock.getDefault();
    this.captureContent = b.config.captureContent();
    this.provider = SdkTracerProvider.builder()
        .setClock(wall)
        .setResource(Resource.getDefault().merge(
            Resource.create(Attributes.of(SemConv.SERVICE_NAME, b.config.serviceName()))))
        .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(b.config.sampleRatio())))
        .setSpanLimits(SpanLimits.builder()
            .setMaxAttributeValueLength(MAX_ATTRIBUTE_CHARS).build())
        .addSpanProcessor(b.synchronous ? SimpleSpanProcessor.create(b.exporter())
            : BatchSpanProcessor.builder(b.exporter()).setScheduleDelay(b.scheduleDelay).build())
        .build();
    this.tracer = provider.get(SCOPE);
  }

  /**
   * The tracer a configuration asks for: {@link RequestTracer#OFF} when tracing is disabled
   * (nothing is started or exported then), else spans exported to its endpoint.
   */
  public static RequestTracer create(TracingConfig config, Clock clock) {
    return config.enabled() ? builder(config).clock(clock).build() : RequestTracer.OFF;
  }

  /** A tracer built whether or not the configuration enables it: for tests and benchmarks. */
  public static Builder builder(TracingConfig config) {
    return new Builder(config);
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public RequestTrace begin(TraceStart start) {
    Context parent = W3CTraceContextPropagator.getInstance()
        .extract(Context.root(), start.headers(), HEADERS);
    // The span starts when the request arrived, not now: reading its body came first.
    long startEpochNanos = wall.now() - Math.max(0, clock.nanoTime() - start.arrivalNanos());
    Span span = tracer.spanBuilder(SemConv.OPERATION_CHAT)
        .setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
        .startSpan();
    // The sampler decides by trace id and parent only, so the name and attributes can wait for
    // its decision: a request that is not sampled builds none of them.
    if (span.isRecording()) {
      describe(span, start);
    }
    return new OtelRequestTrace(this, span, startEpochNanos);
  }

  private static void describe(Span span, TraceStart start) {
    String model = start.model();
    if (model != null) {
      span.updateName(SemConv.OPERATION_CHAT + ' ' + model);
      span.setAttribute(SemConv.GEN_AI_REQUEST_MODEL, model);
    }
    span.setAttribute(SemConv.GEN_AI_OPERATION_NAME, SemConv.OPERATION_CHAT);
    span.setAttribute(SemConv.HTTP_REQUEST_METHOD, start.method());
    span.setAttribute(SemConv.URL_PATH, start.path());
    span.setAttribute(SemConv.CLIENT, start.client());
    span.setAttribute(SemConv.STREAM, start.streaming());
  }

  @Override
  public CompletionStage<Void> close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    provider.shutdown().whenComplete(() -> done.complete(null));
    return done;
  }

  Tracer tracer() {
    return tracer;
  }

  boolean captureContent() {
    return captureContent;
  }

  /** What spans say about a provider, worked out on its first attempt. */
  Upstream upstream(ProviderConfig p) {
    Upstream u = upstreams.get(p.name());
    return u != null ? u : upstreams.computeIfAbsent(p.name(), n -> Upstream.of(p));
  }

  /** The span of an attempt of the request whose span is {@code parent}. */
  Span attemptSpan(Span parent, String name) {
    return tracer.spanBuilder(name).setParent(Context.root().with(parent))
        .setSpanKind(SpanKind.CLIENT).startSpan();
  }

  /** Builds a tracer; not thread-safe. */
  public static final class Builder {
    private final TracingConfig config;
    private Clock clock = Clock.system();
    private SpanExporter exporter;
    private Duration scheduleDelay = Duration.ofSeconds(2);
    private boolean synchronous;

    private Builder(TracingConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The gateway's clock, on which request arrival times are read. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where spans go instead of the configured OTLP endpoint. */
    public Builder exporter(SpanExporter exporter) {
      this.exporter = Objects.requireNonNull(exporter, "exporter");
      return this;
    }

    /** How long finished spans wait to be batched (default 2 s). */
    public Builder scheduleDelay(Duration delay) {
      if (delay.isNegative() || delay.isZero()) {
        throw new IllegalArgumentException("schedule delay must be positive, but was " + delay);
      }
      this.scheduleDelay = delay;
      return this;
    }

    /**
     * Exports each span on the thread that ends it, without batching: for benchmarks that want
     * all of tracing's work on one thread, never for a gateway (the export would block it).
     */
    public Builder synchronous() {
      this.synchronous = true;
      return this;
    }

    public OtelRequestTracer build() {
      return new OtelRequestTracer(this);
    }

    private SpanExporter exporter() {
      if (exporter != null) {
        return exporter;
      }
      OtlpHttpSpanExporterBuilder otlp = OtlpHttpSpanExporter.builder()
          .setEndpoint(config.endpoint().toString());
      for (Map.Entry<String, Secret> h : config.headers().entrySet()) {
        otlp.addHeader(h.getKey(), h.getValue().reveal());
      }
      return otlp.build();
    }
  }
}
