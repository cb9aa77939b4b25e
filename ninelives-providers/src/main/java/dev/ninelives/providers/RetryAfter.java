package dev.ninelives.providers;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Reads how long an upstream asked us to wait, the way the OpenAI and Anthropic SDKs do:
 * {@code retry-after-ms} (milliseconds, possibly fractional) wins; otherwise
 * {@code retry-after} as seconds (integer or decimal) or as an HTTP date. Negative values and
 * garbage are ignored (null), an HTTP date in the past means "now" ({@link Duration#ZERO}), and
 * absurdly large values are capped at {@link #MAX}.
 *
 * <p>Stateless and thread-safe.
 */
public final class RetryAfter {
  /** The longest wait reported; larger values are capped so arithmetic cannot overflow. */
  public static final Duration MAX = Duration.ofDays(366);

  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(MAX.toNanos());
  private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  // RFC 9110 §5.6.7: recipients must accept IMF-fixdate and the two obsolete forms.
  private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .appendPattern("EEEE, dd-MMM-")
      .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
      .appendPattern(" HH:mm:ss zzz")
      .toFormatter(Locale.US);
  private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .appendPattern("EEE MMM")
      .appendLiteral(' ')
      .padNext(2)
      .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE)
      .appendPattern(" HH:mm:ss yyyy")
      .toFormatter(Locale.US)
      .withZone(ZoneOffset.UTC);

  private RetryAfter() {}

  /**
   * The wait requested by a response's headers, or null when it gave none usable.
   *
   * @param nowEpochMillis the current time, against which an HTTP date is measured
   */
  public static Duration fromHeaders(HeaderLookup headers, long nowEpochMillis) {
    Duration ms = parseMillis(headers.get("retry-after-ms"));
    if (ms != null) {
      return ms;
    }
    return parse(headers.get("retry-after"), nowEpochMillis);
  }

  /** Parses a {@code retry-after-ms} value such as {@code 1500} or {@code 20.5}; null if unusable. */
  public static Duration parseMillis(String value) {
    return decimal(value, NANOS_PER_MILLI);
  }

  /**
   * Parses a {@code retry-after} value: seconds ({@code 30}, {@code 1.5}) or an HTTP date;
   * null if unusable.
   */
  public static Duration parse(String value, long nowEpochMillis) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    if (v.isEmpty()) {
      return null;
    }
    char first = v.charAt(0);
    if ((first >= '0' && first <= '9') || first == '.') {
      return decimal(v, NANOS_PER_SECOND);
    }
    return httpDate(v, nowEpochMillis);
  }

  private static Duration decimal(String value, BigDecimal unitNanos) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    // Check the shape by hand: BigDecimal would also accept signs and exponents.
    int digits = 0;
    int dots = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.') {
        dots++;
      } else {
        return null;
      }
    }
    if (digits == 0 || dots > 1) {
      return null;
    }
    BigDecimal nanos = new BigDecimal(v).multiply(unitNanos);
    if (nanos.compareTo(MAX_NANOS) >= 0) {
      return MAX;
    }
    return Duration.ofNanos(nanos.longValue());
  }

  private static Duration httpDate(String v, long nowEpochMillis) {
    ZonedDateTime when = null;
    for (DateTimeFormatter f : new DateTimeFormatter[] {
        DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850, ASCTIME}) {
      try {
        when = ZonedDateTime.parse(v, f);
        break;
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    if (when == null) {
      return null;
    }
    long wait = when.toInstant().toEpochMilli() - nowEpochMillis;
    if (wait <= 0) {
      return Duration.ZERO;
    }
    return wait >= MAX.toMillis() ? MAX : Duration.ofMillis(wait);
  }
}
