package dev.ninelives.uptime;

import java.time.LocalDate;

/**
 * How long history is kept, by UTC day: minutes for today and the {@code minuteDays} days
 * before it, then rolled up into hours; hours until {@code keepDays} days old, then deleted.
 * Immutable.
 */
record Retention(int minuteDays, int keepDays) {
  /** A week of minutes, 400 days of hours: a year-on-year report still has its month. */
  static final Retention DEFAULT = new Retention(7, 400);

  Retention {
    if (minuteDays < 1 || keepDays <= minuteDays) {
      throw new IllegalArgumentException("retention must keep minutes for at least a day and "
          + "hours for longer, but was " + minuteDays + " and " + keepDays + " days");
    }
  }

  /** Days before this one are kept as hours (and minutes for them are no longer accepted). */
  LocalDate rollUpBefore(LocalDate today) {
    return today.minusDays(minuteDays);
  }

  /** Days before this one are deleted. */
  LocalDate deleteBefore(LocalDate today) {
    return today.minusDays(keepDays);
  }
}
