package dev.ninelives.drill;

import java.time.Duration;
import java.util.Locale;

/** Durations as reports write them. Stateless. */
final class Durations {
  private Durations() {}

  /** 250ms, 1.5s, 12s, 4m30s, 5h30m. */
  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      double s = ms / 1000.0;
      return (s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.1f", s)) + "s";
    }
    long totalSeconds = d.toSeconds();
    long h = totalSeconds / 3600;
    long m = (totalSeconds % 3600) / 60;
    long s = totalSeconds % 60;
    if (h > 0) {
      return h + "h" + (m > 0 ? m + "m" : "");
    }
    return m + "m" + (s > 0 ? s + "s" : "");
  }

  /** Seconds with one decimal, for tables: 1.2 s. */
  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}
