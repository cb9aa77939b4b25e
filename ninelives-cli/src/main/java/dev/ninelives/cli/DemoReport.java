package dev.ninelives.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the demo's client experienced: one line per second and a summary. */
final class DemoReport {

  /** One request as the client saw it. */
  record Outcome(int second, DemoTimeline.Phase phase, boolean ok, String target, long millis) { }

  private final List<Outcome> outcomes;

  DemoReport(List<Outcome> outcomes) {
    this.outcomes = List.copyOf(outcomes);
  }

  boolean allAnswered() {
    return !outcomes.isEmpty() && outcomes.stream().allMatch(Outcome::ok);
  }

  static String line(int second, DemoTimeline.Phase phase, List<Outcome> batch) {
    long ok = batch.stream().filter(Outcome::ok).count();
    Map<String, Integer> byProvider = new TreeMap<>();
    List<Long> latencies = new ArrayList<>();
    for (Outcome o : batch) {
      byProvider.merge(provider(o.target()), 1, Integer::sum);
      latencies.add(o.millis());
    }
    Collections.sort(latencies);
    long p50 = latencies.isEmpty() ? 0 : latencies.get(latencies.size() / 2);
    StringBuilder served = new StringBuilder();
    byProvider.forEach((k, v) -> served.append(served.length() == 0 ? "" : ", ").append(k)
        .append(' ').append(v));
    return String.format("[%3ds] %-62s %3d/%-3d ok  p50 %5d ms  served by %s", second,
        phase.description, ok, batch.size(), p50, served);
  }

  private static String provider(String target) {
    int slash = target.indexOf('/');
    return slash < 0 ? "nobody" : target.substring(0, slash);
  }

  void print(PrintStream out) {
    long ok = outcomes.stream().filter(Outcome::ok).count();
    long failedOver = outcomes.stream()
        .filter(o -> o.ok() && !o.target().startsWith("primary/")).count();
    long duringOutage = outcomes.stream().filter(o -> o.phase().primaryBroken()).count();
    Map<String, Integer> byProvider = new TreeMap<>();
    outcomes.forEach(o -> byProvider.merge(provider(o.target()), 1, Integer::sum));
    out.println();
    out.printf("Summary: %d requests, %d complete answers (%.1f%%)%n", outcomes.size(), ok,
        outcomes.isEmpty() ? 0.0 : 100.0 * ok / outcomes.size());
    out.println("  served by: " + byProvider);
    out.printf("  %d answers came from a fallback target; a client wired straight to the "
        + "primary would have lost the %d requests sent while it returned errors or rejected "
        + "its keys, and waited seconds for many more while it slowed down.%n",
        failedOver, duringOutage);
  }
}
