package dev.ninelives.status;

import dev.ninelives.core.breaker.BreakerSnapshot;
import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.keys.KeyPool;
import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.core.routing.Target;
import dev.ninelives.core.routing.TargetRegistry;
import dev.ninelives.core.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live health picture behind the status page: subscribes to the gateway's health events
 * and keeps, per target, the last five minutes of attempts (success rate, latency, failures by
 * outcome) and its breaker's last 50 transitions; per route, the last five minutes of client
 * requests; and the incidents, each with a timeline written as things happen and the impact
 * on clients.
 *
 * <h2>States</h2>
 * A target is {@code down} while its breaker is open, {@code recovering} while half-open,
 * {@code quarantined} while every key of its provider is, {@code degraded} while its breaker is
 * closed but, within the last minute (and since the breaker last closed), at least 20% of at
 * least 5 judged attempts failed or the 95th percentile of at least 5 answers was slower than
 * the breaker's slow-call threshold; otherwise {@code healthy}. A provider is quarantined when
 * its key pool is, else it takes the worst state of its targets.
 *
 * <h2>Incidents</h2>
 * An incident opens when a target's breaker opens or the target turns degraded, or when a
 * provider is quarantined. Its timeline starts with the failure that began the trouble and
 * records, as they happen: degradation, the breaker opening, traffic moving to another target
 * (one line per from→to per minute, with a count), trial requests and their results, keys and
 * the provider being quarantined and readmitted, the breaker closing. It is resolved once the
 * subject has been healthy for a minute without a break. At most 100 incidents are kept; the
 * oldest resolved ones go first.
 *
 * <h2>Threading</h2>
 * Thread-safe; events arrive concurrently from every event loop, some under a breaker's or key
 * pool's lock. The tracker therefore never calls into a breaker or key pool while it holds a
 * lock of its own: snapshots read them first, then take the tracker's locks. Attempts and
 * requests touch only their target's or route's own lock unless something is wrong (a
 * failure, a state change, an open incident).
 *
 * <p>Events before the tracker exists are not seen: a gateway that builds its registry first
 * forwards events to the tracker once it is constructed.
 */
public final class StatusTracker implements HealthListener {
  /** How long a subject must stay healthy before its incident is resolved. */
  static final long QUIET_NANOS = 60_000_000_000L;
  /** A failure reported this long after its incident opened may still be the first one. */
  private static final long LATE_FIRST_FAILURE_NANOS = 5_000_000_000L;
  static final int MAX_INCIDENTS = 100;
  /** Resolved incidents shown in the JSON besides the open ones. */
  static final int JSON_RESOLVED_INCIDENTS = 20;
  /** At most this many targets and routes are tracked (the registry keeps 1024 direct ones). */
  private static final int MAX_TRACKED = 2048;
  /** The label of the one implicit key of a provider configured without keys. */
  private static final String NO_KEY = "no-key";
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final TargetRegistry registry;
  private final Clock clock;
  private final ConcurrentHashMap<String, TargetHealth> targets = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ProviderHealth> providers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, RouteWindow> routes = new ConcurrentHashMap<>();

  /** Guards incidents, run-ups and each target's {@code degradedSeen}. */
  private final Object lock = new Object();
  /** Oldest first. */
  private final ArrayDeque<IncidentState> incidents = new ArrayDeque<>();
  private final Map<String, IncidentState> open = new LinkedHashMap<>();
  private volatile int openCount;
  private long sequence;

  public StatusTracker(TargetRegistry registry, Clock clock) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (KeyPool pool : registry.keyPools()) {
      providers.put(pool.provider(), new ProviderHealth(pool.provider()));
    }
    for (Target t : registry.targets()) {
      targets.put(t.id(), health(t));
    }
  }

  private static TargetHealth health(Target t) {
    return new TargetHealth(t.id(), t.ref().provider(), t.breaker().slowCallNanos());
  }

  // ---------------------------------------------------------------- events

  @Override
  public void onAttempt(String route, AttemptRecord record) {
    TargetHealth t = target(record.target());
    if (t == null) {
      return;
    }
    Outcomes.Kind kind = Outcomes.kind(record);
    if (kind == Outcomes.Kind.IGNORED) {
      return;
    }
    long now = clock.nanoTime();
    long latency = record.ttftNanos() >= 0 ? record.ttftNanos() : record.durationNanos();
    boolean degraded;
    synchronized (t) {
      t.window.record(now, kind, record.outcome(), latency, t.slowCallNanos);
      t.noteRouteLocked(route, now);
      degraded = t.degradedReasonLocked(now, t.breaker) != null;
    }
    if (kind != Outcomes.Kind.FAILURE && degraded == t.degradedSeen && !t.incidentOpen
        && !providerIncidentOpen(t.provider)) {
      return; // the common case: nothing is wrong here and nothing changed
    }
    synchronized (lock) {
      long millis = clock.epochMillis();
      tick(now, millis);
      if (kind == Outcomes.Kind.FAILURE) {
        noteFailure(t, record, now, millis);
      }
      IncidentState ti = open.get(key(Incident.Kind.TARGET, t.id));
      if (ti != null) {
        countAttempt(ti, route, record, kind);
        if (record.network() && t.breaker == BreakerState.HALF_OPEN) {
          ti.timeline.add(now, millis, kind == Outcomes.Kind.SUCCESS
              ? "A trial request to " + t.id + " succeeded."
              : "A trial request to " + t.id + " failed: " + Outcomes.describeAttempt(record) + ".");
        }
      }
      IncidentState pi = open.get(key(Incident.Kind.PROVIDER, t.provider));
      if (pi != null) {
        countAttempt(pi, route, record, kind);
      }
      reconcile(t, now, millis);
    }
  }

  private static void countAttempt(IncidentState inc, String route, AttemptRecord r,
      Outcomes.Kind kind) {
    inc.linkRoute(route);
    if (!inc.counting()) {
      return;
    }
    if (r.retry() == 0) {
      inc.affected++;
    }
    if (kind == Outcomes.Kind.SKIP) {
      inc.failedOver++; // passed by because the subject is unavailable
    }
  }

  /** Under the lock: a failed attempt starts a run-up, or is an open incident's first failure. */
  private void noteFailure(TargetHealth t, AttemptRecord r, long now, long millis) {
    String text = "First failure on " + t.id + ": " + Outcomes.describeAttempt(r) + ".";
    IncidentState ti = open.get(key(Incident.Kind.TARGET, t.id));
    if (ti == null) {
      t.runUp.failure(now, millis, text);
    } else {
      lateFirstFailure(ti, text, now);
    }
    if (OutcomeClass.AUTH.label().equals(r.outcome())) {
      ProviderHealth p = provider(t.provider);
      IncidentState pi = open.get(key(Incident.Kind.PROVIDER, t.provider));
      String keyText = "First refused API key: " + t.id + " answered with "
          + Outcomes.describeAttempt(r) + ".";
      if (pi != null) {
        lateFirstFailure(pi, keyText, now);
      } else if (p != null) {
        p.runUp.failure(now, millis, keyText);
      }
    }
  }

  /**
   * A breaker opens before the attempt that tipped it is reported; when that attempt was also
   * the first failure, it goes to the top of the timeline, at the incident's opening time.
   */
  private static void lateFirstFailure(IncidentState inc, String text, long now) {
    if (!inc.hasFirstFailure && now - inc.openedAtNanos <= LATE_FIRST_FAILURE_NANOS) {
      inc.timeline.addFirst(new Timeline.Entry(inc.openedAtNanos, inc.openedAtMillis, text, 0));
      inc.hasFirstFailure = true;
    }
  }

  @Override
  public void onRequest(RequestSummary s) {
    if (RequestSummary.NO_ROUTE.equals(s.route())) {
      return; // refused before routing: the caller's mistake, not the gateway's health
    }
    RouteWindow w = route(s.route());
    if (w == null) {
      return;
    }
    long now = clock.nanoTime();
    RouteWindow.Result result = result(s);
    long latency = s.ttftNanos() >= 0 ? s.ttftNanos() : s.durationNanos();
    synchronized (w) {
      w.record(now, result, latency);
    }
    if (openCount == 0) {
      return;
    }
    synchronized (lock) {
      tick(now, clock.epochMillis());
      for (IncidentState inc : open.values()) {
        if (!inc.counting() || !inc.routes.contains(s.route())) {
          continue;
        }
        if (result == RouteWindow.Result.FAILED) {
          // A stream that broke after it started failed on the target that answered it.
          if (!"failed-after-commit".equals(s.outcome()) || s.target() == null
              || inc.concerns(s.target())) {
            inc.failed++;
          }
        } else if (result != RouteWindow.Result.NEUTRAL) {
          Double baseline = inc.baselineNanos.get(s.route());
          if (baseline != null) {
            inc.extraLatencySumNanos += latency - baseline;
            inc.extraLatencyCount++;
          }
        }
      }
    }
  }

  private static RouteWindow.Result result(RequestSummary s) {
    switch (s.outcome()) {
      case "succeeded":
        return s.failedOver() ? RouteWindow.Result.FAILED_OVER : RouteWindow.Result.SUCCEEDED;
      case "cancelled":
      case "invalid":
      case "rejected": // the upstream's answer belongs to the caller: its own mistake
        return RouteWindow.Result.NEUTRAL;
      default:
        return RouteWindow.Result.FAILED;
    }
  }

  @Override
  public void onFailover(String route, String fromTarget, String toTarget, String reason) {
    long now = clock.nanoTime();
    TargetHealth from = target(fromTarget);
    String provider = providerOf(fromTarget);
    String key = fromTarget + "\u0000" + toTarget;
    String text = "Traffic moved from " + fromTarget + " to " + toTarget;
    synchronized (lock) {
      long millis = clock.epochMillis();
      tick(now, millis);
      IncidentState ti = open.get(key(Incident.Kind.TARGET, fromTarget));
      if (ti != null) {
        ti.timeline.addCounted(now, millis, key, text);
        ti.failedOver += ti.counting() ? 1 : 0;
        ti.linkRoute(route);
      } else if (from != null && from.runUp.live(now)) {
        from.runUp.events.addCounted(now, millis, key, text);
      }
      IncidentState pi = provider == null ? null : open.get(key(Incident.Kind.PROVIDER, provider));
      if (pi != null) {
        pi.timeline.addCounted(now, millis, key, text);
        pi.failedOver += pi.counting() ? 1 : 0;
        pi.linkRoute(route);
      }
    }
  }

  @Override
  public void onTransition(String target, BreakerState from, BreakerState to, long atNanos) {
    TargetHealth t = target(target);
    if (t == null) {
      return;
    }
    long now = clock.nanoTime();
    long millis = clock.epochMillis();
    t.transition(now, millis, from, to);
    synchronized (lock) {
      tick(now, millis);
      String id = t.id;
      IncidentState inc = open.get(key(Incident.Kind.TARGET, id));
      switch (to) {
        case OPEN:
          if (inc == null) {
            inc = openIncident(Incident.Kind.TARGET, id, HealthState.DOWN, downTitle(id), now,
                millis);
          } else {
            inc.escalate(HealthState.DOWN, downTitle(id));
          }
          inc.timeline.add(now, millis, from == BreakerState.CLOSED
              ? "Stopped sending requests to " + id + " after repeated failures (breaker opened)."
              : "A trial request to " + id + " failed; still not sending it traffic"
                  + " (breaker opened again).");
          break;
        case HALF_OPEN:
          if (inc != null) {
            inc.timeline.add(now, millis, "Testing whether " + id
                + " has recovered with trial requests (breaker half-open).");
          }
          break;
        case CLOSED:
          if (inc != null) {
            if (from != BreakerState.CLOSED) {
              inc.timeline.add(now, millis, "A trial request to " + id + " succeeded.");
            }
            inc.timeline.add(now, millis, "Traffic is back on " + id + " (breaker closed).");
          }
          break;
        default:
          break;
      }
      reconcile(t, now, millis);
    }
  }

  @Override
  public void onKeyQuarantined(String provider, String keyLabel, long untilNanos) {
    // The key's label is left out on purpose: the page is read by people outside operations.
    ProviderHealth p = provider(provider);
    if (NO_KEY.equals(keyLabel) && p != null) {
      p.keyless = true;
      keyEvent(p, provider, provider + " refused access.");
    } else {
      keyEvent(p, provider, "An API key for " + provider + " was refused; it is set aside for now.");
    }
  }

  @Override
  public void onKeyReadmitted(String provider, String keyLabel) {
    if (!NO_KEY.equals(keyLabel)) { // a keyless provider's readmission says it all
      keyEvent(provider(provider), provider, "An API key for " + provider + " works again.");
    }
  }

  private void keyEvent(ProviderHealth p, String provider, String text) {
    long now = clock.nanoTime();
    synchronized (lock) {
      long millis = clock.epochMillis();
      tick(now, millis);
      IncidentState pi = open.get(key(Incident.Kind.PROVIDER, provider));
      if (pi != null) {
        pi.timeline.add(now, millis, text);
      } else if (p != null) {
        p.runUp.events.add(now, millis, text);
        p.runUp.events.pruneBefore(now - RunUp.REACH_NANOS);
      }
    }
  }

  @Override
  public void onProviderQuarantined(String provider) {
    ProviderHealth p = provider(provider);
    if (p == null) {
      return;
    }
    p.quarantined = true;
    long now = clock.nanoTime();
    synchronized (lock) {
      long millis = clock.epochMillis();
      tick(now, millis);
      IncidentState pi = open.get(key(Incident.Kind.PROVIDER, provider));
      if (pi == null) {
        pi = openIncident(Incident.Kind.PROVIDER, provider, HealthState.QUARANTINED,
            provider + " is unavailable: it refused our access", now, millis);
      }
      pi.timeline.add(now, millis, (p.keyless ? provider + " refused access"
          : "Every API key for " + provider + " was refused")
          + "; stopped sending requests to " + provider + ".");
      pi.healthySinceNanos = IncidentState.NOT_HEALTHY;
    }
  }

  @Override
  public void onProviderReadmitted(String provider) {
    ProviderHealth p = provider(provider);
    if (p == null) {
      return;
    }
    p.quarantined = false;
    long now = clock.nanoTime();
    synchronized (lock) {
      long millis = clock.epochMillis();
      tick(now, millis);
      IncidentState pi = open.get(key(Incident.Kind.PROVIDER, provider));
      if (pi != null) {
        pi.timeline.add(now, millis, provider + " accepts requests again; traffic resumes.");
        pi.healthySinceNanos = now;
      }
    }
  }

  // ---------------------------------------------------------------- incidents (under lock)

  private static String key(Incident.Kind kind, String subject) {
    return kind == Incident.Kind.TARGET ? "t:" + subject : "p:" + subject;
  }

  private static String downTitle(String target) {
    return target + " is unavailable";
  }

  private static String degradedTitle(String target) {
    return "Slower or less reliable answers from " + target;
  }

  /**
   * Under the lock: compares the target's degradation now with what was last seen, opens an
   * incident when it turns degraded, and keeps the open incident's healthy-since mark.
   */
  private void reconcile(TargetHealth t, long now, long millis) {
    BreakerState state = t.breaker;
    String reason = t.degradedReason(now, state);
    boolean degraded = reason != null;
    boolean was = t.degradedSeen;
    t.degradedSeen = degraded;
    IncidentState inc = open.get(key(Incident.Kind.TARGET, t.id));
    if (degraded && !was) {
      if (inc == null) {
        inc = openIncident(Incident.Kind.TARGET, t.id, HealthState.DEGRADED,
            degradedTitle(t.id), now, millis);
      } else {
        inc.escalate(HealthState.DEGRADED, degradedTitle(t.id));
      }
      inc.timeline.add(now, millis, reason);
    }
    if (inc == null) {
      return;
    }
    if (state == BreakerState.CLOSED && !degraded) {
      if (inc.healthySinceNanos == IncidentState.NOT_HEALTHY) {
        inc.healthySinceNanos = now;
      }
    } else {
      inc.healthySinceNanos = IncidentState.NOT_HEALTHY;
    }
  }

  /**
   * Under the lock: resolves every open incident whose subject has been healthy for a minute,
   * then brings the others' healthy-since marks up to date (a degradation ends by time alone,
   * without an event).
   *
   * <p>Resolution is checked first, against the mark as it stood before the event being
   * handled: no event in between made the subject unhealthy, or it would have cleared the mark.
   */
  private void tick(long now, long millis) {
    if (open.isEmpty()) {
      return;
    }
    for (IncidentState inc : new ArrayList<>(open.values())) {
      if (inc.healthySinceNanos != IncidentState.NOT_HEALTHY
          && now - inc.healthySinceNanos >= QUIET_NANOS) {
        resolve(inc, inc.healthySinceNanos + QUIET_NANOS, now, millis);
        continue;
      }
      if (inc.kind == Incident.Kind.TARGET) {
        TargetHealth t = targets.get(inc.subject);
        if (t != null) {
          reconcile(t, now, millis);
        }
      } else {
        ProviderHealth p = providers.get(inc.subject);
        if (p != null && p.quarantined) {
          inc.healthySinceNanos = IncidentState.NOT_HEALTHY;
        }
      }
    }
  }

  private void resolve(IncidentState inc, long at, long now, long millis) {
    long atMillis = millis - (now - at) / 1_000_000L;
    inc.resolvedAtMillis = atMillis;
    inc.timeline.add(at, atMillis, "Resolved: " + inc.subject
        + " has worked normally for a minute.");
    open.remove(key(inc.kind, inc.subject));
    openCount = open.size();
    markOpen(inc.kind, inc.subject, false);
  }

  private IncidentState openIncident(Incident.Kind kind, String subject, HealthState severity,
      String title, long now, long millis) {
    String id = "inc-" + ID_TIME.format(java.time.Instant.ofEpochMilli(millis)) + "-"
        + (++sequence);
    IncidentState inc = new IncidentState(id, kind, subject, now, millis, severity, title,
        baselines(now));
    RunUp runUp;
    if (kind == Incident.Kind.TARGET) {
      TargetHealth t = targets.get(subject);
      runUp = t == null ? null : t.runUp;
      if (t != null) {
        for (String r : t.routesSince(now - RunUp.REACH_NANOS)) {
          inc.linkRoute(r);
        }
      }
    } else {
      ProviderHealth p = providers.get(subject);
      runUp = p == null ? null : p.runUp;
      for (TargetHealth t : targets.values()) {
        if (t.provider.equals(subject)) {
          for (String r : t.routesSince(now - RunUp.REACH_NANOS)) {
            inc.linkRoute(r);
          }
        }
      }
    }
    if (runUp != null) {
      runUp.events.pruneBefore(now - RunUp.REACH_NANOS);
      inc.timeline.addAll(runUp.events);
      if (runUp.lead != null && now - runUp.lead.atNanos <= RunUp.REACH_NANOS) {
        // The failure leads what it caused, even a key quarantine reported just before it.
        Timeline.Entry lead = runUp.lead;
        Timeline.Entry first = inc.timeline.first();
        inc.timeline.addFirst(first == null || first.atNanos >= lead.atNanos ? lead
            : new Timeline.Entry(first.atNanos, first.atMillis, lead.text, 0));
        inc.hasFirstFailure = true;
      }
      runUp.reset();
    }
    incidents.addLast(inc);
    open.put(key(kind, subject), inc);
    openCount = open.size();
    markOpen(kind, subject, true);
    trimIncidents();
    return inc;
  }

  private void trimIncidents() {
    for (Iterator<IncidentState> it = incidents.iterator();
        incidents.size() > MAX_INCIDENTS && it.hasNext(); ) {
      if (!it.next().isOpen()) {
        it.remove();
      }
    }
  }

  /** Each route's mean latency of succeeded requests over the last five minutes. */
  private Map<String, Double> baselines(long now) {
    Map<String, Double> out = new HashMap<>();
    for (Map.Entry<String, RouteWindow> e : routes.entrySet()) {
      RouteWindow.Stats s;
      synchronized (e.getValue()) {
        s = e.getValue().sum(now, TargetWindow.BUCKETS);
      }
      double mean = s.meanLatencyNanos();
      if (mean >= 0) {
        out.put(e.getKey(), mean);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- lookups

  private TargetHealth target(String id) {
    if (id == null) {
      return null;
    }
    TargetHealth t = targets.get(id);
    if (t != null || targets.size() >= MAX_TRACKED) {
      return t;
    }
    // A direct provider/model target the registry made on first use.
    for (Target known : registry.targets()) {
      if (known.id().equals(id)) {
        return targets.computeIfAbsent(id, k -> health(known));
      }
    }
    return null; // not remembered by the registry either
  }

  private ProviderHealth provider(String name) {
    ProviderHealth p = providers.get(name);
    if (p == null && registry.keyPool(name) != null) {
      p = providers.computeIfAbsent(name, ProviderHealth::new);
    }
    return p;
  }

  private RouteWindow route(String name) {
    RouteWindow w = routes.get(name);
    if (w == null && routes.size() < MAX_TRACKED) {
      w = routes.computeIfAbsent(name, k -> new RouteWindow());
    }
    return w;
  }

  private boolean providerIncidentOpen(String provider) {
    ProviderHealth p = providers.get(provider);
    return p != null && p.incidentOpen;
  }

  private void markOpen(Incident.Kind kind, String subject, boolean isOpen) {
    if (kind == Incident.Kind.TARGET) {
      TargetHealth t = targets.get(subject);
      if (t != null) {
        t.incidentOpen = isOpen;
      }
    } else {
      ProviderHealth p = providers.get(subject);
      if (p != null) {
        p.incidentOpen = isOpen;
      }
    }
  }

  private static String providerOf(String targetId) {
    int slash = targetId == null ? -1 : targetId.indexOf('/');
    return slash <= 0 ? null : targetId.substring(0, slash);
  }

  // ---------------------------------------------------------------- readings

  /** The state of a target now, or empty if no such target is known. */
  public Optional<HealthState> targetState(String targetId) {
    for (StatusSnapshot.ProviderStatus p : snapshot().providers()) {
      for (StatusSnapshot.TargetStatus t : p.targets()) {
        if (t.id().equals(targetId)) {
          return Optional.of(t.state());
        }
      }
    }
    return Optional.empty();
  }

  /** The state of a provider now, or empty if no such provider is configured. */
  public Optional<HealthState> providerState(String provider) {
    for (StatusSnapshot.ProviderStatus p : snapshot().providers()) {
      if (p.name().equals(provider)) {
        return Optional.of(p.state());
      }
    }
    return Optional.empty();
  }

  /** Every incident kept (at most 100), newest first. */
  public List<Incident> incidents() {
    long now = clock.nanoTime();
    long millis = clock.epochMillis();
    synchronized (lock) {
      tick(now, millis);
      List<Incident> out = new ArrayList<>(incidents.size());
      for (Iterator<IncidentState> it = incidents.descendingIterator(); it.hasNext(); ) {
        out.add(it.next().view(millis));
      }
      return out;
    }
  }

  /** One incident by id, if it is still kept. */
  public Optional<Incident> incident(String id) {
    long now = clock.nanoTime();
    long millis = clock.epochMillis();
    synchronized (lock) {
      tick(now, millis);
      for (IncidentState inc : incidents) {
        if (inc.id.equals(id)) {
          return Optional.of(inc.view(millis));
        }
      }
    }
    return Optional.empty();
  }

  /** One incident as a Markdown post-mortem draft, if it is still kept. */
  public Optional<String> incidentMarkdown(String id) {
    return incident(id).map(Incident::toMarkdown);
  }

  /** The JSON of {@code GET /status.json}: {@code snapshot().toJson()}. */
  public String toJson() {
    return snapshot().toJson();
  }

  /** A reading of everything the status page shows. */
  public StatusSnapshot snapshot() {
    long now = clock.nanoTime();
    long millis = clock.epochMillis();

    // Breakers and key pools first, holding none of this tracker's locks: their listeners
    // call into this tracker under their own locks.
    List<Target> all = registry.targets();
    Map<String, BreakerSnapshot> breakers = new HashMap<>();
    for (Target t : all) {
      breakers.put(t.id(), t.breaker().snapshot());
    }
    Map<String, Boolean> quarantined = new HashMap<>();
    List<String> providerNames = new ArrayList<>();
    for (KeyPool pool : registry.keyPools()) {
      providerNames.add(pool.provider());
      quarantined.put(pool.provider(), pool.providerQuarantined());
    }

    List<Incident> shown = new ArrayList<>();
    synchronized (lock) {
      tick(now, millis);
      int resolved = 0;
      for (Iterator<IncidentState> it = incidents.descendingIterator(); it.hasNext(); ) {
        IncidentState inc = it.next();
        if (inc.isOpen() || resolved++ < JSON_RESOLVED_INCIDENTS) {
          shown.add(inc.view(millis));
        }
      }
    }

    Map<String, List<StatusSnapshot.TargetStatus>> byProvider = new LinkedHashMap<>();
    for (String name : providerNames) {
      byProvider.put(name, new ArrayList<>());
    }
    int total = 0;
    int out = 0;
    int weak = 0;
    for (Target t : all) {
      TargetHealth h = target(t.id());
      if (h == null) {
        continue;
      }
      StatusSnapshot.TargetStatus ts = targetStatus(t, h, breakers.get(t.id()),
          Boolean.TRUE.equals(quarantined.get(t.ref().provider())), now, millis);
      byProvider.computeIfAbsent(t.ref().provider(), k -> new ArrayList<>()).add(ts);
      total++;
      if (ts.state().isOut()) {
        out++;
      } else if (ts.state() != HealthState.HEALTHY) {
        weak++;
      }
    }
    List<StatusSnapshot.ProviderStatus> providerList = new ArrayList<>();
    for (Map.Entry<String, List<StatusSnapshot.TargetStatus>> e : byProvider.entrySet()) {
      HealthState state = HealthState.HEALTHY;
      if (Boolean.TRUE.equals(quarantined.get(e.getKey()))) {
        state = HealthState.QUARANTINED;
      } else {
        for (StatusSnapshot.TargetStatus ts : e.getValue()) {
          state = HealthState.worst(state, ts.state());
        }
      }
      providerList.add(new StatusSnapshot.ProviderStatus(e.getKey(), state, e.getValue()));
    }

    List<StatusSnapshot.RouteStatus> routeList = new ArrayList<>();
    long recentJudged = 0;
    long recentFailed = 0;
    List<String> names = new ArrayList<>(routes.keySet());
    Collections.sort(names);
    for (String name : names) {
      RouteWindow w = routes.get(name);
      RouteWindow.Stats s;
      RouteWindow.Stats recent;
      synchronized (w) {
        s = w.sum(now, TargetWindow.BUCKETS);
        recent = w.sum(now, TargetWindow.RECENT);
      }
      recentJudged += recent.succeeded + recent.failed;
      recentFailed += recent.failed;
      if (s.requests == 0) {
        continue;
      }
      routeList.add(new StatusSnapshot.RouteStatus(name, s.requests, s.succeeded, s.failed,
          s.failedOver, s.successRate(), s.percentileMillis(50), s.percentileMillis(95)));
    }

    OverallStatus overall = overall(total, out, weak, recentJudged, recentFailed);
    return new StatusSnapshot(millis, overall, providerList, routeList, shown);
  }

  private static OverallStatus overall(int total, int out, int weak, long judged, long failed) {
    boolean traffic = judged >= 10;
    if ((total > 0 && out == total) || (traffic && failed * 2 > judged)) {
      return OverallStatus.MAJOR_OUTAGE;
    }
    if ((traffic && failed * 20 > judged) || (out > 0 && !traffic)) {
      return OverallStatus.PARTIAL_OUTAGE;
    }
    if (out > 0 || weak > 0) {
      return OverallStatus.DEGRADED;
    }
    return OverallStatus.OPERATIONAL;
  }

  private static StatusSnapshot.TargetStatus targetStatus(Target t, TargetHealth h,
      BreakerSnapshot b, boolean providerQuarantined, long now, long millis) {
    TargetWindow.Stats s;
    Double[] series;
    String degraded;
    synchronized (h) {
      s = h.window.sum(now, TargetWindow.BUCKETS, Long.MIN_VALUE);
      series = h.window.successSeries(now);
      degraded = h.degradedReasonLocked(now, b.state());
    }
    HealthState state;
    if (providerQuarantined) {
      state = HealthState.QUARANTINED;
    } else if (b.state() == BreakerState.OPEN) {
      state = HealthState.DOWN;
    } else if (b.state() == BreakerState.HALF_OPEN) {
      state = HealthState.RECOVERING;
    } else {
      state = degraded != null ? HealthState.DEGRADED : HealthState.HEALTHY;
    }
    Map<String, Long> outcomes = new HashMap<>();
    for (int k = 0; k < Outcomes.SLOTS; k++) {
      if (s.outcomes[k] > 0) {
        outcomes.merge(Outcomes.slotLabel(k), s.outcomes[k], Long::sum);
      }
    }
    long openedAt = b.state() != BreakerState.CLOSED && b.openedAtNanos() != Long.MIN_VALUE
        ? millis - (now - b.openedAtNanos()) / 1_000_000L : -1;
    StatusSnapshot.BreakerStatus breaker = new StatusSnapshot.BreakerStatus(b.state(),
        b.failureRate(), b.calls(), openedAt, b.reopensInNanos() / 1_000_000L, h.history());
    return new StatusSnapshot.TargetStatus(t.id(), t.ref().model(), state, s.successRate(),
        s.percentileMillis(50), s.percentileMillis(95), s.attempts(), s.failures, s.skips,
        outcomes, java.util.Arrays.asList(series), breaker);
  }
}
