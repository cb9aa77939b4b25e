package dev.ninelives.metrics;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.ninelives.core.keys.KeyLease;
import dev.ninelives.core.keys.KeyPool;
import dev.ninelives.core.routing.Target;
import dev.ninelives.core.routing.TargetRegistry;
import dev.ninelives.core.time.ManualClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Breaker and quarantine gauges read from a real {@link TargetRegistry}. */
class BreakerGaugeTest {
  private final ManualClock clock = new ManualClock();
  private final GatewayMetrics metrics = new GatewayMetrics();
  private final ResilienceConfig resilience = new ResilienceConfig(
      new ResilienceConfig.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(20),
          Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30)),
      new ResilienceConfig.Retries(2, Duration.ofMillis(200), Duration.ofSeconds(10), 0.2, 3,
          Duration.ofSeconds(10)),
      // failure rate 50%, minimum 4 calls, open for 30 s, one half-open trial
      new ResilienceConfig.Breaker(0.5, 0.8, Duration.ofSeconds(10), 4, Duration.ofSeconds(60),
          Duration.ofSeconds(30), 1),
      new ResilienceConfig.Quarantine(Duration.ofSeconds(60), Duration.ofMinutes(10)));
  private final TargetRegistry targets = new TargetRegistry(config(), clock, metrics);

  private GatewayConfig config() {
    Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    for (String p : List.of("p1", "p2")) {
      providers.put(p, new ProviderConfig(p, ProviderType.OPENAI_COMPATIBLE,
          "http://127.0.0.1:1/v1", List.of(Secret.of("k-" + p)), null, Map.of()));
    }
    Map<String, ModelRoute> models = new LinkedHashMap<>();
    models.put("chat", new ModelRoute("chat", Strategy.FAILOVER,
        List.of(TargetRef.of("p1", "a"), TargetRef.of("p2", "b")), resilience, false));
    return new GatewayConfig("127.0.0.1", 0, providers, models, resilience,
        GatewayConfig.DEFAULT_MAX_REQUEST_BYTES);
  }

  private CircuitBreaker breaker(String id) {
    for (Target t : targets.targets()) {
      if (t.id().equals(id)) {
        return t.breaker();
      }
    }
    throw new AssertionError("no target " + id);
  }

  private static void fail(CircuitBreaker breaker, int times) {
    for (int i = 0; i < times; i++) {
      breaker.onResult(breaker.tryAcquire(), CallResult.FAILURE, 0);
    }
  }

  private double state(String target) {
    return Exposition.parse(metrics.scrape()).value("ninelives_breaker_state", "target", target);
  }

  @Test
  void bindingRegistersAGaugePerKnownTarget() {
    metrics.bindTargets(targets);
    Exposition e = Exposition.parse(metrics.scrape());
    assertThat(e.labelValues("ninelives_breaker_state", "target"))
        .containsExactlyInAnyOrder("p1/a", "p2/b");
    assertThat(e.value("ninelives_breaker_state", "target", "p1/a")).isEqualTo(0.0);
    assertThat(e.value("ninelives_breaker_state", "target", "p2/b")).isEqualTo(0.0);
    assertThat(e.value("ninelives_provider_quarantined", "provider", "p1")).isEqualTo(0.0);
    assertThat(e.value("ninelives_provider_quarantined", "provider", "p2")).isEqualTo(0.0);
  }

  @Test
  void gaugeGoesFromClosedToOpenToHalfOpenAndBack() {
    metrics.bindTargets(targets);
    CircuitBreaker b = breaker("p1/a");
    assertThat(state("p1/a")).isEqualTo(0.0);

    fail(b, 4);
    assertThat(b.state()).isEqualTo(BreakerState.OPEN);
    assertThat(state("p1/a")).isEqualTo(2.0);
    assertThat(state("p2/b")).isEqualTo(0.0);

    // The open period passes: no event fires, but the breaker reads half-open when scraped.
    clock.advance(Duration.ofSeconds(30));
    assertThat(state("p1/a")).isEqualTo(1.0);

    // The trial succeeds and the breaker closes.
    b.onResult(b.tryAcquire(), CallResult.SUCCESS, 0);
    assertThat(b.state()).isEqualTo(BreakerState.CLOSED);
    assertThat(state("p1/a")).isEqualTo(0.0);

    // Fails again, the trial fails: open again.
    fail(b, 4);
    clock.advance(Duration.ofSeconds(30));
    b.onResult(b.tryAcquire(), CallResult.FAILURE, 0);
    assertThat(state("p1/a")).isEqualTo(2.0);
  }

  @Test
  void directTargetsAddedLaterGetGauges() {
    metrics.bindTargets(targets);
    Target direct = targets.target(TargetRef.of("p2", "direct-model"));

    // Seen at the next scrape even before any event names it...
    assertThat(state("p2/direct-model")).isEqualTo(0.0);

    // ...and reading its own breaker.
    fail(direct.breaker(), 4);
    assertThat(state("p2/direct-model")).isEqualTo(2.0);
  }

  @Test
  void aTargetFirstSeenInAnEventReadsItsBreaker() {
    metrics.bindTargets(targets);
    Target direct = targets.target(TargetRef.of("p1", "other-model"));
    fail(direct.breaker(), 4); // the transition event is the first time metrics hear of it
    clock.advance(Duration.ofSeconds(30));
    // Half-open comes from the breaker, not from an event.
    assertThat(metrics.registry().find("ninelives.breaker.state")
        .tag("target", "p1/other-model").gauge().value()).isEqualTo(1.0);
  }

  @Test
  void eventsBeforeBindingAreKeptAndBindingTakesOver() {
    CircuitBreaker b = breaker("p1/a");
    fail(b, 4); // metrics is the registry's listener: the transition is an event
    assertThat(state("p1/a")).isEqualTo(2.0);
    clock.advance(Duration.ofSeconds(30));
    assertThat(state("p1/a")).isEqualTo(2.0); // only events so far: still open

    metrics.bindTargets(targets);
    assertThat(state("p1/a")).isEqualTo(1.0); // the breaker itself says half-open
  }

  @Test
  void rebindingAfterAReloadFollowsTheNewBreakers() {
    metrics.bindTargets(targets);
    fail(breaker("p1/a"), 4);
    assertThat(state("p1/a")).isEqualTo(2.0);

    TargetRegistry reloaded = new TargetRegistry(config(), clock, metrics);
    metrics.bindTargets(reloaded);
    assertThat(state("p1/a")).isEqualTo(0.0);
  }

  @Test
  void providerGaugeReadsTheKeyPool() {
    metrics.bindTargets(targets);
    KeyPool pool = targets.keyPool("p1");
    KeyLease lease = pool.acquire();
    pool.releaseRejected(lease); // its only key fails auth: the provider is quarantined
    assertThat(pool.providerQuarantined()).isTrue();
    Exposition e = Exposition.parse(metrics.scrape());
    assertThat(e.value("ninelives_provider_quarantined", "provider", "p1")).isEqualTo(1.0);
    assertThat(e.value("ninelives_provider_quarantined", "provider", "p2")).isEqualTo(0.0);
  }
}
