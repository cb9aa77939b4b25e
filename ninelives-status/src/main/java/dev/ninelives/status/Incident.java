package dev.ninelives.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A reading of one incident: a target or provider that left healthy, what happened as it
 * happened, and what it meant for clients. Opened by the {@link StatusTracker} when the
 * subject leaves healthy, resolved once it has been healthy for a minute.
 *
 * @param id stable identifier, unique within this process ({@code inc-20260101-000130-1})
 * @param kind whether the subject is a target or a provider
 * @param subject the target's {@code provider/model} or the provider's name
 * @param title what went wrong, in plain words
 * @param status open or resolved
 * @param openedAtMillis wall time the incident opened
 * @param resolvedAtMillis wall time it was resolved, or -1 while open
 * @param timeline what happened, oldest first
 * @param omittedEntries timeline entries left out to bound memory: the first and the latest
 *     ones are kept, with a line saying how many were left out between them
 * @param impact what it meant for clients so far
 * @param asOfMillis wall time of this reading (the end of an open incident's duration so far)
 */
public record Incident(
    String id,
    Kind kind,
    String subject,
    String title,
    Status status,
    long openedAtMillis,
    long resolvedAtMillis,
    List<TimelineEntry> timeline,
    int omittedEntries,
    Impact impact,
    long asOfMillis) {

  /** What an incident is about. */
  public enum Kind {
    TARGET,
    PROVIDER;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether an incident is still going on. */
  public enum Status {
    OPEN,
    RESOLVED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(impact, "impact");
    timeline = List.copyOf(timeline);
  }

  /** When it was resolved, if it was. */
  public OptionalLong resolvedAt() {
    return resolvedAtMillis < 0 ? OptionalLong.empty() : OptionalLong.of(resolvedAtMillis);
  }

  /** How long it lasted, or has lasted so far, in milliseconds. */
  public long durationMillis() {
    long end = resolvedAtMillis < 0 ? asOfMillis : resolvedAtMillis;
    return Math.max(0, end - openedAtMillis);
  }

  /**
   * A post-mortem draft in Markdown: title, status, start, end and duration, the impact on
   * clients, the timeline, and empty "Root cause" and "Follow-ups" sections for a person to
   * fill in.
   */
  public String toMarkdown() {
    StringBuilder md = new StringBuilder(1024);
    boolean open = status == Status.OPEN;
    md.append("# Incident ").append(id).append(": ").append(oneLine(title)).append("\n\n");
    md.append("- **Status:** ").append(open ? "Ongoing" : "Resolved").append('\n');
    md.append("- **Affected:** ").append(oneLine(subject))
        .append(kind == Kind.TARGET ? " (model)" : " (provider)").append('\n');
    md.append("- **Started:** ").append(DATE_TIME.format(Instant.ofEpochMilli(openedAtMillis)))
        .append('\n');
    md.append("- **Ended:** ").append(open ? "not yet"
        : DATE_TIME.format(Instant.ofEpochMilli(resolvedAtMillis))).append('\n');
    md.append("- **Duration:** ").append(duration(durationMillis()))
        .append(open ? " so far" : "").append("\n\n");

    md.append("## Summary\n\n");
    md.append(open ? "The incident has lasted " + duration(durationMillis()) + " so far. "
        : "The incident lasted " + duration(durationMillis()) + ". ");
    md.append(open ? "So far, " : "While it lasted, ");
    md.append(count(impact.requestsAffected(), "request")).append(' ')
        .append(impact.requestsAffected() == 1 ? "was" : "were").append(" affected: ")
        .append(count(impact.failed(), "request")).append(" failed and ")
        .append(impact.failedOver()).append(impact.failedOver() == 1 ? " was" : " were")
        .append(" answered by another target instead.");
    Double extra = impact.extraLatencyMs();
    if (extra != null) {
      md.append(extra > 0.5
          ? " Answers took " + Math.round(extra) + " ms longer on average than before."
          : " Answers were no slower than before.");
    }
    md.append("\n\n");

    md.append("## Impact on clients\n\n");
    md.append("| Measure | Value |\n|---|---|\n");
    md.append("| Requests affected | ").append(impact.requestsAffected()).append(" |\n");
    md.append("| Failed | ").append(impact.failed()).append(" |\n");
    md.append("| Failed over (answered by another target) | ").append(impact.failedOver())
        .append(" |\n");
    md.append("| Extra latency (mean) | ")
        .append(extra == null ? "not known" : (extra >= 0 ? "+" : "") + Math.round(extra) + " ms")
        .append(" |\n\n");

    md.append("## Timeline (UTC)\n\n");
    String startDay = DAY.format(Instant.ofEpochMilli(openedAtMillis));
    for (TimelineEntry e : timeline) {
      Instant at = Instant.ofEpochMilli(e.atMillis());
      String day = DAY.format(at);
      md.append("- ").append(day.equals(startDay) ? "" : day + " ").append(TIME.format(at))
          .append(" — ").append(oneLine(e.text())).append('\n');
    }
    md.append('\n');
    md.append("## Root cause\n\n_To be filled in._\n\n");
    md.append("## Follow-ups\n\n- [ ] _To be filled in._\n");
    return md.toString();
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String duration(long millis) {
    long s = millis / 1000;
    if (s < 60) {
      return s + " s";
    }
    long m = s / 60;
    if (m < 60) {
      return m + " min " + (s % 60) + " s";
    }
    long h = m / 60;
    return h + " h " + (m % 60) + " min";
  }
}
