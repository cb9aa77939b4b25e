package dev.ninelives.drill;

import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.policy.AttemptRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Records what the gateway decides during a drill: breaker transitions, quarantines and
 * failovers from its health events, timed on the replay's clock, and upstream attempts per
 * target. A gateway in this process reports them as a {@link HealthListener}; a gateway
 * elsewhere through its status page ({@link StatusPoller}).
 *
 * <p>Thread-safe and quick: callbacks only append to a concurrent queue or bump a counter.
 */
public final class GatewayEvents implements HealthListener {
  private final LongSupplier clock;
  private final ConcurrentLinkedQueue<GatewayEvent> events = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> fresh = new ConcurrentLinkedQueue<>();
  private final AtomicLong failovers = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  /** @param clock nanoseconds from the start of the replay */
  public GatewayEvents(LongSupplier clock) {
    this.clock = clock;
  }

  void add(GatewayEvent.Kind kind, String subject, String detail) {
    GatewayEvent e = new GatewayEvent(clock.getAsLong(), kind, subject, detail);
    events.add(e);
    if (kind != GatewayEvent.Kind.FAILOVER && kind != GatewayEvent.Kind.KEY_QUARANTINED) {
      fresh.add(e.describe());
    }
  }

  @Override
  public void onTransition(String target, BreakerState from, BreakerState to, long atNanos) {
    add(GatewayEvent.Kind.BREAKER, target, to.label());
  }

  @Override
  public void onProviderQuarantined(String provider) {
    add(GatewayEvent.Kind.PROVIDER_QUARANTINED, provider, "");
  }

  @Override
  public void onProviderReadmitted(String provider) {
    add(GatewayEvent.Kind.PROVIDER_READMITTED, provider, "");
  }

  @Override
  public void onKeyQuarantined(String provider, String keyLabel, long untilNanos) {
    add(GatewayEvent.Kind.KEY_QUARANTINED, provider, "");
  }

  @Override
  public void onFailover(String route, String fromTarget, String toTarget, String reason) {
    failovers.incrementAndGet();
    add(GatewayEvent.Kind.FAILOVER, fromTarget, toTarget);
  }

  @Override
  public void onAttempt(String route, AttemptRecord record) {
    if (record.network() && record.retry() > 0) {
      retries.incrementAndGet();
    }
  }

  /** Forgets everything recorded so far (what the warm-up caused). */
  void clear() {
    events.clear();
    fresh.clear();
    failovers.set(0);
    retries.set(0);
  }

  /** Every event so far, in the order they were recorded. */
  public List<GatewayEvent> all() {
    return new ArrayList<>(events);
  }

  /** Failovers from one target to the next, as the gateway counted them. */
  public long failovers() {
    return failovers.get();
  }

  /** Upstream retries of a target (attempts after the first on the same target). */
  public long retries() {
    return retries.get();
  }

  /** Descriptions of breaker and quarantine events not yet shown, oldest first. */
  List<String> drainFresh() {
    List<String> out = new ArrayList<>();
    for (String s; (s = fresh.poll()) != null; ) {
      out.add(s);
    }
    return out;
  }
}
