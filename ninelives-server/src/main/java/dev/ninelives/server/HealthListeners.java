package dev.ninelives.server;

import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.policy.AttemptRecord;

/** Fans health events out to two listeners. */
final class HealthListeners {
  private HealthListeners() {
  }

  /** Fans out to every listener given, in order, leaving out {@link HealthListener#NONE}. */
  static HealthListener all(HealthListener... listeners) {
    HealthListener result = HealthListener.NONE;
    for (HealthListener l : listeners) {
      result = result == HealthListener.NONE ? l : both(result, l);
    }
    return result;
  }

  static HealthListener both(HealthListener a, HealthListener b) {
    if (b == HealthListener.NONE) {
      return a;
    }
    return new HealthListener() {
      @Override
      public void onAttempt(String route, AttemptRecord record) {
        a.onAttempt(route, record);
        b.onAttempt(route, record);
      }

      @Override
      public void onRequest(dev.ninelives.core.health.RequestSummary summary) {
        a.onRequest(summary);
        b.onRequest(summary);
      }

      @Override
      public void onFailover(String route, String from, String to, String reason) {
        a.onFailover(route, from, to, reason);
        b.onFailover(route, from, to, reason);
      }

      @Override
      public void onTransition(String target, BreakerState from, BreakerState to, long at) {
        a.onTransition(target, from, to, at);
        b.onTransition(target, from, to, at);
      }

      @Override
      public void onKeyQuarantined(String provider, String keyLabel, long untilNanos) {
        a.onKeyQuarantined(provider, keyLabel, untilNanos);
        b.onKeyQuarantined(provider, keyLabel, untilNanos);
      }

      @Override
      public void onKeyReadmitted(String provider, String keyLabel) {
        a.onKeyReadmitted(provider, keyLabel);
        b.onKeyReadmitted(provider, keyLabel);
      }

      @Override
      public void onProviderQuarantined(String provider) {
        a.onProviderQuarantined(provider);
        b.onProviderQuarantined(provider);
      }

      @Override
      public void onProviderReadmitted(String provider) {
        a.onProviderReadmitted(provider);
        b.onProviderReadmitted(provider);
      }
    };
  }
}
