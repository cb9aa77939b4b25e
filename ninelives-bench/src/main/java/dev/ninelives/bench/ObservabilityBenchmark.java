package dev.ninelives.bench;

import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.metrics.GatewayMetrics;
import dev.ninelives.server.AccessLog;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What observability costs per request on the hot path: the metrics for one attempt and one
 * request summary, and formatting the access-log line. Run:
 * {@code java -jar ninelives-bench/target/benchmarks.jar Observability}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ObservabilityBenchmark {
  private GatewayMetrics metrics;
  private final AttemptRecord attempt = new AttemptRecord("openai/gpt-4.1", "key#1a2b", "success",
      200, 412_000_000L, 96_000_000L, "ok", true, 0);
  private final RequestSummary summary = new RequestSummary("chat", "openai", "succeeded", 200,
      "openai/gpt-4.1", 1, false, true, 412_700_000L, 96_300_000L, 41_000L, 11, 7);
  private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

  @Setup
  public void setUp() {
    metrics = new GatewayMetrics();
    metrics.onAttempt("chat", attempt); // series exist: the steady state is what is measured
    metrics.onRequest(summary);
  }

  /** Metrics for a request answered by its first attempt: one attempt event, one summary. */
  @Benchmark
  public void metricsPerRequest() {
    metrics.onAttempt("chat", attempt);
    metrics.onRequest(summary);
  }

  /** Formatting one access-log line (writing it is the logging backend's cost). */
  @Benchmark
  public String accessLogLine() {
    return AccessLog.line(summary, now);
  }
}
