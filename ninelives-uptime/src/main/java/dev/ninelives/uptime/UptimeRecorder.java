package dev.ninelives.uptime;

import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts, per wall-clock minute, what the uptime report needs: for every target and its
 * provider, upstream attempts by outcome (and targets skipped as unavailable); for every route,
 * client requests by outcome and how many were answered by a backup target; and whether a
 * target's breaker was open or a provider quarantined during the minute. Minutes are read from
 * the injected {@link Clock}'s wall time (UTC epoch minutes).
 *
 * <p>This is the hot path: an attempt costs one map lookup and two counter increments, a
 * request one lookup and one or two increments, with no lock and no allocation except the
 * first event of a series in a new minute. Storing the counts is {@link UptimeHistory}'s job,
 * off the request threads.
 *
 * <p>Thread-safe. At most {@value #MAX_SERIES} targets, providers and routes each are told
 * apart (direct {@code provider/model} names are chosen by clients); beyond that their counts
 * go to a series named {@value #OVERFLOW}. API keys are never seen: key labels are ignored.
 */
public final class UptimeRecorder implements HealthListener {
  static final int MAX_SERIES = 1000;
  static final String OVERFLOW = "(other)";
  static final String GATEWAY = "gateway";

  private final Clock clock;
  private final Table targets = new Table(Kind.TARGET);
  private final Table providers = new Table(Kind.PROVIDER);
  private final Table routes = new Table(Kind.ROUTE);
  private final Series gateway = new Series(Kind.GATEWAY, GATEWAY, null);

  public UptimeRecorder(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  long minute() {
    return Math.floorDiv(clock.epochMillis(), 60_000L);
  }

  Clock clock() {
    return clock;
  }

  @Override
  public void onAttempt(String route, AttemptRecord record) {
    if (!Outcomes.counted(record)) {
      return; // not sent for another reason (the target's format cannot carry the request)
    }
    long minute = minute();
    int slot = Outcomes.ATTEMPTS.index(record.outcome());
    Series t = target(record.target());
    t.add(minute, slot);
    Series p = t.provider != null ? t.provider : provider(providerOf(record.target()));
    p.add(minute, slot);
  }

  @Override
  public void onRequest(RequestSummary summary) {
    if (RequestSummary.NO_ROUTE.equals(summary.route())) {
      return; // refused before routing: the caller's mistake, and no route to charge it to
    }
    long minute = minute();
    Bucket b = routes.get(summary.route(), null).bucket(minute);
    b.counts[Outcomes.REQUESTS.index(summary.outcome())].increment();
    if (summary.failedOver() && Outcomes.SUCCEEDED.equals(summary.outcome())) {
      b.failedOver.increment();
    }
  }

  @Override
  public void onTransition(String target, BreakerState from, BreakerState to, long atNanos) {
    Series t = target(target);
    t.outNow = to == BreakerState.OPEN;
    if (to == BreakerState.OPEN || from == BreakerState.OPEN) {
      t.bucket(minute()).out = true; // open for at least part of this minute
    }
  }

  @Override
  public void onProviderQuarantined(String provider) {
    Series p = provider(provider);
    p.outNow = true;
    p.bucket(minute()).out = true;
  }

  @Override
  public void onProviderReadmitted(String provider) {
    Series p = provider(provider);
    p.outNow = false;
    p.bucket(minute()).out = true; // it was out until now
  }

  /**
   * Marks {@code minute} as one the gateway was running in, and as out for every target whose
   * breaker is open and every quarantined provider: without traffic, nothing else would.
   */
  void tick(long minute) {
    gateway.add(minute, 0);
    for (Table table : List.of(targets, providers)) {
      for (Series s : table.map.values()) {
        if (s.outNow) {
          s.bucket(minute).out = true;
        }
      }
    }
  }

  /** Every series, for the flusher and live reports. */
  List<Series> series() {
    List<Series> all = new ArrayList<>();
    all.add(gateway);
    all.addAll(providers.map.values());
    all.addAll(targets.map.values());
    all.addAll(routes.map.values());
    return all;
  }

  private Series target(String id) {
    Series s = targets.map.get(id);
    return s != null ? s : targets.get(id, provider(providerOf(id)));
  }

  private Series provider(String name) {
    return providers.get(name, null);
  }

  private static String providerOf(String target) {
    int slash = target.indexOf('/');
    return slash < 0 ? target : target.substring(0, slash);
  }

  /** Series by name, bounded. */
  private static final class Table {
    final Kind kind;
    final ConcurrentHashMap<String, Series> map = new ConcurrentHashMap<>();
    final AtomicInteger admitted = new AtomicInteger();

    Table(Kind kind) {
      this.kind = kind;
    }

    Series get(String name, Series provider) {
      Series s = map.get(name);
      if (s != null) {
        return s;
      }
      if (admitted.get() >= MAX_SERIES) {
        // Past the cap, counts still count, under one name; an overflow target has no single
        // provider, so its provider is found per attempt.
        return map.computeIfAbsent(OVERFLOW, n -> new Series(kind, n, null));
      }
      return map.computeIfAbsent(name, n -> {
        admitted.incrementAndGet();
        return new Series(kind, n, provider);
      });
    }
  }
}
