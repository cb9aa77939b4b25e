package dev.ninelives.status;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The mutable side of an incident. Not thread-safe: guarded by the tracker's incident lock;
 * readers get an immutable {@link Incident} from {@link #view}.
 */
final class IncidentState {
  static final long NOT_HEALTHY = Long.MIN_VALUE;
  private static final int MAX_TIMELINE = 500;
  private static final int TIMELINE_HEAD = 20;
  private static final int MAX_ROUTES = 256;

  final String id;
  final Incident.Kind kind;
  final String subject;
  final long openedAtNanos;
  final long openedAtMillis;
  final Timeline timeline = new Timeline(MAX_TIMELINE, TIMELINE_HEAD);
  /** Mean latency of each route's succeeded requests in the five minutes before, in nanos. */
  final Map<String, Double> baselineNanos;
  /** Routes seen sending requests to the subject: their requests count towards the impact. */
  final Set<String> routes = new HashSet<>();

  String title;
  HealthState severity;
  long resolvedAtMillis = -1;
  /** Since when the subject has been healthy without a break, or {@link #NOT_HEALTHY}. */
  long healthySinceNanos = NOT_HEALTHY;
  boolean hasFirstFailure;

  long affected;
  long failed;
  long failedOver;
  double extraLatencySumNanos;
  long extraLatencyCount;

  IncidentState(String id, Incident.Kind kind, String subject, long openedAtNanos,
      long openedAtMillis, HealthState severity, String title, Map<String, Double> baselineNanos) {
    this.id = id;
    this.kind = kind;
    this.subject = subject;
    this.openedAtNanos = openedAtNanos;
    this.openedAtMillis = openedAtMillis;
    this.severity = severity;
    this.title = title;
    this.baselineNanos = baselineNanos;
  }

  /**
   * Whether clients are affected now: the impact is counted while the subject is unhealthy,
   * not during the quiet minute before resolution.
   */
  boolean counting() {
    return isOpen() && healthySinceNanos == NOT_HEALTHY;
  }

  boolean isOpen() {
    return resolvedAtMillis < 0;
  }

  /** Whether a {@code provider/model} target is this incident's subject or belongs to it. */
  boolean concerns(String targetId) {
    if (targetId == null) {
      return false;
    }
    return kind == Incident.Kind.TARGET ? subject.equals(targetId)
        : targetId.length() > subject.length() && targetId.startsWith(subject)
            && targetId.charAt(subject.length()) == '/';
  }

  void linkRoute(String route) {
    if (routes.size() < MAX_ROUTES || routes.contains(route)) {
      routes.add(route);
    }
  }

  /** Raises the severity (and the title with it); never lowers it. */
  void escalate(HealthState to, String newTitle) {
    if (to.ordinal() > severity.ordinal()) {
      severity = to;
      title = newTitle;
    }
  }

  Incident view(long asOfMillis) {
    Double extra = extraLatencyCount == 0 ? null
        : Math.round(extraLatencySumNanos / extraLatencyCount / 1e5) / 10.0;
    return new Incident(id, kind, subject, title,
        isOpen() ? Incident.Status.OPEN : Incident.Status.RESOLVED, openedAtMillis,
        resolvedAtMillis, timeline.view(), timeline.omitted(),
        // Every request moved away was affected, even one whose first try came before.
        new Impact(Math.max(affected, failedOver), failed, failedOver, extra), asOfMillis);
  }
}
