package dev.ninelives.simulator;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration arithmetic and the scenario files' duration syntax. Stateless. */
final class Durations {
  private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

  private Durations() {}

  /** Whole milliseconds, rounded up, so a wait is never shorter than asked. */
  static long ceilMillis(Duration d) {
    long millis = d.toMillis();
    return d.minusMillis(millis).isZero() ? millis : millis + 1;
  }

  /**
   * Reads {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h} or {@code 0}; throws
   * IllegalArgumentException naming the expected form otherwise.
   */
  static Duration parse(String text) {
    String t = text.trim();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = TEXT.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration like 250ms, 1.5s, 2m or 1h");
    }
    double amount = Double.parseDouble(m.group(1));
    double millisPerUnit;
    switch (m.group(2)) {
      case "ms":
        millisPerUnit = 1;
        break;
      case "s":
        millisPerUnit = 1_000;
        break;
      case "m":
        millisPerUnit = 60_000;
        break;
      default:
        millisPerUnit = 3_600_000;
        break;
    }
    return Duration.ofNanos(Math.round(amount * millisPerUnit * 1_000_000d));
  }
}
