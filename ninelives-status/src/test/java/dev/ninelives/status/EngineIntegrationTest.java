package dev.ninelives.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.Strategy;
import dev.ninelives.core.config.TargetRef;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.policy.Attempt;
import dev.ninelives.core.policy.AttemptResult;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.core.policy.PolicyEngine;
import dev.ninelives.core.policy.RequestExecution;
import dev.ninelives.core.policy.Step;
import dev.ninelives.core.policy.Verdict;
import dev.ninelives.core.time.ManualClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The tracker fed by the real policy engine, in the engine's own order of events. */
class EngineIntegrationTest {
  private final ManualClock clock = new ManualClock();
  private final ModelRoute chat;
  private final PolicyEngine engine;
  private final StatusTracker tracker;

  EngineIntegrationTest() {
    ResilienceConfig resilience = new ResilienceConfig(ResilienceConfig.Timeouts.defaults(),
        new ResilienceConfig.Retries(1, Duration.ofMillis(200), Duration.ofSeconds(1), 1.0, 100,
            Duration.ofSeconds(10)),
        new ResilienceConfig.Breaker(0.5, 0.8, Duration.ofSeconds(5), 4, Duration.ofSeconds(60),
            Duration.ofSeconds(30), 1),
        ResilienceConfig.Quarantine.defaults());
    Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    providers.put("openai", new ProviderConfig("openai", ProviderType.OPENAI, "http://127.0.0.1:1/v1",
        List.of(Secret.of("sk-openai-secret-value")), null, Map.of()));
    providers.put("claude", new ProviderConfig("claude", ProviderType.ANTHROPIC, "http://127.0.0.1:2",
        List.of(Secret.of("sk-ant-secret-value")), null, Map.of()));
    chat = new ModelRoute("chat", Strategy.FAILOVER, List.of(TargetRef.of("openai", "gpt-4.1"),
        TargetRef.of("claude", "sonnet")), resilience, false);
    Fixture.Forwarder forwarder = new Fixture.Forwarder();
    engine = new PolicyEngine(new GatewayConfig("127.0.0.1", 0, providers, Map.of("chat", chat),
        resilience, GatewayConfig.DEFAULT_MAX_REQUEST_BYTES), clock, forwarder, () -> 0.5);
    tracker = new StatusTracker(engine.registry(), clock);
    forwarder.delegate = tracker;
  }

  /** Runs one request; each attempt takes 100 ms; the summary is reported as the server does. */
  private Verdict run(Function<Attempt, AttemptResult> upstream) {
    long start = clock.nanoTime();
    RequestExecution ex = engine.begin(chat, false);
    String answeredBy = null;
    while (true) {
      Step step = ex.next();
      if (step instanceof Step.Done done) {
        Verdict v = done.verdict();
        tracker.onRequest(new RequestSummary("chat", "openai",
            v.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            v.kind() == Verdict.Kind.SUCCEEDED ? 200 : 503, answeredBy, ex.attemptCount(),
            answeredBy != null && !answeredBy.equals(ex.plan().get(0).id()), false,
            clock.nanoTime() - start, -1, 1_000_000L, -1, -1));
        return v;
      }
      Step.Go go = (Step.Go) step;
      clock.advance(Duration.ofNanos(go.delayNanos()).plusMillis(100));
      AttemptResult r = upstream.apply(go.attempt());
      if (r.outcome() == OutcomeClass.SUCCESS) {
        ex.commit(go.attempt());
        answeredBy = go.attempt().target().id();
      }
      ex.record(go.attempt(), r);
    }
  }

  private static AttemptResult openAiDown(Attempt a) {
    return a.target().id().startsWith("openai")
        ? new AttemptResult(OutcomeClass.SERVER_ERROR, 503, null, "overloaded", -1, 100_000_000L,
            false)
        : AttemptResult.success(200, -1, 100_000_000L);
  }

  @Test
  void shouldTellTheStoryOfAnOutageFromTheEnginesEvents() {
    for (int i = 0; i < 6; i++) {
      run(a -> AttemptResult.success(200, -1, 100_000_000L));
    }
    assertThat(tracker.snapshot().overall()).isEqualTo(OverallStatus.OPERATIONAL);

    for (int i = 0; i < 4; i++) {
      assertThat(run(EngineIntegrationTest::openAiDown).kind()).isEqualTo(Verdict.Kind.SUCCEEDED);
    }
    assertThat(tracker.targetState("openai/gpt-4.1")).contains(HealthState.DOWN);
    assertThat(tracker.targetState("claude/sonnet")).contains(HealthState.HEALTHY);
    assertThat(tracker.snapshot().overall()).as("the backup answers everyone")
        .isEqualTo(OverallStatus.DEGRADED);

    for (int i = 0; i < 3; i++) {
      run(EngineIntegrationTest::openAiDown); // openai is passed by
    }
    clock.advance(Duration.ofSeconds(30));
    assertThat(tracker.targetState("openai/gpt-4.1")).contains(HealthState.RECOVERING);
    run(a -> AttemptResult.success(200, -1, 100_000_000L)); // the trial succeeds
    assertThat(tracker.targetState("openai/gpt-4.1")).contains(HealthState.HEALTHY);
    clock.advance(Duration.ofSeconds(61));

    Incident incident = tracker.incidents().get(0);
    assertThat(incident.status()).isEqualTo(Incident.Status.RESOLVED);
    // The failures tip it into "degraded" (2 of 8 attempts) before they open the breaker; the
    // three failovers share one line; while open, requests pass openai by without a failover.
    assertThat(incident.title()).isEqualTo("openai/gpt-4.1 is unavailable");
    assertThat(incident.timeline()).extracting(TimelineEntry::text).containsExactly(
        "First failure on openai/gpt-4.1: a server error (server-error, HTTP 503).",
        "openai/gpt-4.1 is failing more often than usual: 2 of 8 requests failed in the last"
            + " minute.",
        "Traffic moved from openai/gpt-4.1 to claude/sonnet (3 requests).",
        "Stopped sending requests to openai/gpt-4.1 after repeated failures (breaker opened).",
        "Testing whether openai/gpt-4.1 has recovered with trial requests (breaker half-open).",
        "A trial request to openai/gpt-4.1 succeeded.",
        "Traffic is back on openai/gpt-4.1 (breaker closed).",
        "Resolved: openai/gpt-4.1 has worked normally for a minute.");
    Impact impact = incident.impact();
    // Requests 2 and 3 tried openai after it opened, 4 to 7 passed it by; request 1 began
    // before the incident but moved away during it, so it counts too.
    assertThat(impact.requestsAffected()).isEqualTo(7);
    assertThat(impact.failedOver()).isEqualTo(3 + 4);
    assertThat(impact.failed()).isZero();
    assertThat(impact.extraLatencyMs()).as("a failed try and a backoff before each failover")
        .isPositive();

    String json = tracker.toJson();
    assertThat(json).doesNotContain("sk-openai-secret-value").doesNotContain("sk-ant-secret-value")
        .doesNotContain("key#");
  }
}
