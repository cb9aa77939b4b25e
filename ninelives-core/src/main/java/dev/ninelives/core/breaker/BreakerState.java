package dev.ninelives.core.breaker;

/** The states of a {@link CircuitBreaker}. */
public enum BreakerState {
  /** Calls flow; outcomes are recorded in the sliding window. */
  CLOSED,
  /** Calls are rejected without a network call until the open duration has passed. */
  OPEN,
  /** A limited number of trial calls decide whether to close or open again. */
  HALF_OPEN;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
