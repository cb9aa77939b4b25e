package dev.ninelives.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs wrk (closed loop, fixed connections) with the harness's Lua script and reads its line. */
final class Wrk {
  private Wrk() {
  }

  /** What one wrk run reported. Latencies in microseconds. */
  record Result(long requests, double seconds, long p50, long p90, long p99, long max,
      long errors) {
    double rate() {
      return seconds <= 0 ? 0 : requests / seconds;
    }
  }

  /** Parses the {@code BENCH-WRK key=value ...} line the Lua script prints; null if absent. */
  static Result parse(String output) {
    for (String line : output.split("\n")) {
      if (!line.startsWith("BENCH-WRK ")) {
        continue;
      }
      Map<String, String> f = new HashMap<>();
      for (String kv : line.substring(10).trim().split(" +")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          f.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
      }
      long errors = num(f, "connect") + num(f, "read") + num(f, "write") + num(f, "status")
          + num(f, "timeout");
      return new Result(num(f, "requests"), num(f, "micros") / 1e6, num(f, "p50"), num(f, "p90"),
          num(f, "p99"), num(f, "max"), errors);
    }
    return null;
  }

  private static long num(Map<String, String> f, String key) {
    String v = f.get(key);
    if (v == null || v.isEmpty()) {
      return 0;
    }
    return Math.round(Double.parseDouble(v));
  }

  /**
   * One run of {@code seconds} with {@code connections} connections on one thread, pinned to
   * {@code cpu}; bounded by a timeout well past its own duration.
   */
  static Result run(int cpu, int connections, int seconds, String url, String body,
      Map<String, String> headers, Path script, Path log) throws IOException,
      InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu), "wrk",
        "-t1", "-c" + connections, "-d" + seconds + "s", "--timeout", "10s", "-s",
        script.toString(), url));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(
        log.toFile());
    StringBuilder h = new StringBuilder();
    headers.forEach((k, v) -> h.append(k).append(": ").append(v).append('\n'));
    pb.environment().put("BENCH_BODY", body);
    pb.environment().put("BENCH_HEADERS", h.toString());
    Process p = pb.start();
    if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("wrk did not finish within " + (seconds + 60) + " s");
    }
    Result r = parse(Files.readString(log));
    if (r == null) {
      throw new IOException("wrk printed no result; see " + log);
    }
    return r;
  }
}
