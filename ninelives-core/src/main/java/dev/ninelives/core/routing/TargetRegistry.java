package dev.ninelives.core.routing;

import dev.ninelives.core.breaker.CircuitBreaker;
import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.TargetRef;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.keys.KeyPool;
import dev.ninelives.core.retry.RetryBudget;
import dev.ninelives.core.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health state of every target and provider: one breaker and retry budget per
 * {@code provider/model}, one key pool per provider, shared by every route that uses them.
 *
 * <p>Targets named in {@code models:} exist from the start, with the breaker and retry
 * settings of the first route that names them. Direct {@code provider/model} requests get a
 * target on first use with the global settings; at most {@link #MAX_DIRECT_TARGETS} are kept,
 * so clients sending endless distinct model names cannot grow memory without bound.
 *
 * <p>Thread-safe.
 */
public final class TargetRegistry {
  public static final int MAX_DIRECT_TARGETS = 1024;

  private final Clock clock;
  private final HealthListener listener;
  private final ResilienceConfig defaults;
  private final Map<String, ProviderConfig> providers;
  private final Map<String, KeyPool> pools = new LinkedHashMap<>();
  private final Map<String, Target> configured = new LinkedHashMap<>();
  private final ConcurrentHashMap<String, Target> direct = new ConcurrentHashMap<>();

  public TargetRegistry(GatewayConfig config, Clock clock, HealthListener listener) {
    this.clock = clock;
    this.listener = listener;
    this.defaults = config.resilience();
    this.providers = config.providers();
    for (ProviderConfig p : providers.values()) {
      pools.put(p.name(), new KeyPool(p.name(), p.apiKeys(), defaults.quarantine(), clock,
          listener));
    }
    for (ModelRoute route : config.models().values()) {
      for (TargetRef ref : route.targets()) {
        configured.computeIfAbsent(ref.id(), id -> newTarget(ref, route.resilience()));
      }
    }
  }

  private Target newTarget(TargetRef ref, ResilienceConfig resilience) {
    ProviderConfig provider = providers.get(ref.provider());
    if (provider == null) {
      throw new IllegalArgumentException("target " + ref.id() + " names an unknown provider");
    }
    return new Target(ref, provider,
        new CircuitBreaker(ref.id(), resilience.breaker(), clock, listener),
        new RetryBudget(resilience.retries(), clock),
        pools.get(ref.provider()));
  }

  /** The target for a route entry, sharing health with every other use of the same id. */
  public Target target(TargetRef ref) {
    Target t = configured.get(ref.id());
    if (t == null) {
      t = direct.get(ref.id());
    }
    if (t == null) {
      Target fresh = newTarget(ref, defaults);
      if (direct.size() >= MAX_DIRECT_TARGETS) {
        return fresh; // served, but its health is not remembered
      }
      Target raced = direct.putIfAbsent(ref.id(), fresh);
      t = raced == null ? fresh : raced;
    }
    return t.withRef(ref);
  }

  /** Every target known so far: configured ones first, in configuration order. */
  public List<Target> targets() {
    List<Target> all = new ArrayList<>(configured.values());
    all.addAll(direct.values());
    return Collections.unmodifiableList(all);
  }

  public Collection<KeyPool> keyPools() {
    return Collections.unmodifiableCollection(pools.values());
  }

  public KeyPool keyPool(String provider) {
    return pools.get(provider);
  }
}
