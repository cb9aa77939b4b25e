package dev.ninelives.uptime;

import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.time.ManualClock;
import java.time.Instant;

/** Health events as the engine and relay publish them, and a clock at a known minute. */
final class Events {
  /** 2026-11-24T10:00:00Z. */
  static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

  private Events() {
  }

  static ManualClock clock() {
    return new ManualClock(START.toEpochMilli());
  }

  static long minuteOf(Instant t) {
    return t.getEpochSecond() / 60;
  }

  static AttemptRecord attempt(String target, String outcome) {
    return new AttemptRecord(target, "key#1a2b", outcome, "success".equals(outcome) ? 200 : 503,
        1_000_000L, -1, "m", true, 0);
  }

  static AttemptRecord skip(String target, String why) {
    return new AttemptRecord(target, null, why, 0, 0, -1, why, false, 0);
  }

  static RequestSummary request(String route, String outcome, boolean failedOver) {
    return new RequestSummary(route, "openai", outcome, "succeeded".equals(outcome) ? 200 : 503,
        "succeeded".equals(outcome) ? "p/m" : null, 1, failedOver, false, 1_000_000L, -1, 1000L,
        -1, -1);
  }
}
