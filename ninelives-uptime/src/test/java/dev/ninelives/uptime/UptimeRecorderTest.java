package dev.ninelives.uptime;

import static dev.ninelives.uptime.Events.attempt;
import static dev.ninelives.uptime.Events.request;
import static dev.ninelives.uptime.Events.skip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bucketing: what the recorder counts, in which minute, and what a flush stores. */
class UptimeRecorderTest {
  private final ManualClock clock = Events.clock();
  private final MemoryStore store = new MemoryStore();
  private final UptimeHistory history = new UptimeHistory(store, 0.999, clock,
      Retention.DEFAULT);
  private final UptimeRecorder rec = history.recorder();
  private final long m0 = Events.minuteOf(Events.START);

  private List<MinuteLine> stored() {
    List<MinuteLine> out = new ArrayList<>();
    for (LocalDate day : store.days()) {
      for (String line : store.read(day).lines()) {
        out.add((MinuteLine) Lines.decode(line));
      }
    }
    return out;
  }

  private List<MinuteLine> stored(Kind kind, String name) {
    return stored().stream().filter(m -> m.kind() == kind && m.name().equals(name)).toList();
  }

  private void at(String time) {
    long target = Instant.parse("2026-11-24T" + time + "Z").toEpochMilli();
    clock.advanceMillis(target - clock.epochMillis());
  }

  @Test
  void attemptsAreCountedPerWallClockMinuteForTheTargetAndItsProvider() {
    at("10:00:10");
    rec.onAttempt("chat", attempt("p/m1", "success"));
    rec.onAttempt("chat", attempt("p/m1", "success"));
    rec.onAttempt("chat", attempt("p/m1", "server-error"));
    rec.onAttempt("chat", attempt("p/m2", "success"));
    at("10:01:59");
    rec.onAttempt("chat", attempt("p/m1", "timeout"));
    at("10:02:00");
    history.flush();

    assertThat(stored(Kind.TARGET, "p/m1")).containsExactly(
        new MinuteLine(Kind.TARGET, "p/m1", m0, Map.of("success", 2L, "server-error", 1L), 0,
            false),
        new MinuteLine(Kind.TARGET, "p/m1", m0 + 1, Map.of("timeout", 1L), 0, false));
    assertThat(stored(Kind.PROVIDER, "p")).containsExactly(
        new MinuteLine(Kind.PROVIDER, "p", m0, Map.of("success", 3L, "server-error", 1L), 0,
            false),
        new MinuteLine(Kind.PROVIDER, "p", m0 + 1, Map.of("timeout", 1L), 0, false));
  }

  @Test
  void onlyFinishedMinutesAreStoredAndEachCountOnlyOnce() {
    rec.onAttempt("chat", attempt("p/m1", "success"));
    history.flush();
    assertThat(stored(Kind.TARGET, "p/m1")).as("the minute is still running").isEmpty();

    clock.advance(Duration.ofMinutes(1));
    history.flush();
    history.flush();
    assertThat(stored(Kind.TARGET, "p/m1")).hasSize(1);
  }

  @Test
  void aCountThatArrivesAfterItsMinuteWasStoredIsStoredAsAnExtraLine() {
    rec.onAttempt("chat", attempt("p/m1", "success"));
    clock.advance(Duration.ofSeconds(61));
    history.flush();
    // A request thread that read the clock just before the minute ended counts late.
    Series target = rec.series().stream().filter(s -> s.name.equals("p/m1")).findFirst()
        .orElseThrow();
    target.add(m0, Outcomes.ATTEMPTS.index("success"));
    history.flush();

    assertThat(stored(Kind.TARGET, "p/m1")).extracting(MinuteLine::counts)
        .containsExactly(Map.of("success", 1L), Map.of("success", 1L));
  }

  @Test
  void storedBucketsAreLetGoSoMemoryStaysBounded() {
    for (int i = 0; i < 10; i++) {
      rec.onAttempt("chat", attempt("p/m1", "success"));
      clock.advance(Duration.ofMinutes(1));
      history.flush();
    }
    Series target = rec.series().stream().filter(s -> s.name.equals("p/m1")).findFirst()
        .orElseThrow();
    assertThat(target.buckets()).hasSizeLessThanOrEqualTo(UptimeHistory.RETIRE_AFTER_MINUTES);
    assertThat(stored(Kind.TARGET, "p/m1")).hasSize(10);
  }

  @Test
  void skipsAreCountedAndCallsNotMadeForOtherReasonsAreNot() {
    rec.onAttempt("chat", skip("p/m1", AttemptRecord.BREAKER_OPEN));
    rec.onAttempt("chat", skip("q/m1", AttemptRecord.PROVIDER_QUARANTINED));
    rec.onAttempt("chat", new AttemptRecord("p/m1", null, "unsupported", 0, 0, -1,
        "n > 1", false, 0));
    clock.advance(Duration.ofMinutes(1));
    history.flush();

    assertThat(stored(Kind.TARGET, "p/m1")).extracting(MinuteLine::counts)
        .containsExactly(Map.of("breaker-open", 1L));
    assertThat(stored(Kind.PROVIDER, "q")).extracting(MinuteLine::counts)
        .containsExactly(Map.of("provider-quarantined", 1L));
  }

  @Test
  void requestsAreCountedPerRouteWithAnswersFromABackup() {
    rec.onRequest(request("chat", "succeeded", false));
    rec.onRequest(request("chat", "succeeded", true));
    rec.onRequest(request("chat", "all-failed", false));
    rec.onRequest(request("chat", "failed-after-commit", true)); // not an answer from a backup
    rec.onRequest(request("chat", "something-new", false));
    rec.onRequest(new RequestSummary(RequestSummary.NO_ROUTE, "openai", "invalid", 400, null, 0,
        false, false, 1, -1, 1, -1, -1));
    clock.advance(Duration.ofMinutes(1));
    history.flush();

    assertThat(stored(Kind.ROUTE, "chat")).containsExactly(new MinuteLine(Kind.ROUTE, "chat", m0,
        Map.of("succeeded", 2L, "all-failed", 1L, "failed-after-commit", 1L, "other", 1L), 1,
        false));
    assertThat(stored(Kind.ROUTE, RequestSummary.NO_ROUTE)).isEmpty();
  }

  @Test
  void anOpenBreakerMarksEveryMinuteItStaysOpenEvenWithoutTraffic() {
    at("10:00:20");
    rec.onTransition("p/m1", BreakerState.CLOSED, BreakerState.OPEN, 0);
    at("10:01:10");
    history.flush();
    at("10:02:10");
    history.flush();
    at("10:02:30");
    rec.onTransition("p/m1", BreakerState.OPEN, BreakerState.HALF_OPEN, 0);
    at("10:03:10");
    history.flush();
    at("10:05:10");
    history.flush();

    assertThat(stored(Kind.TARGET, "p/m1")).extracting(MinuteLine::minute, MinuteLine::out)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(m0, true),
            org.assertj.core.groups.Tuple.tuple(m0 + 1, true),
            org.assertj.core.groups.Tuple.tuple(m0 + 2, true));
  }

  @Test
  void aQuarantinedProviderIsOutUntilReadmitted() {
    rec.onProviderQuarantined("p");
    clock.advance(Duration.ofMinutes(1));
    history.flush();
    rec.onProviderReadmitted("p");
    clock.advance(Duration.ofMinutes(1));
    history.flush();
    clock.advance(Duration.ofMinutes(1));
    history.flush();

    assertThat(stored(Kind.PROVIDER, "p")).extracting(MinuteLine::minute)
        .containsExactly(m0, m0 + 1);
  }

  @Test
  void everyMinuteTheGatewayRunsIsMarked() {
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(30));
      history.flush();
    }
    clock.advance(Duration.ofMinutes(1));
    history.flush();
    assertThat(stored(Kind.GATEWAY, UptimeRecorder.GATEWAY)).extracting(MinuteLine::minute)
        .containsExactly(m0, m0 + 1);
  }

  @Test
  void namesPastTheCapShareOneSeries() {
    for (int i = 0; i < UptimeRecorder.MAX_SERIES + 5; i++) {
      rec.onRequest(request("p/model-" + i, "succeeded", false));
    }
    clock.advance(Duration.ofMinutes(1));
    history.flush();
    List<MinuteLine> routes = stored().stream().filter(m -> m.kind() == Kind.ROUTE).toList();
    assertThat(routes).hasSize(UptimeRecorder.MAX_SERIES + 1);
    assertThat(routes).filteredOn(m -> m.name().equals(UptimeRecorder.OVERFLOW))
        .extracting(MinuteLine::counts).containsExactly(Map.of("succeeded", 5L));
  }

  @Test
  void keyLabelsAreNeverStored() {
    rec.onAttempt("chat", new AttemptRecord("p/m1", "sk-live-abcdef123456", "auth", 401, 1, -1,
        "key sk-live-abcdef123456 refused", true, 0));
    clock.advance(Duration.ofMinutes(1));
    history.flush();
    assertThat(String.join("\n", store.read(store.days().first()).lines()))
        .contains("\"auth\":1").doesNotContain("sk-live");
  }
}
