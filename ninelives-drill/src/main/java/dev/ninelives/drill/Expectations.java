package dev.ninelives.drill;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a scenario asserts about a drill. Each bound is optional (null, or an empty list); only
 * the ones a scenario writes are checked. Shares are 0..1; durations are wall-clock, because a
 * gateway's reactions run at real speed whatever the compression. Immutable.
 *
 * @param successRate least share of right answers through the gateway among requests sent while
 *     at least one provider was healthy and no fault was silent
 * @param answeredRate least share of requests answered with HTTP 200 and a complete answer (right
 *     or wrong) while at least one provider was healthy: the gateway added no visible failure
 * @param wrongAnswersMin least share of wrong answers that reached the client during phases with a
 *     silent fault (proves the drill caught them)
 * @param wrongAnswersMax most such share
 * @param directSuccessMax most share of right answers a client wired straight to the primary got
 *     during the primary's faults (proves the faults were visible without the gateway)
 * @param detectionMax longest time from an incident's start until the gateway took the provider
 *     out of rotation (breaker open or provider quarantined)
 * @param fullFailoverMax longest time from an incident's start until requests went straight to
 *     another provider
 * @param readmissionMax longest time from an incident's end until the provider answered again
 * @param callsWithinBudget whether upstream calls to a failing provider must stay within one per
 *     client request plus the retry budget's allowance
 * @param breakerStaysClosed providers whose breakers must never open
 */
public record Expectations(
    Double successRate,
    Double answeredRate,
    Double wrongAnswersMin,
    Double wrongAnswersMax,
    Double directSuccessMax,
    Duration detectionMax,
    Duration fullFailoverMax,
    Duration readmissionMax,
    boolean callsWithinBudget,
    List<String> breakerStaysClosed) {

  public Expectations {
    breakerStaysClosed = List.copyOf(Objects.requireNonNull(breakerStaysClosed, "breakerStaysClosed"));
  }

  /** Nothing asserted. */
  public static Expectations none() {
    return new Expectations(null, null, null, null, null, null, null, null, false, List.of());
  }
}
