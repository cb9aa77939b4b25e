package dev.ninelives.core.health;

import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.policy.AttemptRecord;
import java.util.Objects;

/**
 * Sends every health event to two listeners, first to one, then to the other. The gateway
 * composes its subscribers with it, and the policy engine uses it to add a request's own
 * listener (its trace) to the gateway-wide one for the length of that request.
 *
 * <p>Thread-safe if both listeners are.
 */
public final class TeeListener implements HealthListener {
  private final HealthListener first;
  private final HealthListener second;

  private TeeListener(HealthListener first, HealthListener second) {
    this.first = first;
    this.second = second;
  }

  /** Every listener given, called in order, leaving out {@link HealthListener#NONE}. */
  public static HealthListener all(HealthListener... listeners) {
    HealthListener result = NONE;
    for (HealthListener l : listeners) {
      result = of(result, l);
    }
    return result;
  }

  /** Both listeners; just the other one when either is {@link HealthListener#NONE}. */
  public static HealthListener of(HealthListener first, HealthListener second) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    if (second == NONE) {
      return first;
    }
    if (first == NONE) {
      return second;
    }
    return new TeeListener(first, second);
  }

  @Override
  public void onAttempt(String route, AttemptRecord record) {
    first.onAttempt(route, record);
    second.onAttempt(route, record);
  }

  @Override
  public void onRequest(RequestSummary summary) {
    first.onRequest(summary);
    second.onRequest(summary);
  }

  @Override
  public void onFailover(String route, String fromTarget, String toTarget, String reason) {
    first.onFailover(route, fromTarget, toTarget, reason);
    second.onFailover(route, fromTarget, toTarget, reason);
  }

  @Override
  public void onTransition(String target, BreakerState from, BreakerState to, long atNanos) {
    first.onTransition(target, from, to, atNanos);
    second.onTransition(target, from, to, atNanos);
  }

  @Override
  public void onKeyQuarantined(String provider, String keyLabel, long untilNanos) {
    first.onKeyQuarantined(provider, keyLabel, untilNanos);
    second.onKeyQuarantined(provider, keyLabel, untilNanos);
  }

  @Override
  public void onKeyReadmitted(String provider, String keyLabel) {
    first.onKeyReadmitted(provider, keyLabel);
    second.onKeyReadmitted(provider, keyLabel);
  }

  @Override
  public void onProviderQuarantined(String provider) {
    first.onProviderQuarantined(provider);
    second.onProviderQuarantined(provider);
  }

  @Override
  public void onProviderReadmitted(String provider) {
    first.onProviderReadmitted(provider);
    second.onProviderReadmitted(provider);
  }
}
