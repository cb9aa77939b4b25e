package dev.ninelives.drill;

/**
 * How the gateway handled one incident: a provider's unbroken run of faulty phases. Times are
 * wall-clock nanoseconds from the incident's start (readmission: from its end), or null when it
 * did not happen within the replay. Immutable.
 *
 * @param incident the provider and phases
 * @param serving whether the provider was answering the route's traffic when the incident began
 *     (its first target, or the one most answers came from just before); failover times are only
 *     measured for such a provider
 * @param detection until the gateway took the provider out of rotation: a breaker of one of its
 *     targets opened, or the provider was quarantined
 * @param firstFailover until a client first received an answer from another provider
 * @param fullFailover until requests went straight to another provider, in one upstream call
 * @param readmission from the incident's end until the provider answered a client again
 * @param requests client requests sent through the gateway during the incident
 * @param upstreamCalls calls the provider received from the gateway during the incident
 * @param directCalls calls it received from the client wired straight to it, or -1
 * @param budgetBound the most calls the gateway may make under its retry budget: one per request,
 *     the budget's share on top, its floor per window, and one per key for rotating past bad keys
 */
public record IncidentResult(
    Timeline.Incident incident,
    boolean serving,
    Long detection,
    Long firstFailover,
    Long fullFailover,
    Long readmission,
    int requests,
    int upstreamCalls,
    int directCalls,
    double budgetBound) {

  public boolean withinBudget() {
    return upstreamCalls <= budgetBound;
  }
}
