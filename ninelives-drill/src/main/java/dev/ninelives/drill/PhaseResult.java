package dev.ninelives.drill;

import java.util.Map;

/**
 * What happened during one phase. Immutable.
 *
 * @param span the phase and where it lay on the wall clock
 * @param anyHealthy whether at least one provider of the route had no fault
 * @param gateway requests sent through the gateway during the phase
 * @param direct requests sent straight to the primary, or null
 * @param callsGateway calls each provider received from the gateway during the phase
 * @param callsDirect calls the primary received from the direct client, or empty
 */
public record PhaseResult(Timeline.Span span, boolean anyHealthy, Stats gateway, Stats direct,
    Map<String, Integer> callsGateway, Map<String, Integer> callsDirect) {}
