package dev.ninelives.drill;

/**
 * One expectation of the scenario, held against the drill. Immutable.
 *
 * @param name the expectation's key in the scenario file
 * @param expected the bound, as written for people ("≥ 100%", "≤ 5s")
 * @param actual what the drill measured
 * @param passed whether the bound holds
 * @param scope which requests or incidents it was measured over
 */
public record Check(String name, String expected, String actual, boolean passed, String scope) {}
