package dev.ninelives.status;

import dev.ninelives.core.breaker.BreakerState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tracker knows of one target. The window, breaker history and recent routes are
 * guarded by this object's monitor; the run-up and {@link #degradedSeen} by the tracker's
 * incident lock (which may be held while taking this one, never the other way round).
 */
final class TargetHealth {
  static final int HISTORY = 50;
  static final int MIN_JUDGED = 5;
  private static final int MAX_ROUTES = 64;

  final String id;
  final String provider;
  final long slowCallNanos;

  // Guarded by this.
  final TargetWindow window = new TargetWindow();
  private final ArrayDeque<StatusSnapshot.BreakerTransition> history = new ArrayDeque<>();
  private long closedAtNanos = Long.MIN_VALUE;
  private final LinkedHashMap<String, Long> routes = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > MAX_ROUTES;
    }
  };

  /** The breaker state as told by transition events. */
  volatile BreakerState breaker = BreakerState.CLOSED;

  // Guarded by the tracker's incident lock; volatile for the tracker's lock-free fast path.
  volatile boolean degradedSeen;
  /** Whether an incident about this target is open (written under the incident lock). */
  volatile boolean incidentOpen;
  final RunUp runUp = new RunUp();

  TargetHealth(String id, String provider, long slowCallNanos) {
    this.id = id;
    this.provider = provider;
    this.slowCallNanos = slowCallNanos;
  }

  synchronized void transition(long now, long nowMillis, BreakerState from, BreakerState to) {
    history.addLast(new StatusSnapshot.BreakerTransition(nowMillis, from, to));
    while (history.size() > HISTORY) {
      history.removeFirst();
    }
    breaker = to;
    if (to == BreakerState.CLOSED) {
      closedAtNanos = now; // a closed breaker starts afresh, and so does the judgement here
    }
  }

  synchronized List<StatusSnapshot.BreakerTransition> history() {
    return List.copyOf(history);
  }

  /** Notes that a route sent an attempt here (held under this object's lock). */
  void noteRouteLocked(String route, long now) {
    routes.put(route, now);
  }

  /** Routes that sent an attempt here since {@code sinceNanos}. */
  synchronized List<String> routesSince(long sinceNanos) {
    List<String> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, Long>> it = routes.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      if (e.getValue() >= sinceNanos) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  synchronized String degradedReason(long now, BreakerState state) {
    return degradedReasonLocked(now, state);
  }

  /**
   * Why the target is degraded, in plain words, or null when it is not: its breaker is
   * closed, and since it last closed, within the last minute, at least 20% of at least
   * {@value #MIN_JUDGED} judged attempts failed, or the 95th percentile of at least
   * {@value #MIN_JUDGED} answers was slower than the breaker's slow-call threshold.
   */
  String degradedReasonLocked(long now, BreakerState state) {
    if (state != BreakerState.CLOSED) {
      return null;
    }
    TargetWindow.Stats s = window.sum(now, TargetWindow.RECENT, closedAtNanos);
    long judged = s.judged();
    if (judged >= MIN_JUDGED && s.failures * 5 >= judged) {
      return id + " is failing more often than usual: " + s.failures + " of " + judged
          + " requests failed in the last minute.";
    }
    if (s.successes >= MIN_JUDGED && Latencies.p95Above(s.successes, s.slow)) {
      return id + " is answering slowly: more than 5% of answers in the last minute took longer"
          + " than " + seconds(slowCallNanos) + ".";
    }
    return null;
  }

  private static String seconds(long nanos) {
    double s = nanos / 1e9;
    return s == Math.rint(s) ? (long) s + " s" : String.format(java.util.Locale.ROOT, "%.1f s", s);
  }
}
