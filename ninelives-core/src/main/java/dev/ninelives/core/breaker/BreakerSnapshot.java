package dev.ninelives.core.breaker;

/**
 * A consistent reading of a breaker, for status pages and metrics.
 *
 * @param state the state at the time of reading
 * @param calls calls recorded in the current window
 * @param failureRate share of failures in the window, 0..1 (0 when empty)
 * @param slowCallRate share of slow calls in the window, 0..1 (0 when empty)
 * @param openedAtNanos when the breaker last opened (clock nanos), or {@link Long#MIN_VALUE}
 * @param reopensInNanos while open: time left until trial calls are let through; else 0
 */
public record BreakerSnapshot(
    BreakerState state,
    int calls,
    double failureRate,
    double slowCallRate,
    long openedAtNanos,
    long reopensInNanos) {}
