package dev.ninelives.uptime;

import java.util.Map;

/**
 * One series' hour, rolled up from its minutes once they are older than the store keeps minutes
 * for: the counts of the hour, and which of its minutes were up, degraded and down (bit {@code
 * i} is minute {@code i} of the hour), so minute uptime and outages stay exact to the minute.
 * For the gateway series, {@code alive} marks the minutes it was running.
 *
 * @param hour UTC epoch minute of the hour's start
 */
record HourLine(Kind kind, String name, long hour, Map<String, Long> counts, long failedOver,
    long up, long degraded, long down, long alive) {

  HourLine {
    counts = Map.copyOf(counts);
  }
}
