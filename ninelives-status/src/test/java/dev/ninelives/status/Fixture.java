package dev.ninelives.status;

import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.breaker.CallResult;
import dev.ninelives.core.breaker.CircuitBreaker;
import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.Strategy;
import dev.ninelives.core.config.TargetRef;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.routing.Target;
import dev.ninelives.core.routing.TargetRegistry;
import dev.ninelives.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real target registry from a gateway configuration, a manual clock, and a tracker wired to
 * the registry's breakers and key pools the way a gateway wires it: the registry's listener
 * forwards to the tracker once the tracker exists.
 *
 * <p>Providers: p1 (one key), p2 (two keys), p3 (no key). Route "chat" = p1/m, p2/m; route
 * "fast" = p3/m. Breaker: 50% failures of at least 4 calls in 60 s open it for 30 s; one trial
 * call; slow call 2 s.
 */
final class Fixture {
  static final String P1_KEY = "sk-live-p1-7f3a9c1e5b2d4f60";
  static final String P2_KEY_A = "sk-live-p2-aa11bb22cc33dd44";
  static final String P2_KEY_B = "sk-live-p2-ee55ff66gg77hh88";
  static final String P1 = "p1/m";
  static final String P2 = "p2/m";
  static final String P3 = "p3/m";

  final ManualClock clock = new ManualClock();
  final TargetRegistry registry;
  final StatusTracker tracker;

  Fixture() {
    this(new ResilienceConfig.Breaker(0.5, 0.8, Duration.ofSeconds(2), 4, Duration.ofSeconds(60),
        Duration.ofSeconds(30), 1));
  }

  Fixture(ResilienceConfig.Breaker breaker) {
    ResilienceConfig resilience = new ResilienceConfig(
        ResilienceConfig.Timeouts.defaults(), ResilienceConfig.Retries.defaults(), breaker,
        new ResilienceConfig.Quarantine(Duration.ofSeconds(60), Duration.ofMinutes(10)));
    Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    providers.put("p1", provider("p1", P1_KEY));
    providers.put("p2", provider("p2", P2_KEY_A, P2_KEY_B));
    providers.put("p3", provider("p3"));
    Map<String, ModelRoute> models = new LinkedHashMap<>();
    models.put("chat", new ModelRoute("chat", Strategy.FAILOVER,
        List.of(TargetRef.of("p1", "m"), TargetRef.of("p2", "m")), resilience, false));
    models.put("fast", new ModelRoute("fast", Strategy.FAILOVER,
        List.of(TargetRef.of("p3", "m")), resilience, false));
    GatewayConfig config = new GatewayConfig("127.0.0.1", 0, providers, models, resilience,
        GatewayConfig.DEFAULT_MAX_REQUEST_BYTES);
    Forwarder forwarder = new Forwarder();
    registry = new TargetRegistry(config, clock, forwarder);
    tracker = new StatusTracker(registry, clock);
    forwarder.delegate = tracker;
  }

  private static ProviderConfig provider(String name, String... keys) {
    List<Secret> secrets = new ArrayList<>();
    for (String k : keys) {
      secrets.add(Secret.of(k));
    }
    return new ProviderConfig(name, ProviderType.OPENAI_COMPATIBLE, "http://127.0.0.1:1/v1",
        secrets, null, Map.of());
  }

  Target target(String id) {
    for (Target t : registry.targets()) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException(id);
  }

  CircuitBreaker breaker(String id) {
    return target(id).breaker();
  }

  /** A failed attempt through the target's breaker, reported the way the engine does. */
  void fail(String id) {
    fail("chat", id, "server-error", 503, 0);
  }

  void fail(String route, String id, String outcome, int status, int retry) {
    CircuitBreaker.Permit permit = breaker(id).tryAcquire();
    if (permit != null) {
      breaker(id).onResult(permit, CallResult.FAILURE, 0);
    }
    tracker.onAttempt(route, new AttemptRecord(id, "key#0000", outcome, status, 150_000_000L, -1,
        outcome, true, retry));
  }

  /** A successful attempt taking {@code millis} to its answer. */
  void ok(String id, long millis) {
    ok("chat", id, millis);
  }

  void ok(String route, String id, long millis) {
    CircuitBreaker.Permit permit = breaker(id).tryAcquire();
    if (permit != null) {
      breaker(id).onResult(permit, CallResult.SUCCESS, millis * 1_000_000L);
    }
    tracker.onAttempt(route, new AttemptRecord(id, "key#0000", "success", 200,
        millis * 1_000_000L, -1, "ok", true, 0));
  }

  /** The engine passing a target by because its breaker is open. */
  void skip(String id) {
    tracker.onAttempt("chat", new AttemptRecord(id, null, AttemptRecord.BREAKER_OPEN, 0, 0, -1,
        "circuit breaker open", false, 0));
  }

  void request(String route, String outcome, int attempts, long millis) {
    tracker.onRequest(new RequestSummary(route, "openai", outcome,
        "succeeded".equals(outcome) ? 200 : 503, "succeeded".equals(outcome) ? P2 : null,
        attempts, attempts > 1, false, millis * 1_000_000L, -1, 1_000_000L, 10, 20));
  }

  /** Fails the target until its breaker opens (4 calls at the configured minimum). */
  void openBreaker(String id) {
    for (int i = 0; i < 10 && breaker(id).state() != BreakerState.OPEN; i++) {
      fail(id);
    }
    if (breaker(id).state() != BreakerState.OPEN) {
      throw new AssertionError("breaker of " + id + " did not open");
    }
  }

  /** Lets the open period pass and closes the breaker with one good trial. */
  void recover(String id) {
    clock.advance(Duration.ofSeconds(30));
    ok(id, 100);
  }

  StatusSnapshot.TargetStatus targetStatus(String id) {
    for (StatusSnapshot.ProviderStatus p : tracker.snapshot().providers()) {
      for (StatusSnapshot.TargetStatus t : p.targets()) {
        if (t.id().equals(id)) {
          return t;
        }
      }
    }
    throw new IllegalArgumentException(id);
  }

  HealthState state(String id) {
    return tracker.targetState(id).orElseThrow();
  }

  /** Forwards every event to the tracker once it exists, as a gateway would. */
  static final class Forwarder implements HealthListener {
    volatile HealthListener delegate = HealthListener.NONE;

    @Override
    public void onAttempt(String route, AttemptRecord record) {
      delegate.onAttempt(route, record);
    }

    @Override
    public void onRequest(RequestSummary summary) {
      delegate.onRequest(summary);
    }

    @Override
    public void onFailover(String route, String from, String to, String reason) {
      delegate.onFailover(route, from, to, reason);
    }

    @Override
    public void onTransition(String target, BreakerState from, BreakerState to, long atNanos) {
      delegate.onTransition(target, from, to, atNanos);
    }

    @Override
    public void onKeyQuarantined(String provider, String keyLabel, long untilNanos) {
      delegate.onKeyQuarantined(provider, keyLabel, untilNanos);
    }

    @Override
    public void onKeyReadmitted(String provider, String keyLabel) {
      delegate.onKeyReadmitted(provider, keyLabel);
    }

    @Override
    public void onProviderQuarantined(String provider) {
      delegate.onProviderQuarantined(provider);
    }

    @Override
    public void onProviderReadmitted(String provider) {
      delegate.onProviderReadmitted(provider);
    }
  }
}
