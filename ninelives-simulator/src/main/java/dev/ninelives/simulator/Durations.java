package dev.ninelives.simulator;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration arithmetic and the scenario files' duration syntax. Stateless. */
final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
  private static final Pattern TEXT = Pattern.compile("(?:\\d+(?:\\.\\d+)?\\s*(?:ms|s|m|h)\\s*)+");

  private Durations() {}

  /** Whole milliseconds, rounded up, so a wait is never shorter than asked. */
  static long ceilMillis(Duration d) {
    long millis = d.toMillis();
    return d.minusMillis(millis).isZero() ? millis : millis + 1;
  }

  /**
   * Reads {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 0}, or parts added up such as
   * {@code 1h30m}; throws IllegalArgumentException naming the expected form otherwise.
   */
  static Duration parse(String text) {
    String t = text.trim();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    if (!TEXT.matcher(t).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration like 250ms, 1.5s, 2m, 1h or 1h30m");
    }
    double millis = 0;
    Matcher m = PART.matcher(t);
    while (m.find()) {
      double amount = Double.parseDouble(m.group(1));
      switch (m.group(2)) {
        case "ms":
          millis += amount;
          break;
        case "s":
          millis += amount * 1_000;
          break;
        case "m":
          millis += amount * 60_000;
          break;
        default:
          millis += amount * 3_600_000;
          break;
      }
    }
    return Duration.ofNanos(Math.round(millis * 1_000_000d));
  }
}
