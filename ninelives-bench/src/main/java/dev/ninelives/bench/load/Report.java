package dev.ninelives.bench.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one run — measurements, derived ratios and the targets — rendered as
 * Markdown for people and JSON for tools. Everything here is computed from the rows; nothing is
 * written in by hand.
 */
final class Report {
  static final String DIRECT = "direct";
  static final String NGINX = "nginx";
  static final String PORTKEY = "portkey";
  static final String NINELIVES = "ninelives";
  /** Other processes' CPU (% of a core) above which a row is marked noisy. */
  static final double NOISY_PERCENT = 5;

  /** How a row was measured. */
  enum Method {
    /** wrk: fixed connections, each sending as soon as the previous answer is complete. */
    SATURATED,
    /** Open loop: a fixed offered rate; latency from each request's intended send time. */
    FIXED_RATE,
    /** One request at a time on one connection. */
    SEQUENTIAL
  }

  /**
   * One measurement of one system in one scenario. Latencies in microseconds; -1 where the
   * method does not measure it; CPU figures NaN where unknown.
   */
  record Row(String scenario, String system, Method method, double offered, long requests,
      double rps, long p50, long p90, long p99, long p999, long max, long firstP50,
      long firstP99, long errors, double cpuUsPerRequest, double syscallsPerRequest,
      double mockCpuUsPerRequest, double otherCpuPercent, long primaryCalls) {

    /** The failure suffix of the system name ("refused", "503"), or "" when healthy. */
    String failure() {
      int sp = system.indexOf(' ');
      return sp < 0 ? "" : system.substring(sp + 1);
    }

    String kind() {
      int sp = system.indexOf(' ');
      return sp < 0 ? system : system.substring(0, sp);
    }
  }

  /** What was learnt about a system's process as a whole. */
  record Process(String system, double startMillis, long rssKib, long accessLogLines) {
  }

  /** One target of the issue, judged against the measurement. */
  record Target(String name, String goal, String measured, Boolean met) {
  }

  private final Map<String, String> environment;
  private final List<Row> rows;
  private final List<Process> processes;
  private final List<String> notes;

  Report(Map<String, String> environment, List<Row> rows, List<Process> processes,
      List<String> notes) {
    this.environment = new LinkedHashMap<>(environment);
    this.rows = List.copyOf(rows);
    this.processes = List.copyOf(processes);
    this.notes = List.copyOf(notes);
  }

  Row find(String scenario, String system) {
    for (Row r : rows) {
      if (r.scenario().equals(scenario) && r.system().equals(system)) {
        return r;
      }
    }
    return null;
  }

  /** The same scenario measured on another kind of system with the same failure. */
  Row peer(Row r, String kind) {
    String f = r.failure();
    return find(r.scenario(), f.isEmpty() ? kind : kind + " " + f);
  }

  /** {@code a / b}, NaN when either is missing. */
  static double ratio(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
      return Double.NaN;
    }
    return a / b;
  }

  /** Latency over direct for the same scenario; {@link Long#MIN_VALUE} when unknown. */
  long added(Row r, boolean firstByte, boolean p99) {
    Row d = find(r.scenario(), DIRECT);
    if (d == null || r.system().equals(DIRECT)) {
      return Long.MIN_VALUE;
    }
    long mine = firstByte ? (p99 ? r.firstP99() : r.firstP50()) : (p99 ? r.p99() : r.p50());
    long theirs = firstByte ? (p99 ? d.firstP99() : d.firstP50()) : (p99 ? d.p99() : d.p50());
    if (mine < 0 || theirs < 0) {
      return Long.MIN_VALUE;
    }
    return mine - theirs;
  }

  Process process(String system) {
    for (Process p : processes) {
      if (p.system().equals(system)) {
        return p;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- targets

  /** The targets of issue 6 that one load run can judge. */
  List<Target> targets() {
    List<Target> out = new ArrayList<>();
    for (String sc : List.of("json-max", "sse-max")) {
      Row n = find(sc, NINELIVES);
      Row x = find(sc, NGINX);
      double r = n == null || x == null ? Double.NaN : ratio(n.cpuUsPerRequest(),
          x.cpuUsPerRequest());
      out.add(new Target("CPU per request at saturation, " + sc, "<= 2.5x nginx",
          Double.isNaN(r) ? "not measured" : String.format(Locale.ROOT,
              "%.2fx (%.1f vs %.1f us)", r, n.cpuUsPerRequest(), x.cpuUsPerRequest()),
          Double.isNaN(r) ? null : r <= 2.5));
    }
    for (String sc : List.of("json-max", "sse-max")) {
      Row n = find(sc, NINELIVES);
      Row p = find(sc, PORTKEY);
      double r = n == null || p == null ? Double.NaN : ratio(n.rps(), p.rps());
      out.add(new Target("Throughput at saturation, " + sc, ">= 25x Portkey",
          Double.isNaN(r) ? "not measured" : String.format(Locale.ROOT,
              "%.1fx (%.0f vs %.0f req/s)", r, n.rps(), p.rps()),
          Double.isNaN(r) ? null : r >= 25));
    }
    Row nr = find("json-rate", NINELIVES);
    Row xr = find("json-rate", NGINX);
    if (nr != null && xr != null && added(nr, false, false) != Long.MIN_VALUE
        && added(xr, false, false) != Long.MIN_VALUE) {
      long a = added(nr, false, false);
      long b = added(xr, false, false);
      out.add(new Target("Added latency p50 at a fixed rate", "<= nginx's added p50 + 150 us",
          String.format(Locale.ROOT, "%+d us (nginx %+d us)", a, b), a <= b + 150));
    } else {
      out.add(new Target("Added latency p50 at a fixed rate", "<= nginx's added p50 + 150 us",
          "not measured", null));
    }
    if (nr != null && added(nr, false, true) != Long.MIN_VALUE) {
      long a = added(nr, false, true);
      out.add(new Target("Added latency p99 at a fixed rate", "<= 1 ms",
          String.format(Locale.ROOT, "%+d us", a), a <= 1000));
    } else {
      out.add(new Target("Added latency p99 at a fixed rate", "<= 1 ms", "not measured", null));
    }
    Row nf = find("sse-first-event", NINELIVES);
    if (nf != null && added(nf, true, false) != Long.MIN_VALUE) {
      long a = added(nf, true, false);
      out.add(new Target("Added time to first streamed event (one at a time), p50", "<= 150 us",
          String.format(Locale.ROOT, "%+d us", a), a <= 150));
    } else {
      out.add(new Target("Added time to first streamed event (one at a time), p50", "<= 150 us",
          "not measured", null));
    }
    for (String f : List.of("refused", "503")) {
      Row open = find("json-rate", NINELIVES + " " + f);
      if (open == null || nr == null) {
        out.add(new Target("Skipping an open breaker (primary " + f + ")",
            "no network call, <= 50 us", "not measured", null));
        continue;
      }
      long skip = open.p50() - nr.p50();
      // A 503 listener counts the calls it gets; a refused port cannot, and there the
      // harness's check that answers take one attempt (x-ninelives-attempts) stands in.
      boolean countable = f.equals("503");
      String calls = open.primaryCalls() < 0
          ? (countable ? "calls to the primary not counted" : "one attempt per answer")
          : open.primaryCalls() + " calls to the primary";
      boolean noCall = countable ? open.primaryCalls() == 0 : open.primaryCalls() <= 0;
      Boolean met = skip <= 50 && noCall && open.errors() == 0;
      out.add(new Target("Skipping an open breaker (primary " + f + ")",
          "no network call, <= 50 us", String.format(Locale.ROOT,
              "%+d us p50 over the healthy route; %s; %d errors", skip, calls, open.errors()),
          met));
    }
    Process p = process(NINELIVES);
    out.add(new Target("Start to first served request", "<= 1.5 s", p == null
        ? "not measured" : String.format(Locale.ROOT, "%.0f ms", p.startMillis()),
        p == null ? null : p.startMillis() <= 1500));
    return out;
  }

  // ---------------------------------------------------------------- Markdown

  String markdown() {
    StringBuilder s = new StringBuilder();
    s.append("# NineLives load benchmark\n\n");
    s.append("Generated by `ninelives-bench/load.sh`; every figure below was measured in this run.\n\n");
    for (Map.Entry<String, String> e : environment.entrySet()) {
      s.append("- **").append(e.getKey()).append("**: ").append(e.getValue()).append('\n');
    }
    s.append('\n');
    if (!notes.isEmpty()) {
      s.append("## Notes from this run\n\n");
      for (String n : notes) {
        s.append("- ").append(n).append('\n');
      }
      s.append('\n');
    }

    s.append("## Targets\n\n| target | goal | measured | met |\n|---|---|---|---|\n");
    for (Target t : targets()) {
      s.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | ")
          .append(t.measured()).append(" | ")
          .append(t.met() == null ? "n/a" : t.met() ? "yes" : "**no**").append(" |\n");
    }
    s.append('\n');

    s.append("## Saturated throughput (wrk, closed loop)\n\n");
    s.append("CPU is the system under test's own (user + system, all its processes) divided by "
        + "the requests served. Ratios compare the same scenario; a failover row is compared "
        + "with the peer that has the same broken primary.\n\n");
    s.append("| scenario | system | req/s | vs direct | vs nginx | vs Portkey | CPU µs/req | "
        + "CPU vs nginx | read/write calls/req ¹ | p50 µs | p99 µs | errors | mock CPU µs/req "
        + "| other CPU % |\n");
    s.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      if (r.method() != Method.SATURATED) {
        continue;
      }
      Row d = find(r.scenario(), DIRECT);
      Row n = peer(r, NGINX);
      Row p = peer(r, PORTKEY);
      s.append("| ").append(r.scenario()).append(" | ").append(r.system()).append(" | ")
          .append(fmt0(r.rps())).append(" | ")
          .append(fmtRatio(d == null || r == d ? Double.NaN : ratio(r.rps(), d.rps())))
          .append(" | ").append(fmtRatio(n == null || n == r ? Double.NaN : ratio(r.rps(),
              n.rps())))
          .append(" | ").append(fmtRatio(p == null || p == r ? Double.NaN : ratio(r.rps(),
              p.rps())))
          .append(" | ").append(fmt1(r.cpuUsPerRequest())).append(" | ")
          .append(fmtRatio(n == null || n == r ? Double.NaN : ratio(r.cpuUsPerRequest(),
              n.cpuUsPerRequest())))
          .append(" | ").append(fmt1(r.syscallsPerRequest()))
          .append(" | ").append(r.p50()).append(" | ").append(r.p99()).append(" | ")
          .append(r.errors()).append(" | ").append(fmt1(r.mockCpuUsPerRequest())).append(" | ")
          .append(fmtOther(r.otherCpuPercent())).append(" |\n");
    }
    s.append('\n');

    s.append("¹ `read`, `readv`, `write` and `writev` system calls of the system under test "
        + "(from `/proc/<pid>/io`), per request. `recv` and `send` are not counted there, and "
        + "nginx reads sockets with `recv`: compare this column between NineLives rows, not "
        + "across systems. Other CPU % is what every other process on the machine used during "
        + "the measurement, as a share of one core: above a few percent, the row is noisy.\n\n");
    s.append("## Latency at a fixed offered rate (open loop)\n\n");
    s.append("Latency runs from each request's intended send time, so queueing inside a slow "
        + "system counts (no coordinated omission). Added = this system minus direct, same "
        + "scenario. For streams, \"first byte\" is the first event.\n\n");
    s.append("| scenario | system | offered/s | answered/s | p50 µs | p99 µs | p99.9 µs | max µs "
        + "| added p50 | added p99 | first byte p50 | added first p50 | added first p99 | "
        + "errors | CPU µs/req at this rate | other CPU % |\n");
    s.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      if (r.method() != Method.FIXED_RATE) {
        continue;
      }
      boolean stream = r.scenario().startsWith("sse");
      s.append("| ").append(r.scenario()).append(" | ").append(r.system()).append(" | ")
          .append(fmt0(r.offered())).append(" | ").append(fmt0(r.rps())).append(" | ")
          .append(r.p50()).append(" | ").append(r.p99()).append(" | ").append(r.p999())
          .append(" | ").append(r.max()).append(" | ")
          .append(fmtAdded(added(r, false, false))).append(" | ")
          .append(fmtAdded(added(r, false, true))).append(" | ")
          .append(stream ? Long.toString(r.firstP50()) : "").append(" | ")
          .append(stream ? fmtAdded(added(r, true, false)) : "").append(" | ")
          .append(stream ? fmtAdded(added(r, true, true)) : "").append(" | ")
          .append(r.errors()).append(" | ").append(fmt1(r.cpuUsPerRequest())).append(" | ")
          .append(fmtOther(r.otherCpuPercent())).append(" |\n");
    }
    s.append('\n');

    s.append("## Time to first streamed event, one request at a time\n\n");
    s.append("| system | requests | first event p50 µs | p99 µs | added p50 | added p99 | "
        + "whole stream p50 µs | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      if (r.method() != Method.SEQUENTIAL) {
        continue;
      }
      s.append("| ").append(r.system()).append(" | ").append(r.requests()).append(" | ")
          .append(r.firstP50()).append(" | ").append(r.firstP99()).append(" | ")
          .append(fmtAdded(added(r, true, false))).append(" | ")
          .append(fmtAdded(added(r, true, true))).append(" | ").append(r.p50()).append(" | ")
          .append(r.errors()).append(" |\n");
    }
    s.append('\n');

    boolean anyFailover = false;
    for (Row r : rows) {
      anyFailover |= !r.failure().isEmpty();
    }
    if (anyFailover) {
      s.append("## Failover: calls to the broken primary during each measurement\n\n");
      s.append("| scenario | system | calls to the primary | errors |\n|---|---|---:|---:|\n");
      for (Row r : rows) {
        if (!r.failure().isEmpty()) {
          s.append("| ").append(r.scenario()).append(" | ").append(r.system()).append(" | ")
              .append(r.primaryCalls() < 0 ? "n/a (refused: nothing listens)"
                  : Long.toString(r.primaryCalls()))
              .append(" | ").append(r.errors()).append(" |\n");
        }
      }
      s.append('\n');
    }

    s.append("## Processes\n\n| system | start to first served request | RSS after load | "
        + "access-log lines |\n|---|---:|---:|---:|\n");
    for (Process p : processes) {
      s.append("| ").append(p.system()).append(" | ")
          .append(p.startMillis() < 0 ? "" : String.format(Locale.ROOT, "%.0f ms",
              p.startMillis()))
          .append(" | ").append(p.rssKib() < 0 ? "" : String.format(Locale.ROOT, "%.1f MiB",
              p.rssKib() / 1024.0))
          .append(" | ").append(p.accessLogLines() < 0 ? "" : Long.toString(p.accessLogLines()))
          .append(" |\n");
    }
    return s.toString();
  }

  // ---------------------------------------------------------------- JSON

  JsonObject json() {
    JsonObject env = new JsonObject();
    environment.forEach(env::put);
    JsonArray rs = new JsonArray();
    for (Row r : rows) {
      JsonObject o = new JsonObject().put("scenario", r.scenario()).put("system", r.system())
          .put("method", r.method().name().toLowerCase(Locale.ROOT))
          .put("offered_per_s", r.offered()).put("requests", r.requests())
          .put("per_s", round1(r.rps())).put("p50_us", r.p50()).put("p90_us", r.p90())
          .put("p99_us", r.p99()).put("p999_us", r.p999()).put("max_us", r.max())
          .put("first_byte_p50_us", r.firstP50()).put("first_byte_p99_us", r.firstP99())
          .put("errors", r.errors())
          .put("cpu_us_per_request", nullIfNaN(r.cpuUsPerRequest()))
          .put("syscalls_per_request", nullIfNaN(r.syscallsPerRequest()))
          .put("mock_cpu_us_per_request", nullIfNaN(r.mockCpuUsPerRequest()))
          .put("other_cpu_percent", nullIfNaN(r.otherCpuPercent()))
          .put("primary_calls", r.primaryCalls() < 0 ? null : r.primaryCalls());
      Row n = peer(r, NGINX);
      Row p = peer(r, PORTKEY);
      if (n != null && n != r) {
        o.put("cpu_vs_nginx", nullIfNaN(ratio(r.cpuUsPerRequest(), n.cpuUsPerRequest())));
        o.put("rate_vs_nginx", nullIfNaN(ratio(r.rps(), n.rps())));
      }
      if (p != null && p != r) {
        o.put("rate_vs_portkey", nullIfNaN(ratio(r.rps(), p.rps())));
      }
      long a50 = added(r, r.method() == Method.SEQUENTIAL, false);
      long a99 = added(r, r.method() == Method.SEQUENTIAL, true);
      if (a50 != Long.MIN_VALUE) {
        o.put("added_p50_us", a50);
      }
      if (a99 != Long.MIN_VALUE) {
        o.put("added_p99_us", a99);
      }
      rs.add(o);
    }
    JsonArray ps = new JsonArray();
    for (Process p : processes) {
      ps.add(new JsonObject().put("system", p.system())
          .put("start_to_first_request_ms", p.startMillis() < 0 ? null : round1(p.startMillis()))
          .put("rss_after_load_kib", p.rssKib() < 0 ? null : p.rssKib())
          .put("access_log_lines", p.accessLogLines() < 0 ? null : p.accessLogLines()));
    }
    JsonArray ts = new JsonArray();
    for (Target t : targets()) {
      ts.add(new JsonObject().put("target", t.name()).put("goal", t.goal())
          .put("measured", t.measured()).put("met", t.met()));
    }
    return new JsonObject().put("environment", env).put("notes", new JsonArray(notes))
        .put("rows", rs).put("processes", ps).put("targets", ts);
  }

  // ---------------------------------------------------------------- formatting

  static String fmt0(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%,.0f", v);
  }

  static String fmt1(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
  }

  /** Other processes' CPU, marked when it makes the row noisy. */
  static String fmtOther(double v) {
    return Double.isNaN(v) ? "" : v > NOISY_PERCENT ? fmt1(v) + " (noisy)" : fmt1(v);
  }

  static String fmtRatio(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f×", v);
  }

  static String fmtAdded(long v) {
    return v == Long.MIN_VALUE ? "" : String.format(Locale.ROOT, "%+d", v);
  }

  private static Double nullIfNaN(double v) {
    return Double.isNaN(v) ? null : round1(v);
  }

  private static double round1(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
