package dev.ninelives.drill;

import java.util.Objects;

/**
 * The {@code resilience:} block of the configuration the drill gives the gateway it starts,
 * kept as the text written in the scenario so that the configuration loader reads it exactly as
 * it reads a config file, and its problems point at the scenario's own lines. Immutable.
 *
 * @param yaml the block's value as written (a mapping, block or flow style)
 * @param column the 0-based column its first line starts at
 * @param firstLine the scenario line its first line is on (1-based), 0 for the built-in default
 * @param source names where it was written, for messages
 */
public record GatewayPolicy(String yaml, int column, int firstLine, String source) {

  /**
   * The policy a drill uses when its scenario names none: production's shape with short timers,
   * so a replay compressed to a minute still shows breakers opening, trials and readmission.
   */
  public static final GatewayPolicy DEFAULT = new GatewayPolicy(String.join("\n",
      "timeouts: { connect: 500ms, first_token: 2s, stall: 2s, response: 4s, total: 8s }",
      "  retries: { max: 1, backoff: 100ms, max_backoff: 1s, budget: 20%, budget_min: 3, budget_window: 10s }",
      "  breaker: { failure_rate: 50%, slow_call_rate: 50%, slow_call: 1500ms, minimum_calls: 5, window: 5s,"
          + " open_for: 2s }",
      "  quarantine: { for: 2s, max: 4s }"), 2, 0, "the drill's default policy");

  public GatewayPolicy {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(source, "source");
  }
}
