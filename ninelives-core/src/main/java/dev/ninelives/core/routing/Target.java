package dev.ninelives.core.routing;

import dev.ninelives.core.breaker.CircuitBreaker;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.TargetRef;
import dev.ninelives.core.keys.KeyPool;
import dev.ninelives.core.retry.RetryBudget;
import java.util.Objects;

/**
 * A target as the engine sees it at run time: the configured model at a provider, with the
 * health state it shares with every route that uses it — its circuit breaker and retry
 * budget — and its provider's key pool (shared by all targets of that provider).
 *
 * <p>Immutable holder of thread-safe parts.
 */
public final class Target {
  private final TargetRef ref;
  private final ProviderConfig provider;
  private final CircuitBreaker breaker;
  private final RetryBudget budget;
  private final KeyPool keys;
  private final String id; // built once: every attempt, record and metric names its target

  public Target(TargetRef ref, ProviderConfig provider, CircuitBreaker breaker, RetryBudget budget,
      KeyPool keys) {
    this.ref = Objects.requireNonNull(ref, "ref");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.breaker = Objects.requireNonNull(breaker, "breaker");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.id = ref.id();
  }

  public TargetRef ref() {
    return ref;
  }

  /** {@code provider/model}. */
  public String id() {
    return id;
  }

  public ProviderConfig provider() {
    return provider;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  public RetryBudget budget() {
    return budget;
  }

  public KeyPool keys() {
    return keys;
  }

  /** This target with another route's flags (weight, larger-context) but the same health. */
  Target withRef(TargetRef other) {
    return other.equals(ref) ? this : new Target(other, provider, breaker, budget, keys);
  }

  /**
   * Since when this target has been unavailable (breaker open or provider quarantined), in
   * clock nanos; {@link Long#MAX_VALUE} when it is available.
   */
  public long unavailableSinceNanos() {
    long since = Long.MAX_VALUE;
    if (breaker.state() == dev.ninelives.core.breaker.BreakerState.OPEN) {
      since = breaker.openedAtNanos();
    }
    return Math.min(since, keys.quarantinedSinceNanos());
  }

  @Override
  public String toString() {
    return "Target[" + id() + "]";
  }
}
