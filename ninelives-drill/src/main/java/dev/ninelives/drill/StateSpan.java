package dev.ninelives.drill;

/**
 * A stretch of time a breaker or a quarantine spent in one state (nanoseconds into the replay).
 * Immutable.
 *
 * @param state closed, open or half-open for a breaker; quarantined or admitted for a provider
 */
public record StateSpan(long fromNanos, long toNanos, String state) {}
