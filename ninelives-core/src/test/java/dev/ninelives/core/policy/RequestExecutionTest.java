package dev.ninelives.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.Strategy;
import dev.ninelives.core.config.TargetRef;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestExecutionTest {
  private final ManualClock clock = new ManualClock();
  private final List<String> failovers = new ArrayList<>();
  private final HealthListener listener = new HealthListener() {
    @Override
    public void onFailover(String route, String from, String to, String reason) {
      failovers.add(from + "->" + to + " (" + reason + ")");
    }
  };
  private final ResilienceConfig resilience = new ResilienceConfig(
      new ResilienceConfig.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(20),
          Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30)),
      new ResilienceConfig.Retries(2, Duration.ofMillis(200), Duration.ofSeconds(10), 0.2, 3,
          Duration.ofSeconds(10)),
      new ResilienceConfig.Breaker(0.5, 0.8, Duration.ofSeconds(10), 4, Duration.ofSeconds(60),
          Duration.ofSeconds(30), 1),
      new ResilienceConfig.Quarantine(Duration.ofSeconds(60), Duration.ofMinutes(10)));

  private final Map<String, ProviderConfig> providers = new LinkedHashMap<>();
  private final Map<String, ModelRoute> models = new LinkedHashMap<>();
  private PolicyEngine engine;

  RequestExecutionTest() {
    provider("p1", "k1");
    provider("p2", "k2a", "k2b");
    provider("p3");
  }

  private void provider(String name, String... keys) {
    List<Secret> secrets = new ArrayList<>();
    for (String k : keys) {
      secrets.add(Secret.of(k));
    }
    providers.put(name, new ProviderConfig(name, ProviderType.OPENAI_COMPATIBLE,
        "http://127.0.0.1:1/v1", secrets, null, Map.of()));
  }

  private ModelRoute route(String name, TargetRef... targets) {
    return route(name, Strategy.FAILOVER, false, targets);
  }

  private ModelRoute route(String name, Strategy strategy, boolean contentPolicyFailover,
      TargetRef... targets) {
    ModelRoute r = new ModelRoute(name, strategy, List.of(targets), resilience,
        contentPolicyFailover);
    models.put(name, r);
    engine = null;
    return r;
  }

  private PolicyEngine engine() {
    if (engine == null) {
      engine = new PolicyEngine(new GatewayConfig("127.0.0.1", 0, providers, models, resilience,
          GatewayConfig.DEFAULT_MAX_REQUEST_BYTES), clock, listener, () -> 0.5);
    }
    return engine;
  }

  private static TargetRef t(String provider) {
    return TargetRef.of(provider, "m");
  }

  private static Attempt go(Step step) {
    assertThat(step).isInstanceOf(Step.Go.class);
    return ((Step.Go) step).attempt();
  }

  private static long delay(Step step) {
    return ((Step.Go) step).delayNanos();
  }

  private static Verdict done(Step step) {
    assertThat(step).isInstanceOf(Step.Done.class);
    return ((Step.Done) step).verdict();
  }

  private static AttemptResult fail(OutcomeClass c) {
    return fail(c, null);
  }

  private static AttemptResult fail(OutcomeClass c, Duration retryAfter) {
    return new AttemptResult(c, 503, retryAfter, c.label(), -1, 1_000_000, false);
  }

  private static AttemptResult ok() {
    return AttemptResult.success(200, 1_000_000, 2_000_000);
  }

  @Test
  void successOnFirstTarget() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    RequestExecution ex = engine().begin(r, false);
    Attempt a = go(ex.next());
    assertThat(a.target().id()).isEqualTo("p1/m");
    assertThat(a.key().reveal()).isEqualTo("k1");
    ex.commit(a);
    ex.record(a, ok());
    Verdict v = done(ex.next());
    assertThat(v.kind()).isEqualTo(Verdict.Kind.SUCCEEDED);
    assertThat(v.attemptCount()).isEqualTo(1);
    assertThat(v.decidingAttempt()).isSameAs(a);
  }

  @Test
  void serverErrorRetriesWithBackoffThenFailsOver() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    RequestExecution ex = engine().begin(r, true);
    Step s1 = ex.next();
    ex.record(go(s1), fail(OutcomeClass.SERVER_ERROR));
    Step s2 = ex.next();
    assertThat(go(s2).target().id()).isEqualTo("p1/m");
    assertThat(go(s2).retry()).isEqualTo(1);
    assertThat(delay(s2)).as("full jitter of 200 ms at random 0.5").isEqualTo(100_000_000L);
    ex.record(go(s2), fail(OutcomeClass.SERVER_ERROR));
    Step s3 = ex.next();
    assertThat(delay(s3)).isEqualTo(200_000_000L);
    ex.record(go(s3), fail(OutcomeClass.SERVER_ERROR));
    Step s4 = ex.next();
    assertThat(go(s4).target().id()).isEqualTo("p2/m");
    assertThat(delay(s4)).isZero();
    assertThat(failovers).containsExactly("p1/m->p2/m (server-error)");
    ex.record(go(s4), ok());
    Verdict v = done(ex.next());
    assertThat(v.kind()).isEqualTo(Verdict.Kind.SUCCEEDED);
    assertThat(v.attemptCount()).isEqualTo(4);
  }

  @Test
  void retryAfterOfEachAttemptStretchesTheBackoff() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    RequestExecution ex = engine().begin(r, false);
    ex.record(go(ex.next()), fail(OutcomeClass.SERVER_ERROR, Duration.ofSeconds(3)));
    assertThat(delay(ex.next())).isEqualTo(Duration.ofSeconds(3).toNanos());
  }

  @Test
  void backoffThatWouldPassTheDeadlineFailsOverInstead() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    RequestExecution ex = engine().begin(r, false);
    ex.record(go(ex.next()), fail(OutcomeClass.SERVER_ERROR, Duration.ofSeconds(31)));
    assertThat(go(ex.next()).target().id()).isEqualTo("p2/m");
  }

  @Test
  void connectFailureRetriesOnceAtOnceThenFailsOver() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    RequestExecution ex = engine().begin(r, false);
    ex.record(go(ex.next()), fail(OutcomeClass.CONNECT_FAILURE));
    Step retry = ex.next();
    assertThat(go(retry).target().id()).isEqualTo("p1/m");
    assertThat(delay(retry)).isZero();
    ex.record(go(retry), fail(OutcomeClass.CONNECT_FAILURE));
    assertThat(go(ex.next()).target().id()).isEqualTo("p2/m");
  }

  @Test
  void timeoutIsNotRetriedOnTheSameTarget() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    RequestExecution ex = engine().begin(r, true);
    ex.record(go(ex.next()), fail(OutcomeClass.TIMEOUT));
    assertThat(go(ex.next()).target().id()).isEqualTo("p2/m");
  }

  @Test
  void callerErrorIsReturnedWithoutFailover() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    RequestExecution ex = engine().begin(r, false);
    Attempt a = go(ex.next());
    ex.record(a, fail(OutcomeClass.CALLER_ERROR));
    Verdict v = done(ex.next());
    assertThat(v.kind()).isEqualTo(Verdict.Kind.REJECTED);
    assertThat(v.decidingAttempt()).isSameAs(a);
    assertThat(v.shouldRetry()).isFalse();
    assertThat(engine().registry().target(t("p1")).breaker().snapshot().calls())
        .as("a caller error does not count against the target").isZero();
  }

  @Test
  void contextOverflowFailsOverOnlyToLargerContextTargets() {
    TargetRef big = new TargetRef("p3", "big", 1, true);
    ModelRoute r = route("chat", t("p1"), t("p2"), big);
    RequestExecution ex = engine().begin(r, false);
    ex.record(go(ex.next()), fail(OutcomeClass.CONTEXT_LENGTH));
    assertThat(go(ex.next()).target().id()).isEqualTo("p3/big");
  }

  @Test
  void contextOverflowWithoutLargerTargetIsReturned() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    RequestExecution ex = engine().begin(r, false);
    ex.record(go(ex.next()), fail(OutcomeClass.CONTEXT_LENGTH));
    assertThat(done(ex.next()).kind()).isEqualTo(Verdict.Kind.REJECTED);
  }

  @Test
  void contentPolicyFailsOverOnlyWhereTheRouteAllows() {
    RequestExecution strict = engine().begin(route("a", t("p1"), t("p2")), false);
    strict.record(go(strict.next()), fail(OutcomeClass.CONTENT_POLICY));
    assertThat(done(strict.next()).kind()).isEqualTo(Verdict.Kind.REJECTED);

    RequestExecution lenient = engine().begin(
        route("b", Strategy.FAILOVER, true, t("p1"), t("p2")), false);
    lenient.record(go(lenient.next()), fail(OutcomeClass.CONTENT_POLICY));
    assertThat(go(lenient.next()).target().id()).isEqualTo("p2/m");
  }

  @Test
  void rateLimitOnOnlyTargetWaitsWhenRetryAfterFits() {
    ModelRoute r = route("chat", t("p1"));
    RequestExecution ex = engine().begin(r, false);
    ex.record(go(ex.next()), fail(OutcomeClass.RATE_LIMITED, Duration.ofSeconds(1)));
    Step wait = ex.next();
    assertThat(delay(wait)).isEqualTo(Duration.ofSeconds(1).toNanos());
    clock.advance(Duration.ofSeconds(1));
    ex.record(go(wait), ok());
    assertThat(done(ex.next()).kind()).isEqualTo(Verdict.Kind.SUCCEEDED);
  }

  @Test
  void rateLimitThatCannotFitTheDeadlineIsPassedOnAtOnce() {
    ModelRoute r = route("chat", t("p1"));
    RequestExecution ex = engine().begin(r, false);
    Attempt a = go(ex.next());
    ex.record(a, fail(OutcomeClass.RATE_LIMITED, Duration.ofSeconds(60)));
    Verdict v = done(ex.next());
    assertThat(v.kind()).isEqualTo(Verdict.Kind.RATE_LIMITED);
    assertThat(v.decidingAttempt()).isSameAs(a);
    assertThat(v.retryAfterSeconds()).isEqualTo(60);
    assertThat(v.shouldRetry()).isTrue();
  }

  @Test
  void rateLimitFailsOverAtOnceWhenAnotherTargetCanServe() {
    ModelRoute r = route("chat", t("p1"), t("p3"));
    RequestExecution ex = engine().begin(r, false);
    ex.record(go(ex.next()), fail(OutcomeClass.RATE_LIMITED, Duration.ofSeconds(1)));
    Step next = ex.next();
    assertThat(go(next).target().id()).isEqualTo("p3/m");
    assertThat(delay(next)).isZero();
  }

  @Test
  void aTargetWhoseKeysAllCoolAfterA429IsSkippedUntilRetryAfterPasses() {
    ModelRoute r = route("chat", t("p1"), t("p3"));
    RequestExecution first = engine().begin(r, false);
    first.record(go(first.next()), fail(OutcomeClass.RATE_LIMITED, Duration.ofSeconds(5)));
    first.record(go(first.next()), ok());

    RequestExecution during = engine().begin(r, false);
    Attempt a = go(during.next());
    assertThat(a.target().id()).as("no call to the cooling target").isEqualTo("p3/m");
    assertThat(during.records()).extracting(AttemptRecord::outcome)
        .containsExactly(AttemptRecord.RATE_LIMIT_COOLING);

    clock.advance(Duration.ofSeconds(5));
    RequestExecution after = engine().begin(r, false);
    assertThat(go(after.next()).target().id()).isEqualTo("p1/m");
  }

  @Test
  void aCoolingOnlyTargetIsStillCalledWhenNothingElseCanServe() {
    ModelRoute r = route("chat", t("p1"));
    RequestExecution first = engine().begin(r, false);
    first.record(go(first.next()), fail(OutcomeClass.RATE_LIMITED, Duration.ofSeconds(60)));
    done(first.next());

    RequestExecution during = engine().begin(r, false);
    assertThat(go(during.next()).target().id()).isEqualTo("p1/m");
  }

  @Test
  void rateLimitRotatesToAnotherKeyOfThePool() {
    ModelRoute r = route("chat", t("p2"), t("p3"));
    RequestExecution ex = engine().begin(r, false);
    Attempt first = go(ex.next());
    ex.record(first, fail(OutcomeClass.RATE_LIMITED, Duration.ofSeconds(5)));
    Attempt second = go(ex.next());
    assertThat(second.target().id()).isEqualTo("p2/m");
    assertThat(second.key()).isNotEqualTo(first.key());
  }

  @Test
  void rejectedKeysAreQuarantinedAndTheProviderIsSkippedOnceAllAreDead() {
    ModelRoute r = route("chat", t("p2"), t("p3"));
    RequestExecution ex = engine().begin(r, false);
    Attempt a = go(ex.next());
    ex.record(a, fail(OutcomeClass.AUTH));
    Attempt b = go(ex.next());
    assertThat(b.target().id()).as("next key of the same provider").isEqualTo("p2/m");
    assertThat(b.key()).isNotEqualTo(a.key());
    ex.record(b, fail(OutcomeClass.AUTH));
    Attempt c = go(ex.next());
    assertThat(c.target().id()).as("then the next provider").isEqualTo("p3/m");
    ex.record(c, ok());

    RequestExecution later = engine().begin(r, false);
    Attempt d = go(later.next());
    assertThat(d.target().id()).as("no calls to dead keys").isEqualTo("p3/m");
    assertThat(later.records().get(0).outcome()).isEqualTo(AttemptRecord.PROVIDER_QUARANTINED);
    later.record(d, ok());

    clock.advance(Duration.ofSeconds(60));
    RequestExecution probe = engine().begin(r, false);
    Attempt e = go(probe.next());
    assertThat(e.target().id()).as("a probe once the quarantine ends").isEqualTo("p2/m");
    probe.record(e, ok());
    assertThat(engine().registry().keyPool("p2").providerQuarantined()).isFalse();
  }

  @Test
  void committedStreamIsNeverRetriedOrFailedOver() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    RequestExecution ex = engine().begin(r, true);
    Attempt a = go(ex.next());
    ex.commit(a);
    ex.record(a, new AttemptResult(OutcomeClass.STREAM_ERROR, 200, null, "cut", 1, 2, true));
    Verdict v = done(ex.next());
    assertThat(v.kind()).isEqualTo(Verdict.Kind.FAILED_AFTER_COMMIT);
    assertThat(v.attemptCount()).isEqualTo(1);
  }

  @Test
  void cancelledAttemptEndsTheRequestWithoutHurtingTheTarget() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    RequestExecution ex = engine().begin(r, true);
    ex.record(go(ex.next()), fail(OutcomeClass.CANCELLED));
    assertThat(done(ex.next()).kind()).isEqualTo(Verdict.Kind.CANCELLED);
    assertThat(engine().registry().target(t("p1")).breaker().snapshot().calls()).isZero();
  }

  private void openBreakerOf(String provider) {
    var breaker = engine().registry().target(t(provider)).breaker();
    for (int i = 0; i < 4; i++) {
      breaker.onResult(breaker.tryAcquire(), dev.ninelives.core.breaker.CallResult.FAILURE, 0);
    }
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
  }

  @Test
  void openBreakerIsSkippedWithoutANetworkCall() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    openBreakerOf("p1");
    RequestExecution ex = engine().begin(r, false);
    Attempt a = go(ex.next());
    assertThat(a.target().id()).isEqualTo("p2/m");
    assertThat(ex.records()).singleElement()
        .satisfies(rec -> {
          assertThat(rec.outcome()).isEqualTo(AttemptRecord.BREAKER_OPEN);
          assertThat(rec.network()).isFalse();
        });
  }

  @Test
  void whenEveryTargetIsOpenTheLongestOpenIsTried() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    openBreakerOf("p2");
    clock.advance(Duration.ofSeconds(5));
    openBreakerOf("p1");
    RequestExecution ex = engine().begin(r, false);
    Attempt a = go(ex.next());
    assertThat(a.target().id()).isEqualTo("p2/m");
    assertThat(a.forced()).isTrue();
    ex.record(a, fail(OutcomeClass.SERVER_ERROR));
    Verdict v = done(ex.next());
    assertThat(v.kind()).as("a forced trial is neither retried nor followed by another")
        .isEqualTo(Verdict.Kind.ALL_FAILED);
    assertThat(v.retryAfterSeconds()).as("both breakers now reopen in 30 s").isEqualTo(30);
    assertThat(v.shouldRetry()).isTrue();
  }

  @Test
  void forcedTrialSuccessClosesTheBreaker() {
    ModelRoute r = route("chat", t("p1"));
    openBreakerOf("p1");
    RequestExecution ex = engine().begin(r, false);
    Attempt a = go(ex.next());
    ex.record(a, ok());
    assertThat(engine().registry().target(t("p1")).breaker().state())
        .isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void retryBudgetBoundsCallsToADeadTarget() {
    ModelRoute r = route("chat", t("p1"), t("p3"));
    // Without a breaker in the way: count only retry decisions against the budget.
    int upstreamCallsToDead = 0;
    int firsts = 0;
    for (int i = 0; i < 1000; i++) {
      RequestExecution ex = engine().begin(r, false);
      Step s = ex.next();
      while (s instanceof Step.Go) {
        Attempt a = ((Step.Go) s).attempt();
        if (a.target().id().equals("p1/m")) {
          upstreamCallsToDead++;
          if (a.retry() == 0) {
            firsts++;
          }
          ex.record(a, fail(OutcomeClass.SERVER_ERROR));
        } else {
          ex.record(a, ok());
        }
        s = ex.next();
      }
      clock.advance(Duration.ofMillis(5));
    }
    // The breaker opens after 4 calls and lets one trial through every 30 s (5 s of traffic
    // here), so the dead target sees only a handful of first attempts and retries within the
    // budget (20% of first attempts, at least 3 per 10 s window).
    assertThat(upstreamCallsToDead - firsts).isLessThanOrEqualTo(
        (int) Math.ceil(0.2 * firsts) + 3);
    assertThat(upstreamCallsToDead).isLessThan(20);
  }

  @Test
  void deadlineEndsTheRequest() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    RequestExecution ex = engine().begin(r, false);
    Attempt a = go(ex.next());
    clock.advance(Duration.ofSeconds(31));
    ex.record(a, fail(OutcomeClass.TIMEOUT));
    assertThat(done(ex.next()).kind()).isEqualTo(Verdict.Kind.DEADLINE_EXCEEDED);
  }

  @Test
  void weightedStrategyDrawsTheFirstTargetByWeight() {
    TargetRef heavy = new TargetRef("p1", "m", 3, false);
    TargetRef light = new TargetRef("p2", "m", 1, false);
    route("w", Strategy.WEIGHTED, false, heavy, light);
    List<String> firsts = new ArrayList<>();
    for (double x : new double[] {0.0, 0.5, 0.74, 0.76, 0.99}) {
      PolicyEngine e = new PolicyEngine(new GatewayConfig("127.0.0.1", 0, providers, models,
          resilience, 1024), clock, listener, () -> x);
      List<String> plan = new ArrayList<>();
      e.plan(models.get("w")).forEach(t -> plan.add(t.id()));
      assertThat(plan).hasSize(2).doesNotHaveDuplicates();
      firsts.add(plan.get(0));
    }
    assertThat(firsts).containsExactly("p1/m", "p1/m", "p1/m", "p2/m", "p2/m");
  }

  @Test
  void askingForTheNextStepWithAnAttemptInFlightIsAMistake() {
    RequestExecution ex = engine().begin(route("chat", t("p1")), false);
    ex.next();
    assertThatThrownBy(ex::next).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before asking");
  }

  @Test
  void directProviderModelRouteUsesGlobalPolicy() {
    route("chat", t("p1"));
    var direct = engine().route("p3/llama");
    assertThat(direct).isPresent();
    assertThat(direct.get().targets()).containsExactly(TargetRef.of("p3", "llama"));
    assertThat(engine().route("nope/llama")).isEmpty();
    assertThat(engine().route("unknown")).isEmpty();
  }

  @Test
  void targetThatCannotCarryTheRequestIsSkippedWithoutTouchingItsHealth() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    RequestExecution ex = engine().begin(r, false);
    Attempt a = go(ex.next());
    ex.record(a, AttemptResult.notSent(OutcomeClass.UNSUPPORTED, "n > 1"));
    Attempt b = go(ex.next());
    assertThat(b.target().id()).isEqualTo("p2/m");
    assertThat(ex.attemptCount()).as("only calls that went out count").isEqualTo(1);
    ex.record(b, ok());
    assertThat(done(ex.next()).kind()).isEqualTo(Verdict.Kind.SUCCEEDED);
    assertThat(ex.records().get(0).network()).isFalse();
    assertThat(engine().registry().target(t("p1")).breaker().snapshot().calls()).isZero();
  }

  @Test
  void requestNoTargetCanCarryIsRejected() {
    ModelRoute r = route("chat", t("p1"), t("p2"));
    RequestExecution ex = engine().begin(r, false);
    ex.record(go(ex.next()), AttemptResult.notSent(OutcomeClass.UNSUPPORTED, "n > 1"));
    Attempt last = go(ex.next());
    ex.record(last, AttemptResult.notSent(OutcomeClass.UNSUPPORTED, "n > 1"));
    Verdict v = done(ex.next());
    assertThat(v.kind()).isEqualTo(Verdict.Kind.REJECTED);
    assertThat(v.decidingAttempt()).isSameAs(last);
    assertThat(v.attemptCount()).isZero();
    assertThat(v.shouldRetry()).isFalse();
  }

  @Test
  void aRequestRefusedBeforeSendingNeverReadmitsAQuarantinedKey() {
    ModelRoute r = route("chat", t("p1"), t("p3"));
    var pool = engine().registry().keyPool("p1");
    pool.releaseRejected(pool.acquire());
    clock.advance(Duration.ofSeconds(60));
    RequestExecution ex = engine().begin(r, false);
    Attempt probe = go(ex.next());
    ex.record(probe, AttemptResult.notSent(OutcomeClass.CALLER_ERROR, "bad tool arguments"));
    assertThat(pool.providerQuarantined()).isTrue();
  }
}
