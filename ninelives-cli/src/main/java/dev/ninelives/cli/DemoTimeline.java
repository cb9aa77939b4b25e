package dev.ninelives.cli;

import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.SimulatedProvider;
import dev.ninelives.simulator.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The outage the demo replays on the primary, in phases spread over the run: latency climbs,
 * then 503s (a database migration), then every key rejected (a corrupted session store), then
 * recovery. It also collects the gateway's health events so the demo can show them as they
 * happen.
 *
 * <p>{@link #apply} is called from one thread; the health callbacks from any.
 */
final class DemoTimeline implements HealthListener {

  /** The phases, in order, with the share of the run at which each begins. */
  enum Phase {
    HEALTHY(0.0, "all providers healthy"),
    SLOWING(0.15, "primary slows down: latency climbs from 0.2 s to 2.5 s"),
    ERRORS(0.35, "database migration: primary answers 503"),
    AUTH(0.55, "session store corrupted: primary rejects every key (401)"),
    RECOVERY(0.75, "primary recovers");

    final double start;
    final String description;

    Phase(double start, String description) {
      this.start = start;
      this.description = description;
    }

    /** Whether a client wired straight to the primary would have seen failures or long waits. */
    boolean primaryBroken() {
      return this == ERRORS || this == AUTH;
    }
  }

  private final SimulatedProvider primary;
  private final long durationMillis;
  private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
  private Phase phase;

  DemoTimeline(Simulation sim, Duration duration) {
    this.primary = sim.provider("primary");
    this.durationMillis = duration.toMillis();
  }

  long durationMillis() {
    return durationMillis;
  }

  Phase phaseAt(long elapsedMillis) {
    Phase current = Phase.HEALTHY;
    for (Phase p : Phase.values()) {
      if (elapsedMillis >= p.start * durationMillis) {
        current = p;
      }
    }
    return current;
  }

  /** Sets the primary's faults for this moment of the run; returns the phase. */
  Phase apply(long elapsedMillis) {
    Phase now = phaseAt(elapsedMillis);
    if (now == Phase.SLOWING) {
      double progress = (elapsedMillis - Phase.SLOWING.start * durationMillis)
          / ((Phase.ERRORS.start - Phase.SLOWING.start) * durationMillis);
      long delay = 200 + Math.round(Math.min(1, Math.max(0, progress)) * 2300);
      primary.setDefault(Fault.delayFirstEvent(Duration.ofMillis(delay)));
    }
    if (now != phase) {
      phase = now;
      switch (now) {
        case ERRORS:
          primary.setDefault(Fault.status(503));
          break;
        case AUTH:
          primary.setDefault(Fault.none());
          primary.setValidKeys("a-key-nobody-has");
          break;
        case RECOVERY:
          primary.setValidKeys();
          primary.setDefault(Fault.none());
          break;
        default:
          break;
      }
    }
    return now;
  }

  /** Events since the last call, oldest first. */
  List<String> drainEvents() {
    List<String> out = new ArrayList<>();
    for (String e; (e = events.poll()) != null; ) {
      out.add(e);
    }
    return out;
  }

  @Override
  public void onTransition(String target, BreakerState from, BreakerState to, long atNanos) {
    events.add(to == BreakerState.OPEN
        ? "breaker of " + target + " opened: its traffic moves to the next target"
        : "breaker of " + target + " is " + to.label());
  }

  @Override
  public void onProviderQuarantined(String provider) {
    events.add("every key of '" + provider + "' rejected: provider quarantined");
  }

  @Override
  public void onProviderReadmitted(String provider) {
    events.add("a probe of '" + provider + "' succeeded: provider readmitted");
  }
}
