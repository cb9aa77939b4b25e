package dev.ninelives.status;

/**
 * The state of a target or provider in plain words, ordered from best to worst: a provider
 * shows the worst state of its targets.
 */
public enum HealthState {
  /** Answering normally. */
  HEALTHY("healthy"),
  /**
   * Answering, but at least 20% of the last minute's attempts failed, or its 95th percentile
   * latency is above the breaker's slow-call threshold.
   */
  DEGRADED("degraded"),
  /** Its breaker is half-open: trial requests decide whether traffic comes back. */
  RECOVERING("recovering"),
  /** Every key of its provider was refused: no traffic but probes. */
  QUARANTINED("quarantined"),
  /** Its breaker is open: no traffic until the open period ends. */
  DOWN("down");

  private final String label;

  HealthState(String label) {
    this.label = label;
  }

  /** The word used in the JSON and on the page. */
  public String label() {
    return label;
  }

  /** Whether no traffic reaches it now (down or quarantined). */
  public boolean isOut() {
    return this == DOWN || this == QUARANTINED;
  }

  static HealthState worst(HealthState a, HealthState b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
