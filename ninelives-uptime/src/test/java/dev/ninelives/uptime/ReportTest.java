package dev.ninelives.uptime;

import static dev.ninelives.uptime.Events.attempt;
import static dev.ninelives.uptime.Events.request;
import static dev.ninelives.uptime.Events.skip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The availability and error-budget arithmetic of a report, from events to numbers. */
class ReportTest {
  private final ManualClock clock = Events.clock();
  private final UptimeHistory history = new UptimeHistory(new MemoryStore(), 0.99, clock,
      Retention.DEFAULT);
  private final UptimeRecorder rec = history.recorder();

  private UptimeReport report() {
    return history.report(new ReportWindow(Events.START, Instant.ofEpochMilli(
        clock.epochMillis() + 1)));
  }

  private void times(int n, Runnable r) {
    for (int i = 0; i < n; i++) {
      r.run();
    }
  }

  private void nextMinute() {
    clock.advance(Duration.ofMinutes(1));
    history.flush();
  }

  private static UptimeReport.Upstream target(UptimeReport r, String name) {
    return r.providers().stream().flatMap(p -> p.targets().stream())
        .filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void targetAvailabilityWeighsCallsAndSkipsAndLeavesOutTheCallersMistakes() {
    times(6, () -> rec.onAttempt("chat", attempt("p/m", "success")));
    times(2, () -> rec.onAttempt("chat", attempt("p/m", "server-error")));
    rec.onAttempt("chat", attempt("p/m", "timeout"));
    rec.onAttempt("chat", skip("p/m", AttemptRecord.BREAKER_OPEN));
    times(5, () -> rec.onAttempt("chat", attempt("p/m", "caller-error")));
    rec.onAttempt("chat", attempt("p/m", "cancelled"));

    UptimeReport.Upstream t = target(report(), "p/m");
    assertThat(t.calls()).isEqualTo(6 + 3 + 6);
    assertThat(t.answered()).isEqualTo(6);
    assertThat(t.failed()).isEqualTo(3);
    assertThat(t.skipped()).isEqualTo(1);
    assertThat(t.neutral()).isEqualTo(6);
    assertThat(t.failures()).isEqualTo(Map.of("server-error", 2L, "timeout", 1L));
    assertThat(t.skips()).isEqualTo(Map.of("breaker-open", 1L));
    assertThat(t.availability()).isCloseTo(0.6, within(1e-12));
    // 4 of 10 judged not served: a degraded minute, which still counts as up.
    assertThat(t.minutes()).isEqualTo(new UptimeReport.Minutes(0, 1, 0));
    assertThat(t.minutes().uptime()).isEqualTo(1.0);
  }

  @Test
  void minuteUptimeCountsDownMinutesAndFindsTheLongestOutage() {
    // 10:00 up; 10:01-10:03 down (all failing); 10:04 up; 10:05-10:06 down; 10:07 idle.
    String[] plan = {"up", "down", "down", "down", "up", "down", "down", "idle"};
    for (String minute : plan) {
      if (minute.equals("up")) {
        times(10, () -> rec.onAttempt("chat", attempt("p/m", "success")));
      } else if (minute.equals("down")) {
        times(3, () -> rec.onAttempt("chat", attempt("p/m", "server-error")));
        rec.onAttempt("chat", attempt("p/m", "success"));
      }
      nextMinute();
    }
    UptimeReport.Upstream t = target(report(), "p/m");
    assertThat(t.minutes()).isEqualTo(new UptimeReport.Minutes(2, 0, 5));
    assertThat(t.minutes().uptime()).isCloseTo(2.0 / 7, within(1e-12));
    assertThat(t.longestOutage()).isEqualTo(new UptimeReport.Period(
        Instant.parse("2026-11-24T10:01:00Z"), Instant.parse("2026-11-24T10:04:00Z")));
    assertThat(t.longestOutage().minutes()).isEqualTo(3);
    assertThat(t.availability()).isCloseTo(25.0 / 40, within(1e-12));
  }

  @Test
  void aProviderIsJudgedOnAllItsTargetsTogether() {
    times(10, () -> rec.onAttempt("chat", attempt("p/a", "success")));
    times(10, () -> rec.onAttempt("chat", attempt("p/b", "server-error")));
    UptimeReport r = report();
    UptimeReport.Provider p = r.providers().get(0);
    assertThat(p.totals().name()).isEqualTo("p");
    assertThat(p.totals().availability()).isEqualTo(0.5);
    assertThat(p.totals().minutes()).as("half answered: degraded, not down")
        .isEqualTo(new UptimeReport.Minutes(0, 1, 0));
    assertThat(p.targets()).extracting(UptimeReport.Upstream::name).containsExactly("p/a", "p/b");
    assertThat(target(r, "p/b").minutes().down()).isEqualTo(1);
  }

  @Test
  void clientAvailabilityLeavesOutClientErrorsAndCancellations() {
    times(97, () -> rec.onRequest(request("chat", "succeeded", false)));
    times(20, () -> rec.onRequest(request("chat", "succeeded", true)));
    times(2, () -> rec.onRequest(request("chat", "all-failed", false)));
    rec.onRequest(request("chat", "deadline-exceeded", false));
    times(5, () -> rec.onRequest(request("chat", "rejected", false)));
    times(4, () -> rec.onRequest(request("chat", "cancelled", false)));
    times(40, () -> rec.onRequest(request("fast", "succeeded", false)));

    UptimeReport r = report();
    UptimeReport.Route chat = r.routes().get(0);
    assertThat(chat.name()).isEqualTo("chat");
    assertThat(chat.requests()).isEqualTo(97 + 20 + 3 + 5 + 4);
    assertThat(chat.succeeded()).isEqualTo(117);
    assertThat(chat.failed()).isEqualTo(3);
    assertThat(chat.failedOver()).isEqualTo(20);
    assertThat(chat.clientErrors()).isEqualTo(5);
    assertThat(chat.cancelled()).isEqualTo(4);
    assertThat(chat.failures()).isEqualTo(Map.of("all-failed", 2L, "deadline-exceeded", 1L));
    assertThat(chat.availability()).isCloseTo(117.0 / 120, within(1e-12));

    UptimeReport.Clients c = r.clients();
    assertThat(c.succeeded()).isEqualTo(157);
    assertThat(c.failed()).isEqualTo(3);
    assertThat(c.availability()).isCloseTo(157.0 / 160, within(1e-12));
    UptimeReport.ErrorBudget b = c.errorBudget();
    assertThat(b.eligible()).isEqualTo(160);
    assertThat(b.allowed()).isCloseTo(1.6, within(1e-9)); // 1% of 160
    assertThat(b.consumed()).isEqualTo(3);
    assertThat(b.remaining()).isCloseTo(-1.4, within(1e-9));
    assertThat(b.consumedShare()).isCloseTo(3 / 1.6, within(1e-9));
    assertThat(b.remainingShare()).isCloseTo(1 - 3 / 1.6, within(1e-9));
    assertThat(b.burnRate()).isCloseTo((3.0 / 160) / 0.01, within(1e-9));
  }

  @Test
  void burnRateOfTheLastHourSeesOnlyItsLastHour() {
    times(99, () -> rec.onRequest(request("chat", "succeeded", false)));
    rec.onRequest(request("chat", "all-failed", false));
    clock.advance(Duration.ofHours(2));
    history.flush();
    times(100, () -> rec.onRequest(request("chat", "succeeded", false)));

    UptimeReport.ErrorBudget b = report().clients().errorBudget();
    assertThat(b.burnRate()).isCloseTo((1.0 / 200) / 0.01, within(1e-9));
    assertThat(b.burnRateLastHour()).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void minutesWhenTheGatewayWasNotRunningAreGapsNotUptime() {
    rec.onAttempt("chat", attempt("p/m", "success"));
    nextMinute(); // 10:01: running
    clock.advance(Duration.ofMinutes(10)); // nothing happens, nothing ticks: not running
    rec.onAttempt("chat", attempt("p/m", "success")); // 10:11

    UptimeReport r = report();
    UptimeReport.Coverage c = r.coverage();
    assertThat(c.windowMinutes()).isEqualTo(12);
    assertThat(c.minutesWithData()).isEqualTo(3);
    assertThat(c.gaps()).containsExactly(new UptimeReport.Period(
        Instant.parse("2026-11-24T10:02:00Z"), Instant.parse("2026-11-24T10:11:00Z")));
    assertThat(c.firstData()).isEqualTo(Events.START);
    assertThat(c.lastData()).isEqualTo(Instant.parse("2026-11-24T10:11:00Z"));
    assertThat(target(r, "p/m").minutes()).isEqualTo(new UptimeReport.Minutes(2, 0, 0));
  }

  @Test
  void aMinuteCountsWhenItStartsInTheWindow() {
    rec.onRequest(request("chat", "succeeded", false)); // 10:00
    clock.advance(Duration.ofMinutes(1));
    rec.onRequest(request("chat", "all-failed", false)); // 10:01
    clock.advance(Duration.ofMinutes(1));

    UptimeReport first = history.report(new ReportWindow(Events.START,
        Instant.parse("2026-11-24T10:00:30Z")));
    assertThat(first.clients().succeeded()).isEqualTo(1);
    assertThat(first.clients().failed()).isZero();
    UptimeReport second = history.report(new ReportWindow(
        Instant.parse("2026-11-24T10:00:30Z"), Instant.parse("2026-11-24T10:02:00Z")));
    assertThat(second.clients().succeeded()).isZero();
    assertThat(second.clients().failed()).isEqualTo(1);
  }

  @Test
  void anEmptyWindowHasNothingToJudge() {
    UptimeReport r = history.report(new ReportWindow(Instant.parse("2026-11-01T00:00:00Z"),
        Instant.parse("2026-11-02T00:00:00Z")));
    assertThat(r.clients().availability()).isNull();
    assertThat(r.clients().errorBudget().burnRate()).isNull();
    assertThat(r.coverage().minutesWithData()).isZero();
    assertThat(r.coverage().firstData()).isNull();
    assertThat(r.coverage().gaps()).hasSize(1);
    assertThat(r.storage()).isEqualTo(new UptimeReport.Storage(false, "memory"));
  }
}
