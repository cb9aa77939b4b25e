package dev.ninelives.drill;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Numbers as the reports print them. Stateless. */
final class Format {
  private Format() {}

  /** An instant to the second, ISO-8601 in UTC: 2026-11-24T06:08:18Z. */
  static String instant(java.time.Instant t) {
    return java.time.format.DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** Milliseconds of a nanosecond duration, or "–" for none (negative). */
  static String ms(long nanos) {
    if (nanos < 0) {
      return "–";
    }
    long ms = Math.round(nanos / 1e6);
    return ms >= 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : ms + " ms";
  }

  /** Seconds of a nanosecond duration, or "–" for none. */
  static String s(Long nanos) {
    return nanos == null ? "–" : String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  /** Scenario time: 0, 30m, 1h30m, 2h. */
  static String clock(Duration d) {
    if (d.isZero()) {
      return "0";
    }
    return Durations.human(d);
  }

  /** "secondary 120, local 3". */
  static String counts(Map<String, Integer> m) {
    if (m.isEmpty()) {
      return "–";
    }
    StringJoiner j = new StringJoiner(", ");
    m.forEach((k, v) -> j.add(k + " " + v));
    return j.toString();
  }
}
