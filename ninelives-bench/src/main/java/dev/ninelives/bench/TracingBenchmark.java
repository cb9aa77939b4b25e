package dev.ninelives.bench;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.Strategy;
import dev.ninelives.core.config.TargetRef;
import dev.ninelives.core.config.TracingConfig;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.policy.Attempt;
import dev.ninelives.core.policy.AttemptResult;
import dev.ninelives.core.policy.PolicyEngine;
import dev.ninelives.core.policy.Step;
import dev.ninelives.core.time.Clock;
import dev.ninelives.core.trace.AttemptTrace;
import dev.ninelives.core.trace.RequestTrace;
import dev.ninelives.core.trace.RequestTracer;
import dev.ninelives.core.trace.TraceStart;
import dev.ninelives.tracing.OtelRequestTracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What tracing costs one request on the hot path: every call the ingress and the relay make
 * into the tracing SPI for a request answered by its first attempt (open the request trace,
 * hand its listener to the policy engine, open the attempt, propagate its context upstream,
 * record the answer, end both). Off is the default; on runs the OpenTelemetry SDK with an
 * exporter that discards, so what is measured is the gateway's own work, not a network.
 *
 * <p>With the batch processor (what the gateway runs) the request thread only builds the spans
 * and queues them; turning them into export data happens on the processor's thread, and a
 * benchmark that never pauses fills its queue, so some spans are dropped (the tear-down prints
 * how many got through). {@link #onSampledAllOnOneThread} exports every span on the request
 * thread instead: all of tracing's work for a request, on one thread, none dropped. Run:
 * {@code java -jar ninelives-bench/target/benchmarks.jar Tracing -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TracingBenchmark {
  private static final RequestSummary SUMMARY = new RequestSummary("chat", "openai",
      "succeeded", 200, "openai/gpt-4.1", 1, false, true, 412_700_000L, 96_300_000L, 41_000L,
      11, 7);
  private static final AttemptResult SUCCESS = AttemptResult.success(200, 96_000_000L,
      412_000_000L);
  private static final Usage USAGE = Usage.of(11, 7);

  private final Clock clock = Clock.system();
  private final CountingExporter exporter = new CountingExporter();
  private final Map<String, String> noHeaders = new HashMap<>();
  private final Map<String, String> sampledParent = new HashMap<>();
  private final Map<String, String> upstreamHeaders = new HashMap<>(4);
  private RequestTracer off;
  private OtelRequestTracer on;
  private OtelRequestTracer unsampled;
  private OtelRequestTracer synchronous;
  private Attempt attempt;
  private long requests;

  @Setup
  public void setUp() {
    sampledParent.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    off = OtelRequestTracer.create(TracingConfig.OFF, clock);
    on = OtelRequestTracer.builder(config(1.0)).clock(clock).exporter(exporter).build();
    unsampled = OtelRequestTracer.builder(config(0.0)).clock(clock).exporter(exporter).build();
    synchronous = OtelRequestTracer.builder(config(1.0)).clock(clock).exporter(exporter)
        .synchronous().build();
    attempt = firstAttempt();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    on.close().toCompletableFuture().join();
    unsampled.close().toCompletableFuture().join();
    synchronous.close().toCompletableFuture().join();
    // A batch processor drops spans when its queue is full; that would flatter the figures.
    System.out.println("\nrequests traced: " + requests + ", spans exported: "
        + exporter.spans.get());
  }

  /** Tracing off (the default): what every request pays for the hooks. */
  @Benchmark
  public void off(Blackhole bh) {
    request(off, noHeaders, bh);
  }

  /** Tracing on, every request sampled: two spans built, batched and handed to an exporter. */
  @Benchmark
  public void onSampled(Blackhole bh) {
    request(on, noHeaders, bh);
    requests++;
  }

  /** Tracing on, continuing a client's sampled trace from its {@code traceparent}. */
  @Benchmark
  public void onContinuingClientTrace(Blackhole bh) {
    request(on, sampledParent, bh);
    requests++;
  }

  /** Every span exported (to nowhere) on the request's thread: the whole cost of a trace. */
  @Benchmark
  public void onSampledAllOnOneThread(Blackhole bh) {
    request(synchronous, noHeaders, bh);
    requests++;
  }

  /** Tracing on with {@code sample: 0%}: only the context is propagated, nothing recorded. */
  @Benchmark
  public void onNotSampled(Blackhole bh) {
    request(unsampled, noHeaders, bh);
  }

  /** The calls {@code IngressEndpoint} and {@code Relay} make, in their order. */
  private void request(RequestTracer tracer, Map<String, String> headers, Blackhole bh) {
    RequestTrace trace = tracer.enabled()
        ? tracer.begin(new TraceStart("chat", "openai", true, "POST", "/v1/chat/completions",
            clock.nanoTime(), headers::get))
        : RequestTrace.NONE;
    bh.consume(trace.events());
    AttemptTrace span = trace.attempt(attempt);
    if (span != AttemptTrace.NONE) {
      span.inject(upstreamHeaders::put);
    }
    if (span.recording()) {
      span.answer("gpt-4.1-2025-04-14", FinishReason.END_TURN, USAGE);
    }
    span.end(SUCCESS);
    trace.end(SUMMARY);
    bh.consume(upstreamHeaders.get("traceparent"));
  }

  private static TracingConfig config(double sample) {
    return new TracingConfig(true, URI.create("http://127.0.0.1:4318/v1/traces"), Map.of(),
        "bench", sample, false);
  }

  /** A real attempt, as the policy engine hands it to the relay. */
  private Attempt firstAttempt() {
    ResilienceConfig r = new ResilienceConfig(
        new ResilienceConfig.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(20),
            Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(300)),
        new ResilienceConfig.Retries(2, Duration.ofMillis(200), Duration.ofSeconds(10), 0.2, 3,
            Duration.ofSeconds(10)),
        new ResilienceConfig.Breaker(0.5, 0.8, Duration.ofSeconds(10), 10,
            Duration.ofSeconds(60), Duration.ofSeconds(30), 1),
        new ResilienceConfig.Quarantine(Duration.ofSeconds(60), Duration.ofMinutes(30)));
    ProviderConfig openai = new ProviderConfig("openai", ProviderType.OPENAI,
        "https://api.openai.com/v1", List.of(Secret.of("sk-bench")), null, Map.of());
    ModelRoute route = new ModelRoute("chat", Strategy.FAILOVER,
        List.of(TargetRef.of("openai", "gpt-4.1")), r, false);
    PolicyEngine engine = new PolicyEngine(new GatewayConfig("127.0.0.1", 0,
        Map.of("openai", openai), Map.of("chat", route), r,
        GatewayConfig.DEFAULT_MAX_REQUEST_BYTES), clock, HealthListener.NONE, () -> 0.5);
    return ((Step.Go) engine.begin(route, true).next()).attempt();
  }

  /** Discards spans, counting them. */
  private static final class CountingExporter implements SpanExporter {
    final AtomicLong spans = new AtomicLong();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAndGet(batch.size());
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
