package dev.ninelives.uptime;

import java.util.Map;

/**
 * What one series counted in one minute, as stored: outcome label to count (only counts above
 * zero). Lines are additive: two lines for the same series and minute (written before and after
 * a restart, or a late increment) add up.
 *
 * @param minute UTC epoch minute
 * @param failedOver routes: requests answered by a backup target (a part of {@code succeeded})
 * @param out the breaker was open or the provider quarantined during the minute
 */
record MinuteLine(Kind kind, String name, long minute, Map<String, Long> counts, long failedOver,
    boolean out) {

  MinuteLine {
    counts = Map.copyOf(counts);
  }
}
