package dev.ninelives.uptime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a day's minute lines into hour lines: per series and hour, the summed counts and which
 * minutes were up, degraded and down; for the gateway, which minutes it was running (a minute
 * with any line at all). Stateless.
 */
final class RollUp {
  private RollUp() {
  }

  private record Key(Kind kind, String name, long hour) { }

  private static final class Hour {
    final Map<String, Long> counts = new HashMap<>();
    long failedOver;
    long up;
    long degraded;
    long down;
  }

  static List<HourLine> hours(List<MinuteLine> minutes) {
    MinuteSums sums = new MinuteSums();
    minutes.forEach(sums::add);
    Map<Key, Hour> hours = new TreeMap<>((a, b) -> {
      int c = Long.compare(a.hour(), b.hour());
      c = c != 0 ? c : a.kind().compareTo(b.kind());
      return c != 0 ? c : a.name().compareTo(b.name());
    });
    Map<Long, Long> alive = new HashMap<>();
    for (Map.Entry<MinuteSums.Key, MinuteSums.Sum> e : sums.sums().entrySet()) {
      MinuteSums.Key k = e.getKey();
      MinuteSums.Sum s = e.getValue();
      long hourStart = Math.floorDiv(k.minute(), 60L) * 60;
      long bit = 1L << (k.minute() - hourStart);
      alive.merge(hourStart, bit, (x, y) -> x | y);
      Hour h = hours.computeIfAbsent(new Key(k.kind(), k.name(), hourStart), x -> new Hour());
      s.counts.forEach((label, n) -> h.counts.merge(label, n, Long::sum));
      h.failedOver += s.failedOver;
      if (k.kind() != Kind.GATEWAY) {
        switch (s.state(k.kind())) {
          case UP:
            h.up |= bit;
            break;
          case DEGRADED:
            h.degraded |= bit;
            break;
          case DOWN:
            h.down |= bit;
            break;
          default:
            break;
        }
      }
    }
    for (Long hourStart : alive.keySet()) {
      hours.computeIfAbsent(new Key(Kind.GATEWAY, UptimeRecorder.GATEWAY, hourStart),
          x -> new Hour());
    }
    List<HourLine> out = new ArrayList<>();
    for (Map.Entry<Key, Hour> e : hours.entrySet()) {
      Key k = e.getKey();
      Hour h = e.getValue();
      long aliveMask = k.kind() == Kind.GATEWAY ? alive.getOrDefault(k.hour(), 0L) : 0L;
      out.add(new HourLine(k.kind(), k.name(), k.hour(), h.counts, h.failedOver, h.up,
          h.degraded, h.down, aliveMask));
    }
    return out;
  }
}
