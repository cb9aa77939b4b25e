package dev.ninelives.uptime;

/**
 * How one minute went for a target, provider or route. The rule is the same at every level:
 * the share of what came to it that minute and was not served (failures and skips for a target
 * or provider, failed requests for a route), neutral outcomes left out.
 */
enum MinuteState {
  /** Running, but nothing came to it this minute: says nothing either way. */
  IDLE,
  /** Less than 20% not served. */
  UP,
  /** 20% to 50% not served: answering, but badly. Counts as available in minute uptime. */
  DEGRADED,
  /**
   * More than half not served, or — in a minute without traffic — its breaker was open or its
   * provider quarantined at some point of the minute.
   */
  DOWN;

  /** Share of bad outcomes from which a minute is degraded, as a fraction 1/n. */
  static final int DEGRADED_ONE_IN = 5;

  static MinuteState of(long good, long bad, boolean out) {
    long n = good + bad;
    if (n == 0) {
      return out ? DOWN : IDLE;
    }
    if (bad * 2 > n) {
      return DOWN;
    }
    if (bad * DEGRADED_ONE_IN >= n) {
      return DEGRADED;
    }
    return UP;
  }
}
