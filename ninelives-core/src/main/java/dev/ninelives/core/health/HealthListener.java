package dev.ninelives.core.health;

import dev.ninelives.core.breaker.BreakerListener;
import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.keys.KeyPoolListener;
import dev.ninelives.core.policy.AttemptRecord;

/**
 * Everything the policy engine decides, as events: attempts and their outcomes, failovers,
 * breaker transitions, key and provider quarantine. Metrics, logs, the status page and the
 * incident timeline subscribe here; none of them reads the engine's internals.
 *
 * <p>Every method has an empty default, so a subscriber implements only what it needs.
 * Implementations must be thread-safe and quick: they are called on request threads, some
 * under a breaker's or key pool's lock.
 */
public interface HealthListener extends BreakerListener, KeyPoolListener {

  /** An upstream attempt finished, or a target was skipped without a network call. */
  default void onAttempt(String route, AttemptRecord record) { }

  /** A client request ended (answered, failed, refused or abandoned by the client). */
  default void onRequest(RequestSummary summary) { }

  /** A request moved on from one target to the next. */
  default void onFailover(String route, String fromTarget, String toTarget, String reason) { }

  @Override
  default void onTransition(String target, BreakerState from, BreakerState to, long atNanos) { }

  @Override
  default void onKeyQuarantined(String provider, String keyLabel, long untilNanos) { }

  @Override
  default void onKeyReadmitted(String provider, String keyLabel) { }

  @Override
  default void onProviderQuarantined(String provider) { }

  @Override
  default void onProviderReadmitted(String provider) { }

  /** A listener that ignores everything. */
  HealthListener NONE = new HealthListener() { };
}
