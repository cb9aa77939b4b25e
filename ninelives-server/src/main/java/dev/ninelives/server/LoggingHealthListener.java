package dev.ninelives.server;

import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.policy.OutcomeClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the health events an operator must see to the log: breakers opening and closing,
 * keys and providers quarantined and readmitted, and misconfigured targets (loudly). Routine
 * attempts and failovers stay at debug level so an outage does not flood the log.
 *
 * <p>Stateless and thread-safe. Messages carry key labels, never keys.
 */
final class LoggingHealthListener implements HealthListener {
  private static final Logger LOG = LoggerFactory.getLogger("ninelives.health");

  @Override
  public void onAttempt(String route, AttemptRecord r) {
    if (r.outcome().equals(OutcomeClass.NOT_FOUND.label())) {
      LOG.warn("target {} of route '{}' answered 404: the model name is probably wrong "
          + "({})", r.target(), route, r.message());
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("route '{}' attempt at {}: {} ({} ms) {}", route, r.target(), r.outcome(),
          r.durationNanos() / 1_000_000, r.message());
    }
  }

  @Override
  public void onFailover(String route, String from, String to, String reason) {
    LOG.debug("route '{}' failed over from {} to {} ({})", route, from, to, reason);
  }

  @Override
  public void onTransition(String target, BreakerState from, BreakerState to, long atNanos) {
    if (to == BreakerState.OPEN) {
      LOG.warn("breaker of {} opened (was {}): traffic moves to the next target", target,
          from.label());
    } else {
      LOG.info("breaker of {} is {} (was {})", target, to.label(), from.label());
    }
  }

  @Override
  public void onKeyQuarantined(String provider, String keyLabel, long untilNanos) {
    LOG.warn("provider '{}' rejected {}: quarantined", provider, keyLabel);
  }

  @Override
  public void onKeyReadmitted(String provider, String keyLabel) {
    LOG.info("provider '{}' accepted {} again: readmitted", provider, keyLabel);
  }

  @Override
  public void onProviderQuarantined(String provider) {
    LOG.warn("every key of provider '{}' is rejected: provider quarantined", provider);
  }

  @Override
  public void onProviderReadmitted(String provider) {
    LOG.info("provider '{}' is back: readmitted", provider);
  }
}
