package dev.ninelives.bench;

import dev.ninelives.config.ConfigLoader;
import dev.ninelives.config.ConfigResult;
import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.policy.Attempt;
import dev.ninelives.core.policy.AttemptResult;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.core.policy.PolicyEngine;
import dev.ninelives.core.policy.RequestExecution;
import dev.ninelives.core.policy.Step;
import dev.ninelives.core.time.ManualClock;
import java.util.Map;
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
 * What the policy engine costs per request and per attempt, on a manual clock (time never
 * moves, so every iteration sees the same breaker and budget state): a request answered by its
 * first attempt; a request whose first target fails with a 503 and fails over; and a request
 * whose first target's breaker is open, so it is skipped without a call — the cost the
 * load benchmark's failover rows add on top of a healthy request. Run:
 * {@code java -jar ninelives-bench/target/benchmarks.jar Policy}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyBenchmark {
  private static final String CONFIG = "providers:\n"
      + "  primary: { type: openai-compatible, base_url: 'http://127.0.0.1:1/v1', api_key: k1 }\n"
      + "  backup: { type: openai-compatible, base_url: 'http://127.0.0.1:2/v1', api_key: k2 }\n"
      + "models:\n"
      + "  chat: { targets: [primary/gpt-4.1, backup/gpt-4.1-mini] }\n"
      // A breaker that never trips, so the failover case fails over on every iteration.
      + "  failing: { targets: [primary/failing, backup/gpt-4.1-mini],\n"
      + "             resilience: { retries: { max: 0 },\n"
      + "                           breaker: { minimum_calls: 2000000000 } } }\n"
      // A breaker that trips on the first failure and stays open (the clock never moves).
      + "  open: { targets: [primary/dead, backup/gpt-4.1-mini],\n"
      + "          resilience: { retries: { max: 0 },\n"
      + "                        breaker: { minimum_calls: 1, open_for: 1h } } }\n";

  private static final AttemptResult OK = AttemptResult.success(200, -1, 400_000_000L);
  private static final AttemptResult UNAVAILABLE = AttemptResult.failure(
      Classification.of(OutcomeClass.SERVER_ERROR, "HTTP 503 from upstream"), 503, 3_000_000L);

  private PolicyEngine engine;
  private ModelRoute chat;
  private ModelRoute failing;
  private ModelRoute open;

  static GatewayConfig config(String yaml) {
    ConfigResult r = ConfigLoader.parse(yaml, "bench.yaml", Map.of());
    return r.config().orElseThrow(() -> new IllegalStateException(r.toString()));
  }

  @Setup
  public void setUp() {
    GatewayConfig c = config(CONFIG);
    engine = new PolicyEngine(c, new ManualClock(), HealthListener.NONE, () -> 0.5);
    chat = engine.route("chat").orElseThrow();
    failing = engine.route("failing").orElseThrow();
    open = engine.route("open").orElseThrow();
    // Trip the "open" route's primary breaker: one failed call with minimum_calls 1.
    RequestExecution e = engine.begin(open, false);
    Attempt a = ((Step.Go) e.next()).attempt();
    e.record(a, UNAVAILABLE);
    RequestExecution check = engine.begin(open, false);
    Attempt first = ((Step.Go) check.next()).attempt();
    if (!first.target().id().startsWith("backup/")) {
      throw new IllegalStateException("the primary's breaker did not open");
    }
  }

  /** Plan, permit, key, one successful attempt, verdict: the engine's share of every request. */
  @Benchmark
  public Object firstAttemptSucceeds() {
    RequestExecution e = engine.begin(chat, false);
    Attempt a = ((Step.Go) e.next()).attempt();
    e.commit(a);
    e.record(a, OK);
    return e.next();
  }

  /** The primary answers 503 (no retry configured): decide, fail over, succeed on the backup. */
  @Benchmark
  public Object failoverAfter503() {
    RequestExecution e = engine.begin(failing, false);
    Attempt a = ((Step.Go) e.next()).attempt();
    e.record(a, UNAVAILABLE);
    Attempt b = ((Step.Go) e.next()).attempt();
    e.commit(b);
    e.record(b, OK);
    return e.next();
  }

  /** The primary's breaker is open: it is skipped (no call) and the backup answers. */
  @Benchmark
  public Object skipOpenBreaker() {
    RequestExecution e = engine.begin(open, false);
    Attempt b = ((Step.Go) e.next()).attempt();
    e.commit(b);
    e.record(b, OK);
    return e.next();
  }
}
