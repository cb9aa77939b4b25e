package dev.ninelives.drill;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of requests came to, as their clients saw it. Latency percentiles are over
 * answered requests (a right or a wrong answer): a refused connection fails in a millisecond and
 * would flatter them. Time to first token is over answered streams. Immutable.
 *
 * @param requests how many were sent
 * @param ok right answers
 * @param wrong complete answers with HTTP 200 and the wrong content
 * @param failed everything else
 * @param latency time to the complete answer
 * @param ttft time to the first content of a stream
 * @param servedBy answered requests by the {@code provider/model} that answered (gateway runs)
 * @param failures failed requests by reason
 */
public record Stats(
    int requests,
    int ok,
    int wrong,
    int failed,
    Percentiles latency,
    Percentiles ttft,
    Map<String, Integer> servedBy,
    Map<String, Integer> failures) {

  /** Nearest-rank percentiles of durations, in nanoseconds; all -1 when there is no sample. */
  public record Percentiles(int count, long p50, long p95, long p99, long max) {
    static final Percentiles NONE = new Percentiles(0, -1, -1, -1, -1);

    static Percentiles of(long[] sorted) {
      if (sorted.length == 0) {
        return NONE;
      }
      return new Percentiles(sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.95),
          percentile(sorted, 0.99), sorted[sorted.length - 1]);
    }
  }

  public static Stats of(Collection<Outcome> outcomes) {
    int ok = 0;
    int wrong = 0;
    int failed = 0;
    Map<String, Integer> served = new TreeMap<>();
    Map<String, Integer> failures = new TreeMap<>();
    for (Outcome o : outcomes) {
      switch (o.verdict()) {
        case OK:
          ok++;
          break;
        case WRONG:
          wrong++;
          failures.merge(o.reason(), 1, Integer::sum);
          break;
        default:
          failed++;
          failures.merge(o.reason(), 1, Integer::sum);
          break;
      }
      if (o.answered() && o.target() != null) {
        served.merge(o.target(), 1, Integer::sum);
      }
    }
    long[] latency = outcomes.stream().filter(Outcome::answered).mapToLong(Outcome::latencyNanos).sorted().toArray();
    long[] ttft = outcomes.stream().filter(o -> o.answered() && o.stream() && o.ttftNanos() >= 0)
        .mapToLong(Outcome::ttftNanos).sorted().toArray();
    return new Stats(outcomes.size(), ok, wrong, failed, Percentiles.of(latency), Percentiles.of(ttft),
        new LinkedHashMap<>(served), new LinkedHashMap<>(failures));
  }

  /** Right answers among requests sent; 1 when none was sent. */
  public double successRate() {
    return requests == 0 ? 1.0 : (double) ok / requests;
  }

  /** Wrong answers among requests sent; 0 when none was sent. */
  public double wrongShare() {
    return requests == 0 ? 0.0 : (double) wrong / requests;
  }

  /** Requests answered with HTTP 200 and a complete answer, right or wrong; 1 when none was sent. */
  public double answeredRate() {
    return requests == 0 ? 1.0 : (double) (ok + wrong) / requests;
  }

  /** Answers by provider (the part of the target before the slash). */
  public Map<String, Integer> servedByProvider() {
    Map<String, Integer> out = new TreeMap<>();
    servedBy.forEach((target, n) -> {
      int slash = target.indexOf('/');
      out.merge(slash < 0 ? target : target.substring(0, slash), n, Integer::sum);
    });
    return out;
  }

  /** Nearest-rank percentile {@code q} (0..1] of sorted values. */
  static long percentile(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
