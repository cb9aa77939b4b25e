package dev.ninelives.uptime;

import java.util.HashMap;
import java.util.Map;

/**
 * Minute lines added up per series and minute (lines are additive), and how each summed minute
 * went. Not thread-safe.
 */
final class MinuteSums {
  record Key(Kind kind, String name, long minute) { }

  /** One series' minute. */
  static final class Sum {
    final Map<String, Long> counts = new HashMap<>();
    long failedOver;
    boolean out;

    /** How the minute went, by the rule of {@link MinuteState}. */
    MinuteState state(Kind kind) {
      long good = 0;
      long bad = 0;
      for (Map.Entry<String, Long> e : counts.entrySet()) {
        switch (Outcomes.judge(kind, e.getKey())) {
          case GOOD:
            good += e.getValue();
            break;
          case BAD:
          case SKIP:
            bad += e.getValue();
            break;
          default:
            break;
        }
      }
      return MinuteState.of(good, bad, out);
    }
  }

  private final Map<Key, Sum> sums = new HashMap<>();

  void add(MinuteLine m) {
    Sum s = sums.computeIfAbsent(new Key(m.kind(), m.name(), m.minute()), k -> new Sum());
    for (Map.Entry<String, Long> e : m.counts().entrySet()) {
      s.counts.merge(e.getKey(), e.getValue(), Long::sum);
    }
    s.failedOver += m.failedOver();
    s.out |= m.out();
  }

  Map<Key, Sum> sums() {
    return sums;
  }
}
