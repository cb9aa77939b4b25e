package dev.ninelives.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts scalar text (after environment substitution) into typed values. Each failure names
 * the value and the expected form. Stateless.
 *
 * <p>Only non-secret values pass through here: keys and header values are never converted, so
 * echoing the rejected text is safe.
 */
final class Values {
  static final String DURATION_FORM = "a duration like 250ms, 2s, 5m or 1h";
  static final String SIZE_FORM = "a size like 512KB or 16MB";

  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(B|KB|MB)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d+)?)\\s*%");
  private static final Pattern FRACTION = Pattern.compile("\\d{1,3}(?:\\.\\d+)?|\\.\\d+");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,10}");
  private static final int MAX_ECHO = 60;

  private Values() {}

  /** A duration: a whole number and a unit, {@code ms}, {@code s}, {@code m} or {@code h}. */
  static Parsed<Duration> duration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      return Parsed.fail("expected " + DURATION_FORM + ", got " + quote(text));
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
    return Parsed.ok(d);
  }

  /**
   * A share: a percentage such as {@code 50%}, or a fraction such as {@code 0.5}. Range checks
   * are left to the caller, because some rates may be zero and some may not.
   */
  static Parsed<Double> rate(String text, String form) {
    String t = text.trim();
    Matcher percent = PERCENT.matcher(t);
    if (percent.matches()) {
      return Parsed.ok(Double.parseDouble(percent.group(1)) / 100.0);
    }
    if (FRACTION.matcher(t).matches()) {
      double v = Double.parseDouble(t);
      if (v > 1 && v <= 100) {
        // "50" is almost always meant as 50%, and reading it as 5000% would be nonsense.
        return Parsed.fail("expected " + form + ", got " + quote(text) + " (did you mean "
            + t + "%?)");
      }
      return Parsed.ok(v);
    }
    return Parsed.fail("expected " + form + ", got " + quote(text));
  }

  /** A size in bytes: a whole number and {@code B}, {@code KB} or {@code MB} (1024-based). */
  static Parsed<Long> size(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      return Parsed.fail("expected " + SIZE_FORM + ", got " + quote(text));
    }
    long n = Long.parseLong(m.group(1));
    long unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
      case "B" -> 1L;
      case "KB" -> 1024L;
      default -> 1024L * 1024;
    };
    if (n > Long.MAX_VALUE / unit) {
      return Parsed.fail("size " + quote(text) + " is too large");
    }
    return Parsed.ok(n * unit);
  }

  /** A whole number in the int range. */
  static Parsed<Integer> integer(String text) {
    String t = text.trim();
    if (INTEGER.matcher(t).matches()) {
      long v = Long.parseLong(t);
      if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
        return Parsed.ok((int) v);
      }
    }
    return Parsed.fail("expected a whole number, got " + quote(text));
  }

  /** A boolean, in the spellings YAML 1.1 itself accepts. */
  static Parsed<Boolean> bool(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on":
        return Parsed.ok(true);
      case "false", "no", "off":
        return Parsed.ok(false);
      default:
        return Parsed.fail("expected true or false, got " + quote(text));
    }
  }

  /** A compact spelling of a duration for messages, in the largest exact unit. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  /** The text in quotes, shortened so a pasted blob does not flood the output. */
  static String quote(String text) {
    if (text.isEmpty()) {
      return "nothing";
    }
    String t = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
    return "'" + t + "'";
  }
}
