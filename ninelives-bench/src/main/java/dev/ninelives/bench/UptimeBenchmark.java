package dev.ninelives.bench;

import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.time.Clock;
import dev.ninelives.uptime.UptimeRecorder;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the uptime recorder costs per request on the hot path: its share of the health events of
 * one request (the attempt events and the request summary), on the system clock. Storing the
 * counts happens off the request threads and is not measured here. Run:
 * {@code java -jar ninelives-bench/target/benchmarks.jar Uptime}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UptimeBenchmark {
  private static final AttemptRecord SUCCESS = new AttemptRecord("openai/gpt-4.1", "key#1a2b",
      "success", 200, 412_000_000L, 96_000_000L, "ok", true, 0);
  private static final AttemptRecord FAILURE = new AttemptRecord("claude/claude-sonnet-4-5",
      "key#9f8e", "server-error", 503, 35_000_000L, -1, "overloaded", true, 0);
  private static final RequestSummary ANSWERED = new RequestSummary("chat", "openai",
      "succeeded", 200, "openai/gpt-4.1", 1, false, true, 412_700_000L, 96_300_000L, 41_000L,
      11, 7);
  private static final RequestSummary FAILED_OVER = new RequestSummary("chat", "openai",
      "succeeded", 200, "openai/gpt-4.1", 2, true, true, 450_000_000L, 131_000_000L, 45_000L,
      11, 7);

  /** One recorder per thread: no contention. */
  @State(Scope.Thread)
  public static class Own {
    UptimeRecorder recorder;

    @Setup
    public void setUp() {
      recorder = new UptimeRecorder(Clock.system());
      // Series exist, as they do after a gateway's first requests: the steady state is measured.
      recorder.onAttempt("chat", SUCCESS);
      recorder.onAttempt("chat", FAILURE);
      recorder.onRequest(ANSWERED);
    }
  }

  /** One recorder shared by every thread, as the gateway's event loops share one. */
  @State(Scope.Benchmark)
  public static class Shared extends Own {
  }

  /** A request answered by its first attempt: one attempt event, one summary. */
  @Benchmark
  public void answeredFirstTry(Own s) {
    s.recorder.onAttempt("chat", SUCCESS);
    s.recorder.onRequest(ANSWERED);
  }

  /** A request that failed on the first target and was answered by the second. */
  @Benchmark
  public void failedOver(Own s) {
    s.recorder.onAttempt("chat", FAILURE);
    s.recorder.onFailover("chat", FAILURE.target(), SUCCESS.target(), "server-error");
    s.recorder.onAttempt("chat", SUCCESS);
    s.recorder.onRequest(FAILED_OVER);
  }

  /** {@link #answeredFirstTry} from two threads into one recorder: counters under contention. */
  @Benchmark
  @Threads(2)
  public void answeredFirstTryTwoThreads(Shared s) {
    s.recorder.onAttempt("chat", SUCCESS);
    s.recorder.onRequest(ANSWERED);
  }
}
