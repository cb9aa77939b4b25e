package dev.ninelives.server;

import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.policy.AttemptRecord;

/**
 * A listener whose target is set after construction: the status tracker needs the engine's
 * target registry, and the engine needs its listeners when it is built. Until set, events go
 * nowhere. Thread-safe (the target is published through a volatile field).
 */
final class DeferredListener implements HealthListener {
  private volatile HealthListener target = HealthListener.NONE;

  void set(HealthListener listener) {
    this.target = listener;
  }

  @Override
  public void onAttempt(String route, AttemptRecord record) {
    target.onAttempt(route, record);
  }

  @Override
  public void onRequest(RequestSummary summary) {
    target.onRequest(summary);
  }

  @Override
  public void onFailover(String route, String from, String to, String reason) {
    target.onFailover(route, from, to, reason);
  }

  @Override
  public void onTransition(String t, BreakerState from, BreakerState to, long atNanos) {
    target.onTransition(t, from, to, atNanos);
  }

  @Override
  public void onKeyQuarantined(String provider, String keyLabel, long untilNanos) {
    target.onKeyQuarantined(provider, keyLabel, untilNanos);
  }

  @Override
  public void onKeyReadmitted(String provider, String keyLabel) {
    target.onKeyReadmitted(provider, keyLabel);
  }

  @Override
  public void onProviderQuarantined(String provider) {
    target.onProviderQuarantined(provider);
  }

  @Override
  public void onProviderReadmitted(String provider) {
    target.onProviderReadmitted(provider);
  }
}
