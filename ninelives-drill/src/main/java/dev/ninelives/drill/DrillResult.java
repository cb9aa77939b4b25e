package dev.ninelives.drill;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a drill measured, and its verdict against the scenario's expectations. The report
 * writers read only this. Immutable.
 *
 * @param scenario the scenario as run
 * @param timeline its phases on the wall clock
 * @param route the route's providers in order
 * @param primary the provider the comparison client talked to
 * @param gatewayUrl the gateway's root URL
 * @param inProcess whether the drill started the gateway itself (so its decisions were heard
 *     first-hand rather than read from its status page)
 * @param wiring how the gateway was configured, in words
 * @param startedAt when the load started
 * @param endNanos when the last answer was in
 * @param gateway every request through the gateway, in order
 * @param direct every request straight to the primary, or null when there was no comparison
 * @param phases per phase
 * @param gatewayTotal all requests through the gateway
 * @param directTotal all requests straight to the primary, or null
 * @param incidents per incident
 * @param series per time bucket
 * @param events every gateway decision recorded
 * @param failovers failovers the gateway counted
 * @param retries upstream retries the gateway made
 * @param callsGateway calls each provider received from the gateway in all
 * @param callsDirect calls the primary received from the direct client in all, or empty
 * @param breakers each target's breaker states over time
 * @param quarantines each provider's quarantine over time
 * @param checks the scenario's expectations, held against the drill
 */
public record DrillResult(
    DrillScenario scenario,
    Timeline timeline,
    List<String> route,
    String primary,
    String gatewayUrl,
    boolean inProcess,
    String wiring,
    Instant startedAt,
    long endNanos,
    List<Outcome> gateway,
    List<Outcome> direct,
    List<PhaseResult> phases,
    Stats gatewayTotal,
    Stats directTotal,
    List<IncidentResult> incidents,
    Series series,
    List<GatewayEvent> events,
    long failovers,
    long retries,
    Map<String, Integer> callsGateway,
    Map<String, Integer> callsDirect,
    Map<String, List<StateSpan>> breakers,
    Map<String, List<StateSpan>> quarantines,
    List<Check> checks) {

  /** The same result with these checks. */
  public DrillResult withChecks(List<Check> newChecks) {
    return new DrillResult(scenario, timeline, route, primary, gatewayUrl, inProcess, wiring, startedAt, endNanos,
        gateway, direct, phases, gatewayTotal, directTotal, incidents, series, events, failovers, retries,
        callsGateway, callsDirect, breakers, quarantines, List.copyOf(newChecks));
  }

  /** True if every check holds. */
  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  /** The checks that do not hold. */
  public List<Check> failedChecks() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }
}
