package dev.ninelives.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long a simulated provider waits before it answers: a fixed time, a log-normal spread
 * around a median, or a ramp whose median moves from one value to another across a fault
 * window (a latency climb before an outage).
 *
 * <p>The spread is given as the ratio of the 99th percentile to the median. Samples follow a
 * log-normal distribution with that median and 99th percentile; the draw is clamped at four
 * standard deviations, so no single call waits absurdly long.
 *
 * <p>Immutable and thread-safe; sampling takes the caller's random generator.
 */
public final class Latency {
  /** The standard normal's 99th percentile: p99 = median × exp(Z99 × sigma). */
  private static final double Z99 = 2.326_347_874;
  private static final double CLAMP = 4.0;
  private static final Latency ZERO = new Latency(Duration.ZERO, Duration.ZERO, 1.0);

  private final Duration from;
  private final Duration to;
  private final double spread;

  private Latency(Duration from, Duration to, double spread) {
    this.from = from;
    this.to = to;
    this.spread = spread;
  }

  /** No wait at all. */
  public static Latency none() {
    return ZERO;
  }

  /** Always exactly {@code d}. */
  public static Latency fixed(Duration d) {
    return new Latency(nonNegative("latency", d), d, 1.0);
  }

  /**
   * Log-normal: half the calls take less than {@code median}, one in a hundred more than {@code
   * p99}. {@code p99} must not be below {@code median}.
   */
  public static Latency logNormal(Duration median, Duration p99) {
    nonNegative("median", median);
    nonNegative("p99", p99);
    if (p99.compareTo(median) < 0) {
      throw new IllegalArgumentException("p99 " + p99 + " must not be below the median " + median);
    }
    double ratio = median.isZero() ? 1.0 : (double) p99.toNanos() / median.toNanos();
    return new Latency(median, median, ratio);
  }

  /**
   * The median moves linearly from {@code from} at the start of the fault window to {@code to}
   * at its end. In a window without an end it stays at {@code from}.
   */
  public static Latency ramp(Duration from, Duration to) {
    return new Latency(nonNegative("from", from), nonNegative("to", to), 1.0);
  }

  /**
   * A copy whose samples spread around the median so that the 99th percentile is {@code
   * p99OverMedian} times the median (1 = no spread).
   */
  public Latency withSpread(double p99OverMedian) {
    if (!(p99OverMedian >= 1.0) || Double.isInfinite(p99OverMedian)) {
      throw new IllegalArgumentException("spread (p99 / median) must be 1 or more, but was " + p99OverMedian);
    }
    return new Latency(from, to, p99OverMedian);
  }

  /** True if the median moves across a window. */
  public boolean isRamp() {
    return !from.equals(to);
  }

  /** The 99th percentile over the median; 1 means every call waits exactly the median. */
  public double spread() {
    return spread;
  }

  /** The median at {@code progress} through the window (0 = its start, 1 = its end). */
  public Duration median(double progress) {
    double p = Math.max(0.0, Math.min(1.0, progress));
    long nanos = from.toNanos() + Math.round((to.toNanos() - from.toNanos()) * p);
    return Duration.ofNanos(nanos);
  }

  /** The 99th percentile at {@code progress} through the window. */
  public Duration p99(double progress) {
    return Duration.ofNanos(Math.round(median(progress).toNanos() * spread));
  }

  /** One call's wait at {@code progress} through the window. */
  public Duration sample(double progress, RandomGenerator random) {
    Duration median = median(progress);
    if (spread == 1.0 || median.isZero()) {
      return median;
    }
    double sigma = Math.log(spread) / Z99;
    double z = Math.max(-CLAMP, Math.min(CLAMP, random.nextGaussian()));
    return Duration.ofNanos(Math.round(median.toNanos() * Math.exp(sigma * z)));
  }

  private static Duration nonNegative(String what, Duration d) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, but was " + d);
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Latency)) {
      return false;
    }
    Latency l = (Latency) o;
    return from.equals(l.from) && to.equals(l.to) && Double.compare(spread, l.spread) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, to, spread);
  }

  @Override
  public String toString() {
    String median = isRamp() ? human(from) + "→" + human(to) : human(from);
    return spread == 1.0 ? median : median + " (p99 ×" + trim(spread) + ")";
  }

  /** A duration as people write it: 250ms, 1.5s, 12s. */
  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    return trim(ms / 1000.0) + "s";
  }

  private static String trim(double v) {
    String s = String.format(java.util.Locale.ROOT, "%.2f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
