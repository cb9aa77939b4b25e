package dev.ninelives.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Every key of a {@code resilience:} block, with the section it lives in and the values it
 * accepts. The single list of these keys: the reader, the merge and the documentation all
 * follow it.
 */
enum ResilienceField {
  CONNECT("timeouts", "connect", ValueKind.DURATION),
  FIRST_TOKEN("timeouts", "first_token", ValueKind.DURATION),
  STALL("timeouts", "stall", ValueKind.DURATION),
  RESPONSE("timeouts", "response", ValueKind.DURATION),
  TOTAL("timeouts", "total", ValueKind.DURATION),
  RETRIES_MAX("retries", "max", ValueKind.COUNT),
  BACKOFF("retries", "backoff", ValueKind.DURATION),
  MAX_BACKOFF("retries", "max_backoff", ValueKind.DURATION),
  BUDGET("retries", "budget", ValueKind.SHARE),
  BUDGET_MIN("retries", "budget_min", ValueKind.COUNT),
  BUDGET_WINDOW("retries", "budget_window", ValueKind.DURATION),
  FAILURE_RATE("breaker", "failure_rate", ValueKind.RATE),
  SLOW_CALL_RATE("breaker", "slow_call_rate", ValueKind.RATE),
  SLOW_CALL("breaker", "slow_call", ValueKind.DURATION),
  MINIMUM_CALLS("breaker", "minimum_calls", ValueKind.POSITIVE_COUNT),
  WINDOW("breaker", "window", ValueKind.DURATION),
  OPEN_FOR("breaker", "open_for", ValueKind.DURATION),
  HALF_OPEN_CALLS("breaker", "half_open_calls", ValueKind.POSITIVE_COUNT),
  QUARANTINE_FOR("quarantine", "for", ValueKind.DURATION),
  QUARANTINE_MAX("quarantine", "max", ValueKind.DURATION);

  /**
   * The forms a resilience value takes, each with the range the core records accept, so a
   * bad value is caught at its own line instead of by a record constructor.
   */
  enum ValueKind {
    DURATION(ValueKind::positiveDuration),
    COUNT(text -> count(text, 0)),
    POSITIVE_COUNT(text -> count(text, 1)),
    RATE(text -> rate(text, false)),
    SHARE(text -> rate(text, true));

    private final Function<String, Parsed<?>> parser;

    ValueKind(Function<String, Parsed<?>> parser) {
      this.parser = parser;
    }

    Parsed<?> parse(String text) {
      return parser.apply(text);
    }

    private static Parsed<?> positiveDuration(String text) {
      Parsed<Duration> d = Values.duration(text);
      if (d.isOk() && d.value().isZero()) {
        return Parsed.fail("must be longer than 0, got " + Values.quote(text));
      }
      return d;
    }

    private static Parsed<?> count(String text, int min) {
      Parsed<Integer> n = Values.integer(text);
      if (n.isOk() && n.value() < min) {
        return Parsed.fail("must be " + (min == 0 ? "0 or more" : "at least " + min)
            + ", got " + n.value());
      }
      return n;
    }

    private static Parsed<?> rate(String text, boolean zeroAllowed) {
      String form = zeroAllowed ? "a share like 20% or a number in [0, 1]"
          : "a rate like 50% or a number in (0, 1]";
      Parsed<Double> r = Values.rate(text, form);
      if (!r.isOk()) {
        return r;
      }
      double v = r.value();
      if (v > 1 || (zeroAllowed ? v < 0 : v <= 0)) {
        return Parsed.fail("expected " + form + ", got " + Values.quote(text));
      }
      return r;
    }
  }

  private final String section;
  private final String key;
  private final ValueKind kind;

  ResilienceField(String section, String key, ValueKind kind) {
    this.section = section;
    this.key = key;
    this.kind = kind;
  }

  String section() {
    return section;
  }

  String key() {
    return key;
  }

  ValueKind kind() {
    return kind;
  }

  /** {@code section.key}, as in messages: {@code timeouts.total}. */
  String id() {
    return section + "." + key;
  }

  /** The section names, in order. */
  static Set<String> sections() {
    Set<String> out = new LinkedHashSet<>();
    for (ResilienceField f : values()) {
      out.add(f.section);
    }
    return out;
  }

  /** The fields of one section, in order. */
  static List<ResilienceField> inSection(String section) {
    List<ResilienceField> out = new ArrayList<>();
    for (ResilienceField f : values()) {
      if (f.section.equals(section)) {
        out.add(f);
      }
    }
    return out;
  }
}
