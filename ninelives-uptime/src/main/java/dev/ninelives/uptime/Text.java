package dev.ninelives.uptime;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, shares and times read in the Markdown report. Stateless. */
final class Text {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** What is shown where there was nothing to judge. */
  static final String NONE = "—";

  private Text() {
  }

  /**
   * A share as a percentage with up to three decimals, rounded down, so an availability short
   * of 100% never reads as 100%: 0.9999996 is "99.999%".
   */
  static String percent(Double share) {
    if (share == null) {
      return NONE;
    }
    return BigDecimal.valueOf(share).movePointRight(2).setScale(3, RoundingMode.FLOOR)
        .stripTrailingZeros().toPlainString() + "%";
  }

  /** An objective, exactly as configured: 99.9%. */
  static String objective(double slo) {
    return BigDecimal.valueOf(slo).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A fractional count of requests (an error budget), to one decimal. */
  static String amount(double v) {
    return String.format(Locale.ROOT, "%,.1f", v);
  }

  static String rate(Double v) {
    return v == null ? NONE : String.format(Locale.ROOT, "%.2f", v);
  }

  static String minute(Instant t) {
    return t == null ? NONE : MINUTE.format(t);
  }

  /** "2026-11-20 14:01 → 14:13", or both in full when the days differ. */
  static String period(Instant from, Instant to) {
    boolean sameDay = from.atOffset(ZoneOffset.UTC).toLocalDate()
        .equals(to.atOffset(ZoneOffset.UTC).toLocalDate());
    return MINUTE.format(from) + " → " + (sameDay ? TIME.format(to) : MINUTE.format(to));
  }

  /** "45 min", "3 h 5 min", "2 d 4 h". */
  static String duration(long minutes) {
    if (minutes < 60) {
      return minutes + " min";
    }
    if (minutes < 1440) {
      long m = minutes % 60;
      return minutes / 60 + " h" + (m == 0 ? "" : " " + m + " min");
    }
    long h = minutes % 1440 / 60;
    return minutes / 1440 + " d" + (h == 0 ? "" : " " + h + " h");
  }

  /** Keeps a name from breaking a Markdown table. */
  static String cell(String s) {
    return s.replace("|", "\\|");
  }
}
