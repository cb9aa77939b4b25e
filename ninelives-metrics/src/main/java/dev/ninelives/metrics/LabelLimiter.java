package dev.ninelives.metrics;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Caps how many distinct values one label may take. The first {@code max} values seen keep
 * their own series; every later one is reported as {@link GatewayMetrics#OTHER}.
 *
 * <p>Values beyond the cap are not remembered, so a flood of distinct names costs neither
 * memory nor series. Near the cap, two racing admissions may both briefly reserve a slot and
 * one of them be reported as {@code other} once although a slot was in fact left; that value
 * gets its own series on its next use. A null value is reported as
 * {@link GatewayMetrics#UNKNOWN}.
 *
 * <p>Thread-safe; a value already admitted costs one {@link ConcurrentHashMap#get}.
 */
final class LabelLimiter {
  private final int max;
  private final Consumer<String> onAdmit;
  private final ConcurrentHashMap<String, String> admitted = new ConcurrentHashMap<>();
  private final AtomicInteger reserved = new AtomicInteger();

  /**
   * @param max how many distinct values get their own series
   * @param onAdmit told once of every value admitted, outside any lock of this limiter (for
   *     meters that exist per value, such as a gauge)
   */
  LabelLimiter(int max, Consumer<String> onAdmit) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, but was " + max);
    }
    this.max = max;
    this.onAdmit = Objects.requireNonNull(onAdmit, "onAdmit");
  }

  /** The label to use for {@code value}: the value itself, or {@code other} past the cap. */
  String label(String value) {
    if (value == null) {
      return GatewayMetrics.UNKNOWN;
    }
    String known = admitted.get(value);
    return known != null ? known : admit(value);
  }

  /** Whether {@code value} has a series of its own. */
  boolean isAdmitted(String value) {
    return value != null && admitted.containsKey(value);
  }

  /** How many distinct values have their own series. */
  int size() {
    return admitted.size();
  }

  private String admit(String value) {
    if (reserved.get() >= max) {
      return GatewayMetrics.OTHER;
    }
    if (reserved.incrementAndGet() > max) {
      reserved.decrementAndGet();
      return GatewayMetrics.OTHER;
    }
    String raced = admitted.putIfAbsent(value, value);
    if (raced != null) {
      reserved.decrementAndGet(); // another thread admitted the same value first
      return raced;
    }
    onAdmit.accept(value);
    return value;
  }
}
