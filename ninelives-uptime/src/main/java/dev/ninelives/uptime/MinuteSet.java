package dev.ninelives.uptime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of epoch minutes, kept as one 60-bit mask per hour so months of minutes cost a few
 * thousand entries. Not thread-safe.
 */
final class MinuteSet {
  /** Hour start (epoch minute) to the mask of its minutes in the set. */
  private final TreeMap<Long, Long> hours = new TreeMap<>();

  /** A run of consecutive minutes, {@code [start, end)}. */
  record Run(long start, long end) {
    long minutes() {
      return end - start;
    }
  }

  void add(long minute) {
    long hour = Math.floorDiv(minute, 60L) * 60;
    hours.merge(hour, 1L << (minute - hour), (a, b) -> a | b);
  }

  /** Adds the minutes of {@code mask} in the hour starting at {@code hour}, within [from, to). */
  void add(long hour, long mask, long from, long to) {
    long m = mask & window(hour, from, to);
    if (m != 0) {
      hours.merge(hour, m, (a, b) -> a | b);
    }
  }

  /** The bits of the hour starting at {@code hour} that fall within [from, to). */
  static long window(long hour, long from, long to) {
    long lo = Math.max(0, from - hour);
    long hi = Math.min(60, to - hour);
    if (hi <= lo) {
      return 0;
    }
    long upper = hi >= 64 ? -1L : (1L << hi) - 1;
    return upper & ~((1L << lo) - 1);
  }

  long count() {
    long n = 0;
    for (long mask : hours.values()) {
      n += Long.bitCount(mask);
    }
    return n;
  }

  boolean isEmpty() {
    return hours.isEmpty();
  }

  /** Maximal runs of consecutive minutes in the set, oldest first. */
  List<Run> runs() {
    List<Run> out = new ArrayList<>();
    long start = Long.MIN_VALUE;
    long end = Long.MIN_VALUE;
    for (Map.Entry<Long, Long> e : hours.entrySet()) {
      long hour = e.getKey();
      long mask = e.getValue();
      while (mask != 0) {
        int lo = Long.numberOfTrailingZeros(mask);
        int len = Long.numberOfTrailingZeros(~(mask >>> lo));
        long s = hour + lo;
        if (s == end) {
          end = s + len;
        } else {
          if (start != Long.MIN_VALUE) {
            out.add(new Run(start, end));
          }
          start = s;
          end = s + len;
        }
        mask &= ~(((1L << len) - 1) << lo);
      }
    }
    if (start != Long.MIN_VALUE) {
      out.add(new Run(start, end));
    }
    return out;
  }

  /** The longest run (the earliest of equals), or null when the set is empty. */
  Run longest() {
    Run best = null;
    for (Run r : runs()) {
      if (best == null || r.minutes() > best.minutes()) {
        best = r;
      }
    }
    return best;
  }

  /** The runs of minutes in [from, to) that are not in the set, oldest first. */
  List<Run> gaps(long from, long to) {
    List<Run> out = new ArrayList<>();
    long cursor = from;
    for (Run r : runs()) {
      long s = Math.max(r.start(), from);
      long e = Math.min(r.end(), to);
      if (e <= s) {
        continue;
      }
      if (s > cursor) {
        out.add(new Run(cursor, s));
      }
      cursor = e;
    }
    if (cursor < to) {
      out.add(new Run(cursor, to));
    }
    return out;
  }
}
