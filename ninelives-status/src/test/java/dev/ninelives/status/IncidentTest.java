package dev.ninelives.status;

import static dev.ninelives.status.Fixture.P1;
import static dev.ninelives.status.Fixture.P2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.keys.KeyLease;
import dev.ninelives.core.keys.KeyPool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentTest {
  private final Fixture f = new Fixture();

  private Incident only() {
    List<Incident> all = f.tracker.incidents();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private static List<String> texts(Incident i) {
    return i.timeline().stream().map(TimelineEntry::text).toList();
  }

  @Test
  void shouldWriteTheTimelineAsItHappensAndResolveAfterAQuietMinute() {
    long start = f.clock.epochMillis();
    f.fail(P1);                                   // t=0: the first failure
    f.clock.advance(Duration.ofSeconds(2));
    f.fail(P1);
    f.fail(P1);
    f.fail(P1);                                   // t=2: the breaker opens
    assertThat(only().status()).isEqualTo(Incident.Status.OPEN);
    assertThat(only().title()).isEqualTo("p1/m is unavailable");
    assertThat(only().openedAtMillis()).isEqualTo(start + 2_000);

    f.clock.advance(Duration.ofSeconds(1));
    f.tracker.onFailover("chat", P1, P2, "server-error");
    f.clock.advance(Duration.ofSeconds(20));
    f.tracker.onFailover("chat", P1, P2, "server-error");
    f.tracker.onFailover("chat", P1, P2, "timeout");

    f.recover(P1);                                // t=53: trial succeeds, breaker closes
    Incident i = only();
    assertThat(i.status()).as("resolved only after a quiet minute").isEqualTo(Incident.Status.OPEN);
    assertThat(texts(i)).containsExactly(
        "First failure on p1/m: a server error (server-error, HTTP 503).",
        "Stopped sending requests to p1/m after repeated failures (breaker opened).",
        "Traffic moved from p1/m to p2/m (3 requests).",
        "Testing whether p1/m has recovered with trial requests (breaker half-open).",
        "A trial request to p1/m succeeded.",
        "Traffic is back on p1/m (breaker closed).");
    assertThat(i.timeline()).extracting(TimelineEntry::atMillis).containsExactly(
        start, start + 2_000, start + 3_000, start + 53_000, start + 53_000, start + 53_000);

    f.clock.advance(Duration.ofSeconds(59));
    assertThat(only().status()).isEqualTo(Incident.Status.OPEN);
    f.clock.advance(Duration.ofSeconds(5));
    i = only();
    assertThat(i.status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(i.resolvedAtMillis()).isEqualTo(start + 113_000);
    assertThat(i.durationMillis()).isEqualTo(111_000);
    assertThat(texts(i)).last().isEqualTo("Resolved: p1/m has worked normally for a minute.");
    assertThat(i.timeline().get(i.timeline().size() - 1).atMillis()).isEqualTo(start + 113_000);
  }

  @Test
  void shouldCoalesceTrafficMovesPerPairAndMinute() {
    f.openBreaker(P1);
    f.tracker.onFailover("chat", P1, P2, "server-error");
    f.tracker.onFailover("chat", P1, Fixture.P3, "server-error");
    f.clock.advance(Duration.ofSeconds(59));
    f.tracker.onFailover("chat", P1, P2, "server-error");
    f.clock.advance(Duration.ofSeconds(2));
    f.tracker.onFailover("chat", P1, P2, "server-error");
    assertThat(texts(only())).filteredOn(t -> t.startsWith("Traffic moved")).containsExactly(
        "Traffic moved from p1/m to p2/m (2 requests).",
        "Traffic moved from p1/m to p3/m (1 request).",
        "Traffic moved from p1/m to p2/m (1 request).");
  }

  @Test
  void shouldCarryTheRunUpIntoANewIncident() {
    f.fail(P1);
    f.tracker.onFailover("chat", P1, P2, "server-error");
    f.clock.advance(Duration.ofSeconds(5));
    f.fail(P1);
    f.tracker.onFailover("chat", P1, P2, "server-error");
    assertThat(f.tracker.incidents()).as("two failures are not an incident yet").isEmpty();
    f.fail(P1);
    f.fail(P1);
    assertThat(texts(only())).containsExactly(
        "First failure on p1/m: a server error (server-error, HTTP 503).",
        "Traffic moved from p1/m to p2/m (2 requests).",
        "Stopped sending requests to p1/m after repeated failures (breaker opened).");
  }

  @Test
  void shouldStartANewRunAfterAMinuteWithoutFailures() {
    f.fail("chat", P1, "timeout", 0, 0);
    f.clock.advance(Duration.ofSeconds(90));
    f.fail(P1);
    f.fail(P1);
    f.fail(P1);
    f.fail(P1);
    assertThat(texts(only()).get(0))
        .isEqualTo("First failure on p1/m: a server error (server-error, HTTP 503).");
  }

  @Test
  void shouldPutALateReportedFirstFailureFirst() {
    Fixture g = new Fixture(new ResilienceConfig.Breaker(0.5, 0.8, Duration.ofSeconds(2), 1,
        Duration.ofSeconds(60), Duration.ofSeconds(30), 1));
    g.fail("chat", P1, "connect-failure", 0, 0); // opens the breaker before it is reported
    Incident i = g.tracker.incidents().get(0);
    assertThat(texts(i)).containsExactly(
        "First failure on p1/m: no connection (connect-failure).",
        "Stopped sending requests to p1/m after repeated failures (breaker opened).");
  }

  @Test
  void shouldRecordFailedTrialsAndKeepTheIncidentOpen() {
    f.openBreaker(P1);
    f.clock.advance(Duration.ofSeconds(30));
    f.fail(P1); // the trial fails: open again
    f.clock.advance(Duration.ofSeconds(120));
    Incident i = only();
    assertThat(i.status()).isEqualTo(Incident.Status.OPEN);
    assertThat(texts(i)).containsSubsequence(
        "Testing whether p1/m has recovered with trial requests (breaker half-open).",
        "A trial request to p1/m failed; still not sending it traffic (breaker opened again).");
    f.ok(P1, 100);
    f.clock.advance(Duration.ofSeconds(61));
    assertThat(only().status()).isEqualTo(Incident.Status.RESOLVED);
  }

  @Test
  void shouldRecordEachTrialWhileSeveralAreNeeded() {
    Fixture g = new Fixture(new ResilienceConfig.Breaker(0.5, 0.8, Duration.ofSeconds(2), 4,
        Duration.ofSeconds(60), Duration.ofSeconds(30), 2));
    g.openBreaker(P1);
    g.clock.advance(Duration.ofSeconds(30));
    g.ok(P1, 100);
    g.ok(P1, 100);
    assertThat(texts(g.tracker.incidents().get(0))).containsSubsequence(
        "Testing whether p1/m has recovered with trial requests (breaker half-open).",
        "A trial request to p1/m succeeded.",
        "A trial request to p1/m succeeded.",
        "Traffic is back on p1/m (breaker closed).");
  }

  @Test
  void shouldOpenAnIncidentWhenATargetTurnsDegradedAndResolveItAfterwards() {
    for (int i = 0; i < 4; i++) {
      f.ok(P1, 100);
    }
    f.fail("chat", P1, "stream-error", 200, 0);
    Incident i = only();
    assertThat(i.title()).isEqualTo("Slower or less reliable answers from p1/m");
    assertThat(texts(i)).containsExactly(
        "First failure on p1/m: an answer that broke off (stream-error, HTTP 200).",
        "p1/m is failing more often than usual: 1 of 5 requests failed in the last minute.");

    f.clock.advance(Duration.ofSeconds(61));
    assertThat(f.state(P1)).isEqualTo(HealthState.HEALTHY);
    assertThat(only().status()).isEqualTo(Incident.Status.OPEN);
    f.clock.advance(Duration.ofSeconds(60));
    assertThat(only().status()).isEqualTo(Incident.Status.RESOLVED);
  }

  @Test
  void shouldRaiseTheTitleWhenADegradedTargetGoesDown() {
    for (int i = 0; i < 4; i++) {
      f.ok(P1, 100);
    }
    f.fail(P1);
    f.fail(P1);
    f.fail(P1);
    f.fail(P1);
    Incident i = only();
    assertThat(i.title()).isEqualTo("p1/m is unavailable");
    assertThat(texts(i)).last()
        .isEqualTo("Stopped sending requests to p1/m after repeated failures (breaker opened).");
  }

  @Test
  void shouldReopenTheSameIncidentWhenFailuresReturnWithinTheQuietMinute() {
    f.openBreaker(P1);
    f.recover(P1);
    f.clock.advance(Duration.ofSeconds(30));
    f.openBreaker(P1);
    f.clock.advance(Duration.ofSeconds(40));
    assertThat(only().status()).isEqualTo(Incident.Status.OPEN);
    assertThat(texts(only())).filteredOn(t -> t.startsWith("Stopped sending")).hasSize(2);
  }

  @Test
  void shouldCountTheImpactOnClientsWhileOpen() {
    for (int i = 0; i < 10; i++) {
      f.request("chat", "succeeded", 1, 1_000); // the baseline: 1 s
    }
    f.request("fast", "succeeded", 1, 100);
    f.openBreaker(P1);
    // While open: requests pass p1 by, or try it and move on.
    f.skip(P1);
    f.skip(P1);
    f.skip(P1);
    f.fail("chat", P1, "server-error", 502, 0);
    f.fail("chat", P1, "server-error", 502, 1); // a retry of the same request
    f.tracker.onFailover("chat", P1, P2, "server-error");
    for (int i = 0; i < 4; i++) {
      f.request("chat", "succeeded", 1, 1_500);
    }
    f.request("chat", "all-failed", 3, 4_000);
    f.request("chat", "cancelled", 1, 10);
    f.request("fast", "all-failed", 1, 100); // another route: not affected

    Impact impact = only().impact();
    // The failure that opened it (reported just after), 3 skips, 1 more; not the retry. The
    // failures before the breaker opened came before the incident.
    assertThat(impact.requestsAffected()).isEqualTo(5);
    assertThat(impact.failed()).isEqualTo(1);
    assertThat(impact.failedOver()).isEqualTo(4);
    assertThat(impact.extraLatencyMs()).isEqualTo(500.0);

    f.recover(P1);
    f.clock.advance(Duration.ofSeconds(61));
    f.request("chat", "all-failed", 3, 4_000);
    assertThat(only().status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(only().impact().failed()).as("not counted once healthy again").isEqualTo(1);
    assertThat(only().impact().requestsAffected()).as("nor the good trial").isEqualTo(5);
  }

  @Test
  void shouldLeaveExtraLatencyUnknownWithoutABaseline() {
    f.openBreaker(P1);
    f.request("chat", "succeeded", 2, 900);
    assertThat(only().impact().extraLatencyMs()).isNull();
  }

  @Test
  void shouldFollowAProviderThroughQuarantineAndReadmission() {
    // In the engine's order: the key is released (and quarantined), then the attempt reported.
    KeyPool pool = f.registry.keyPool("p2");
    pool.releaseRejected(pool.acquire());
    f.fail("chat", P2, "auth", 401, 0);
    f.clock.advance(Duration.ofSeconds(1));
    pool.releaseRejected(pool.acquire()); // both keys now: the provider is quarantined
    f.fail("chat", P2, "auth", 401, 0);

    assertThat(f.tracker.providerState("p2")).contains(HealthState.QUARANTINED);
    assertThat(f.state(P2)).isEqualTo(HealthState.QUARANTINED);
    Incident i = f.tracker.incidents().stream()
        .filter(x -> x.kind() == Incident.Kind.PROVIDER).findFirst().orElseThrow();
    assertThat(i.subject()).isEqualTo("p2");
    assertThat(i.title()).isEqualTo("p2 is unavailable: it refused our access");
    assertThat(texts(i)).containsExactly(
        "First refused API key: p2/m answered with a refused API key (auth, HTTP 401).",
        "An API key for p2 was refused; it is set aside for now.",
        "An API key for p2 was refused; it is set aside for now.",
        "Every API key for p2 was refused; stopped sending requests to p2.");

    f.tracker.onAttempt("chat", new dev.ninelives.core.policy.AttemptRecord(P2, null,
        dev.ninelives.core.policy.AttemptRecord.PROVIDER_QUARANTINED, 0, 0, -1, "quarantined",
        false, 0));
    // The request whose refusal quarantined the provider (reported just after), and the skip.
    assertThat(f.tracker.incident(i.id()).orElseThrow().impact().requestsAffected()).isEqualTo(2);

    f.clock.advance(Duration.ofSeconds(60));
    KeyLease probe = pool.acquire();
    assertThat(probe.isProbe()).isTrue();
    pool.releaseSuccess(probe);
    assertThat(f.tracker.providerState("p2")).isNotEqualTo(java.util.Optional.of(HealthState.QUARANTINED));
    assertThat(texts(f.tracker.incident(i.id()).orElseThrow())).containsSubsequence(
        "An API key for p2 works again.", "p2 accepts requests again; traffic resumes.");
    f.clock.advance(Duration.ofSeconds(60));
    assertThat(f.tracker.incident(i.id()).orElseThrow().status())
        .isEqualTo(Incident.Status.RESOLVED);
  }

  @Test
  void shouldPutTheFirstRefusalFirstWhateverTheOrderOfReports() {
    KeyPool pool = f.registry.keyPool("p2");
    f.clock.advance(Duration.ofMillis(5));
    pool.releaseRejected(pool.acquire());
    f.clock.advance(Duration.ofMillis(1));
    f.fail("chat", P2, "auth", 403, 0);
    f.clock.advance(Duration.ofSeconds(10));
    f.tracker.onProviderQuarantined("p2");
    Incident i = f.tracker.incidents().stream()
        .filter(x -> x.kind() == Incident.Kind.PROVIDER).findFirst().orElseThrow();
    assertThat(texts(i)).containsExactly(
        "First refused API key: p2/m answered with a refused API key (auth, HTTP 403).",
        "An API key for p2 was refused; it is set aside for now.",
        "Every API key for p2 was refused; stopped sending requests to p2.");
    assertThat(i.timeline()).extracting(TimelineEntry::atMillis)
        .containsExactly(f.clock.epochMillis() - 10_001, f.clock.epochMillis() - 10_001,
            f.clock.epochMillis());
  }

  @Test
  void shouldSpeakOfAProviderWithoutKeysAsRefusingAccess() {
    KeyPool pool = f.registry.keyPool("p3");
    pool.releaseRejected(pool.acquire());
    Incident i = only();
    assertThat(texts(i)).containsExactly("p3 refused access.",
        "p3 refused access; stopped sending requests to p3.");
    f.clock.advance(Duration.ofSeconds(60));
    pool.releaseSuccess(pool.acquire());
    assertThat(texts(only())).last().isEqualTo("p3 accepts requests again; traffic resumes.");
  }

  @Test
  void shouldKeepAtMostAHundredIncidentsDroppingTheOldestResolved() {
    for (int n = 0; n < 105; n++) {
      f.tracker.onProviderQuarantined("p3");
      f.tracker.onProviderReadmitted("p3");
      f.clock.advance(Duration.ofSeconds(61));
    }
    f.tracker.onProviderQuarantined("p3"); // one more, left open
    List<Incident> all = f.tracker.incidents();
    assertThat(all).hasSize(100);
    assertThat(all.get(0).status()).isEqualTo(Incident.Status.OPEN);
    assertThat(all.get(0).id()).endsWith("-106");
    assertThat(all.get(99).id()).endsWith("-7");
    assertThat(f.tracker.snapshot().incidents()).as("the JSON shows open + 20 resolved").hasSize(21);
  }

  @Test
  void shouldDraftAPostMortemInMarkdown() {
    for (int i = 0; i < 10; i++) {
      f.request("chat", "succeeded", 1, 1_000);
    }
    f.openBreaker(P1);
    f.tracker.onFailover("chat", P1, P2, "server-error");
    f.request("chat", "succeeded", 2, 1_250);
    f.request("chat", "all-failed", 2, 3_000);
    f.recover(P1);
    f.clock.advance(Duration.ofSeconds(61));
    Incident i = only();

    String md = f.tracker.incidentMarkdown(i.id()).orElseThrow();
    assertThat(md).startsWith("# Incident " + i.id() + ": p1/m is unavailable\n");
    assertThat(md).contains("- **Status:** Resolved")
        .contains("- **Affected:** p1/m (model)")
        .contains("- **Started:** 2026-01-01 00:00:00 UTC")
        .contains("- **Ended:** 2026-01-01 00:01:30 UTC")
        .contains("- **Duration:** 1 min 30 s")
        .contains("The incident lasted 1 min 30 s. While it lasted, 1 request was affected: 1 request failed and 1 was answered"
            + " by another target instead. Answers took 250 ms longer on average than before.")
        .contains("## Summary")
        .contains("## Impact on clients")
        .contains("| Requests affected | 1 |")
        .contains("| Failed | 1 |")
        .contains("| Failed over (answered by another target) | 1 |")
        .contains("| Extra latency (mean) | +250 ms |")
        .contains("## Timeline (UTC)")
        .contains("- 00:00:00 — First failure on p1/m: a server error (server-error, HTTP 503).")
        .contains("- 00:00:00 — Stopped sending requests to p1/m after repeated failures")
        .contains("- 00:00:00 — Traffic moved from p1/m to p2/m (1 request).")
        .contains("- 00:00:30 — Traffic is back on p1/m (breaker closed).")
        .contains("- 00:01:30 — Resolved: p1/m has worked normally for a minute.")
        .contains("## Root cause\n\n_To be filled in._")
        .contains("## Follow-ups\n\n- [ ] _To be filled in._");
    assertThat(md.indexOf("## Timeline")).isLessThan(md.indexOf("## Root cause"));
    assertThat(md.indexOf("## Root cause")).isLessThan(md.indexOf("## Follow-ups"));
    assertThat(f.tracker.incidentMarkdown("inc-none")).isEmpty();
    assertThat(Instant.ofEpochMilli(i.openedAtMillis()).toString()).isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void shouldDraftAnOngoingIncident() {
    f.openBreaker(P1);
    f.clock.advance(Duration.ofSeconds(12));
    String md = only().toMarkdown();
    assertThat(md).contains("- **Status:** Ongoing").contains("- **Ended:** not yet")
        .contains("- **Duration:** 12 s so far").contains("So far, 1 request was affected: 0 requests failed");
  }

  @Test
  void shouldBoundTheTimelineKeepingItsStartAndLatestEntries() {
    f.openBreaker(P1);
    for (int n = 0; n < 600; n++) {
      f.clock.advance(Duration.ofSeconds(61)); // each move is a new line
      f.tracker.onFailover("chat", P1, P2, "server-error");
    }
    Incident i = only();
    assertThat(i.omittedEntries()).isPositive();
    assertThat(i.timeline()).hasSize(501);
    assertThat(i.timeline().get(0).text()).startsWith("First failure");
    assertThat(i.timeline().get(20).text()).contains("left out here");
    assertThat(i.timeline().get(500).atMillis()).isEqualTo(f.clock.epochMillis());
  }
}
