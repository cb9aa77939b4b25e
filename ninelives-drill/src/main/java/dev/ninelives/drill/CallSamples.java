package dev.ninelives.drill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream calls each simulated provider has received, sampled over the replay, so calls can
 * be counted per phase, per incident and per moment. Thread-safe: one thread samples, readers
 * copy under the lock.
 */
final class CallSamples {

  /** Cumulative calls per provider at one moment (nanoseconds into the replay). */
  record Sample(long atNanos, Map<String, Integer> calls) {}

  private final List<Sample> samples = new ArrayList<>();

  synchronized void add(long atNanos, Map<String, Integer> calls) {
    samples.add(new Sample(atNanos, Map.copyOf(calls)));
  }

  synchronized List<Sample> all() {
    return new ArrayList<>(samples);
  }

  /** Calls to {@code provider} between two moments, from the samples nearest them. */
  synchronized int between(String provider, long fromNanos, long toNanos) {
    return at(provider, toNanos) - at(provider, fromNanos);
  }

  /**
   * Cumulative calls at the last sample taken at or before {@code t}; before the first sample, the
   * first sample's (calls made before the replay, such as the warm-up, are not the replay's).
   */
  synchronized int at(String provider, long t) {
    int value = samples.isEmpty() ? 0 : samples.get(0).calls().getOrDefault(provider, 0);
    for (Sample s : samples) {
      if (s.atNanos() > t) {
        break;
      }
      value = s.calls().getOrDefault(provider, 0);
    }
    return value;
  }

  /** Calls per provider from the first sample to the last. */
  synchronized Map<String, Integer> totals() {
    Map<String, Integer> out = new LinkedHashMap<>();
    if (!samples.isEmpty()) {
      Map<String, Integer> first = samples.get(0).calls();
      samples.get(samples.size() - 1).calls().forEach((p, n) -> out.put(p, n - first.getOrDefault(p, 0)));
    }
    return out;
  }
}
