package dev.ninelives.uptime;

import static dev.ninelives.uptime.Events.attempt;
import static dev.ninelives.uptime.Events.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.UptimeConfig;
import dev.ninelives.core.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Minutes roll up into hours after a week without changing the report; hours go after 400 days. */
class RetentionTest {
  @TempDir
  Path dataDir;

  private final ManualClock clock = Events.clock();
  private final ReportWindow day = new ReportWindow(Instant.parse("2026-11-24T00:00:00Z"),
      Instant.parse("2026-11-25T00:00:00Z"));

  private UptimeHistory open() {
    return UptimeHistory.open(new UptimeConfig(Optional.of(dataDir), 0.999), clock);
  }

  private Path file(String name) {
    return dataDir.resolve("uptime").resolve(name);
  }

  /** 70 minutes across two hours: outages of 3 minutes (across the hour) and 1 minute. */
  private void traffic(UptimeHistory h) {
    for (int minute = 0; minute < 70; minute++) {
      boolean down = minute == 58 || minute == 59 || minute == 60 || minute == 65;
      boolean degraded = minute == 20;
      for (int i = 0; i < 10; i++) {
        String outcome = down || (degraded && i < 3) ? "server-error" : "success";
        h.recorder().onAttempt("chat", attempt("primary/m1", outcome));
        h.recorder().onRequest(request("chat", down ? "all-failed" : "succeeded", false));
      }
      clock.advance(Duration.ofMinutes(1));
      h.flush();
    }
  }

  private static List<Object> content(UptimeReport r) {
    return List.of(r.clients(), r.routes(), r.providers(), r.coverage().gaps(),
        r.coverage().minutesWithData(), r.coverage().firstData(), r.coverage().lastData());
  }

  private static List<Object> withoutLastHour(List<Object> content) {
    UptimeReport.Clients c = (UptimeReport.Clients) content.get(0);
    UptimeReport.ErrorBudget b = c.errorBudget();
    List<Object> out = new java.util.ArrayList<>(content);
    out.set(0, new UptimeReport.Clients(c.requests(), c.succeeded(), c.failed(), c.failedOver(),
        c.clientErrors(), c.cancelled(), c.availability(), new UptimeReport.ErrorBudget(
            b.eligible(), b.allowed(), b.consumed(), b.remaining(), b.consumedShare(),
            b.burnRate(), null)));
    return out;
  }

  @Test
  void rollingUpToHoursKeepsTheReportOfAWholeDay() throws Exception {
    UptimeReport minutes;
    try (UptimeHistory h = open()) {
      traffic(h);
      minutes = h.report(day);
    }
    UptimeReport.Upstream t = minutes.providers().get(0).targets().get(0);
    assertThat(t.minutes()).isEqualTo(new UptimeReport.Minutes(65, 1, 4));
    assertThat(t.longestOutage().from()).isEqualTo(Instant.parse("2026-11-24T10:58:00Z"));
    assertThat(t.longestOutage().minutes()).isEqualTo(3);
    assertThat(minutes.coverage().hourlyUntil()).isNull();

    clock.advance(Duration.ofDays(8));
    try (UptimeHistory h = open()) {
      assertThat(file("minutes-2026-11-24.jsonl")).doesNotExist();
      assertThat(file("hours-2026-11-24.jsonl")).exists();
      UptimeReport hours = h.report(day);
      assertThat(content(hours)).isEqualTo(content(minutes));
      assertThat(hours.coverage().hourlyUntil()).isEqualTo(day.to());
    }
    assertThat(Files.readAllLines(file("hours-2026-11-24.jsonl")))
        .as("one line per series and hour").hasSize(2 * (1 + 1 + 1 + 1));
  }

  @Test
  void daysPastRetentionAreDeleted() {
    try (UptimeHistory h = open()) {
      traffic(h);
    }
    clock.advance(Duration.ofDays(Retention.DEFAULT.keepDays() - 1));
    try (UptimeHistory h = open()) {
      assertThat(h.report(day).clients().requests()).isEqualTo(700);
      clock.advance(Duration.ofDays(2));
      h.flush();
      assertThat(file("hours-2026-11-24.jsonl")).doesNotExist();
      assertThat(h.report(day).clients().requests()).isZero();
    }
  }

  @Test
  void countsThatWaitedPastTheMinuteHorizonAreDropped() {
    try (UptimeHistory h = open()) {
      h.recorder().onRequest(request("chat", "succeeded", false));
      clock.advance(Duration.ofDays(8)); // no flush for eight days
      h.flush();
      assertThat(h.report(day).clients().requests()).isZero();
    }
    assertThat(file("minutes-2026-11-24.jsonl")).doesNotExist();
  }

  @Test
  void theInMemoryHistoryRollsUpTheSameWay() {
    UptimeHistory h = new UptimeHistory(new MemoryStore(), 0.999, clock, Retention.DEFAULT);
    traffic(h);
    clock.advance(Duration.ofMinutes(1));
    h.flush(); // stores the last minute; the one now running is left out of the window
    ReportWindow stored = new ReportWindow(day.from(), Instant.parse("2026-11-24T11:11:00Z"));
    UptimeReport minutes = h.report(stored);
    clock.advance(Duration.ofDays(8));
    h.flush();
    UptimeReport hours = h.report(stored);
    // The window ends mid-hour: only the burn rate of its last hour differs, as hours have no
    // minutes to cut at 10:11; everything else is the same.
    assertThat(withoutLastHour(content(hours))).isEqualTo(withoutLastHour(content(minutes)));
    assertThat(hours.coverage().hourlyUntil()).isEqualTo(day.to());
  }
}
