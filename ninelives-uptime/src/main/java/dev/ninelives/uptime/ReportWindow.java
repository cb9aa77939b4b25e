package dev.ninelives.uptime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a report covers, {@code [from, to)}: a minute counts when it starts inside it.
 * Immutable and thread-safe.
 *
 * <p>{@link #parse} reads what people type in a URL or on a command line: an ISO-8601 instant
 * ({@code 2026-11-24T10:00:00Z}, or with an offset), a date-time without zone or a date (both
 * UTC; a date means its midnight), {@code now}, or a time ago ({@code -90m}, {@code -24h},
 * {@code -7d}, {@code -2w}). {@code from} defaults to 30 days before {@code to}, {@code to} to
 * now; a {@code to} in the future is taken as now, since nothing is known about it yet.
 */
public record ReportWindow(Instant from, Instant to) {
  /** The window when none is given. */
  public static final Duration DEFAULT_LENGTH = Duration.ofDays(30);

  private static final Pattern AGO = Pattern.compile("-(\\d{1,9})([mhdw])");
  static final String FORMS = "use an ISO-8601 instant (2026-11-24T10:00:00Z), a date "
      + "(2026-11-24, midnight UTC), 'now', or a time ago such as -30m, -24h, -7d or -2w";

  public ReportWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
  }

  /** The last {@link #DEFAULT_LENGTH} up to {@code now}. */
  public static ReportWindow lastDays(Instant now) {
    return new ReportWindow(now.minus(DEFAULT_LENGTH), now);
  }

  /**
   * Reads a window from text, either part of which may be null or blank.
   *
   * @throws IllegalArgumentException with a message fit to show the user, naming the parameter
   */
  public static ReportWindow parse(String from, String to, Instant now) {
    Instant end = blank(to) ? now : instant("to", to, now);
    if (end.isAfter(now)) {
      end = now;
    }
    Instant start = blank(from) ? end.minus(DEFAULT_LENGTH) : instant("from", from, now);
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("from (" + start + ") must be before to (" + end + ")"
          + (start.isAfter(now) ? ": from is in the future" : ""));
    }
    return new ReportWindow(start, end);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Instant instant(String param, String text, Instant now) {
    String t = text.trim();
    if (t.equalsIgnoreCase("now")) {
      return now;
    }
    Matcher ago = AGO.matcher(t);
    if (ago.matches()) {
      long n = Long.parseLong(ago.group(1));
      Duration unit;
      switch (ago.group(2)) {
        case "m":
          unit = Duration.ofMinutes(1);
          break;
        case "h":
          unit = Duration.ofHours(1);
          break;
        case "d":
          unit = Duration.ofDays(1);
          break;
        default:
          unit = Duration.ofDays(7);
      }
      Instant at = now.minus(unit.multipliedBy(n)); // at most 10^9 weeks: no overflow
      if (at.isBefore(Instant.EPOCH)) {
        throw new IllegalArgumentException(param + ": '" + t + "' is before 1970");
      }
      return at;
    }
    try {
      if (t.length() == 10) {
        Instant day = LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (day.isBefore(Instant.EPOCH)) {
          throw new IllegalArgumentException(param + ": '" + t + "' is before 1970");
        }
        return day;
      }
      Instant at = t.endsWith("Z") || t.endsWith("z") || t.matches(".*[+-]\\d{2}:\\d{2}$")
          ? OffsetDateTime.parse(t.toUpperCase(java.util.Locale.ROOT)).toInstant()
          : LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      if (at.isBefore(Instant.EPOCH)) {
        throw new IllegalArgumentException(param + ": '" + t + "' is before 1970");
      }
      return at;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(param + ": '" + shorten(t) + "' is not a time; "
          + FORMS);
    }
  }

  /** What a user typed, cut short so an error message stays one readable line. */
  private static String shorten(String t) {
    return t.length() > 40 ? t.substring(0, 40) + "…" : t;
  }

  /** The first minute in the window (the first that starts at or after {@code from}). */
  long fromMinute() {
    return Math.floorDiv(from.toEpochMilli() + 59_999, 60_000L);
  }

  /** The minute after the last one in the window. */
  long toMinute() {
    return Math.floorDiv(to.toEpochMilli() + 59_999, 60_000L);
  }
}
