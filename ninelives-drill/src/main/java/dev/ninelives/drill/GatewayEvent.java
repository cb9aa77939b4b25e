package dev.ninelives.drill;

/**
 * Something the gateway decided during a drill, with the moment it happened (nanoseconds from
 * the start of the replay). Immutable.
 *
 * @param kind what happened
 * @param subject the target ({@code provider/model}) or provider it concerns
 * @param detail the new breaker state, the failover's destination, or empty
 */
public record GatewayEvent(long atNanos, Kind kind, String subject, String detail) {

  /** What a gateway event is about. */
  public enum Kind {
    /** A target's breaker changed state; {@code detail} is the new state (closed, open, half-open). */
    BREAKER,
    /** Every key of a provider was rejected: the provider is out of rotation. */
    PROVIDER_QUARANTINED,
    /** A probe of a quarantined provider succeeded. */
    PROVIDER_READMITTED,
    /** One key of a provider was quarantined. */
    KEY_QUARANTINED,
    /** A request moved on from {@code subject} to {@code detail}. */
    FAILOVER;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** The provider part of the subject. */
  public String provider() {
    int slash = subject.indexOf('/');
    return slash < 0 ? subject : subject.substring(0, slash);
  }

  /** One line for the terminal and the report. */
  public String describe() {
    switch (kind) {
      case BREAKER:
        return "open".equals(detail)
            ? "breaker of " + subject + " opened: its traffic moves to the next target"
            : "breaker of " + subject + " is " + detail;
      case PROVIDER_QUARANTINED:
        return "every key of " + subject + " rejected: provider quarantined";
      case PROVIDER_READMITTED:
        return "a probe of " + subject + " succeeded: provider readmitted";
      case KEY_QUARANTINED:
        return "a key of " + subject + " was rejected and quarantined";
      default:
        return "failover from " + subject + " to " + detail;
    }
  }
}
