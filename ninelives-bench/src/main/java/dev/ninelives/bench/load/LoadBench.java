package dev.ninelives.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The load benchmark: in one run, against one mock upstream, measures direct-to-mock, nginx,
 * the Portkey gateway and NineLives — saturated throughput with CPU per request, latency at a
 * fixed offered rate, time to first streamed event, failover past a broken primary, start time
 * and memory — and writes {@code load-results.md} and {@code load-results.json}.
 *
 * <p>The system under test runs alone on one core ({@code --sut-cpu}); this process, the mock
 * and wrk share the other ({@code --client-cpu}); {@code load.sh} starts this process pinned.
 * Run through {@code ninelives-bench/load.sh}, which installs and builds what it needs.
 */
public final class LoadBench {

  /** Settings; the defaults are the full run, {@code --quick} shortens every phase. */
  static final class Settings {
    boolean quick;
    int warmupSeconds = 10;
    int maxWarmupSeconds = 90;
    int seconds = 20;
    int connections = 64;
    int rateConnections = 16;
    double jsonRate = 200;
    double sseRate = 200;
    int probeCount = 500;
    int clientCpu = 0;
    int sutCpu = 1;
    int mockPort = 18181;
    double maxOtherPercent = Report.NOISY_PERCENT;
    int retries = 1;
    List<String> systems = new ArrayList<>(List.of("direct", "nginx", "portkey", "ninelives"));
    boolean failover = true;
    Path out = Path.of("ninelives-bench/target");
    Path nineLivesJar = Path.of("ninelives-cli/target/ninelives.jar");
    Path portkeyDir = Path.of("ninelives-bench/target/peers/portkey");
    String javaBin = "java";
    List<String> javaOpts = new ArrayList<>();
    /** Stream scale test: streams to hold, providers to spread them over, seconds to hold. */
    int streams = 10_000;
    int providers = 3;
    int holdSeconds = 60;
    double rampPerSecond = 500;
    boolean capStreams = true;
    /** Soak: how long and at what rate (half JSON, half streams). */
    double minutes = 30;
    double soakRate = 200;

    static Settings parse(String[] args) {
      Settings s = new Settings();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--quick":
            s.quick = true;
            s.warmupSeconds = 3;
            s.maxWarmupSeconds = 45;
            s.seconds = 6;
            s.probeCount = 100;
            s.retries = 0;
            break;
          case "--no-failover":
            s.failover = false;
            break;
          case "--no-cap":
            s.capStreams = false;
            break;
          default:
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
              case "--seconds": s.seconds = Integer.parseInt(v); break;
              case "--warmup": s.warmupSeconds = Integer.parseInt(v); break;
              case "--max-warmup": s.maxWarmupSeconds = Integer.parseInt(v); break;
              case "--connections": s.connections = Integer.parseInt(v); break;
              case "--rate": s.jsonRate = Double.parseDouble(v); break;
              case "--sse-rate": s.sseRate = Double.parseDouble(v); break;
              case "--probe": s.probeCount = Integer.parseInt(v); break;
              case "--client-cpu": s.clientCpu = Integer.parseInt(v); break;
              case "--sut-cpu": s.sutCpu = Integer.parseInt(v); break;
              case "--mock-port": s.mockPort = Integer.parseInt(v); break;
              case "--max-other": s.maxOtherPercent = Double.parseDouble(v); break;
              case "--retries": s.retries = Integer.parseInt(v); break;
              case "--systems": s.systems = List.of(v.split(",")); break;
              case "--out": s.out = Path.of(v); break;
              case "--ninelives-jar": s.nineLivesJar = Path.of(v); break;
              case "--portkey-dir": s.portkeyDir = Path.of(v); break;
              case "--java": s.javaBin = v; break;
              case "--streams": s.streams = Integer.parseInt(v); break;
              case "--providers": s.providers = Integer.parseInt(v); break;
              case "--hold": s.holdSeconds = Integer.parseInt(v); break;
              case "--ramp": s.rampPerSecond = Double.parseDouble(v); break;
              case "--minutes": s.minutes = Double.parseDouble(v); break;
              case "--soak-rate": s.soakRate = Double.parseDouble(v); break;
              case "--java-opts":
                s.javaOpts = v.isBlank() ? new ArrayList<>() : List.of(v.trim().split("\\s+"));
                break;
              default:
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
      }
      return s;
    }
  }

  private final Settings settings;
  private final Path work;
  private final Path wrkScript;
  private final Path preload;
  private final long ticksPerSecond = ProcStats.ticksPerSecond();
  private final List<Report.Row> rows = new ArrayList<>();
  private final List<Report.Process> processes = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private Process mock;
  private Sut.Setup setup;

  LoadBench(Settings settings) throws IOException {
    this.settings = settings;
    this.work = settings.out.resolve("load-run");
    Files.createDirectories(work);
    this.wrkScript = extract("post.lua");
    this.preload = extract("loopback.cjs");
  }

  private Path extract(String resource) throws IOException {
    Path p = work.resolve(resource);
    try (var in = LoadBench.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("resource " + resource + " missing from the jar");
      }
      Files.write(p, in.readAllBytes());
    }
    return p;
  }

  public static void main(String[] args) throws Exception {
    Settings s = Settings.parse(args);
    LoadBench bench = new LoadBench(s);
    // Every loop below is bounded; this is the last resort against a hung system under test.
    long budgetMinutes = s.quick ? 30 : 90;
    Thread guard = new Thread(() -> {
      try {
        Thread.sleep(Duration.ofMinutes(budgetMinutes).toMillis());
        System.err.println("load benchmark exceeded " + budgetMinutes + " minutes; stopping");
        bench.stopMock();
        Runtime.getRuntime().halt(3);
      } catch (InterruptedException e) {
        // finished in time
      }
    }, "time-limit");
    guard.setDaemon(true);
    guard.start();
    try {
      bench.run();
    } finally {
      bench.stopMock();
    }
  }

  /** Picks ports, starts the mock upstream and warms it up. */
  Sut.Setup prepare() throws IOException, InterruptedException {
    int[] failPorts = freePorts(2);
    int[] refusedPorts = freePorts(2);
    int[] sutPorts = freePorts(3);
    setup = new Sut.Setup(work, settings.mockPort, failPorts, refusedPorts, sutPorts[0],
        sutPorts[1], sutPorts[2], settings.sutCpu, settings.javaBin, settings.javaOpts,
        settings.nineLivesJar.toAbsolutePath(), settings.portkeyDir.toAbsolutePath(), preload);
    startMock(failPorts);
    log("mock upstream on 127.0.0.1:" + settings.mockPort + ", 503 on " + failPorts[0] + " and "
        + failPorts[1] + ", refused on " + refusedPorts[0] + " and " + refusedPorts[1]);
    warmMock();
    return setup;
  }

  Settings settings() {
    return settings;
  }

  Path work() {
    return work;
  }

  Path wrkScript() {
    return wrkScript;
  }

  void run() throws Exception {
    Map<String, String> env = environment();
    prepare();

    for (String name : settings.systems) {
      Sut.Kind kind = Sut.Kind.valueOf(name.trim().toUpperCase(Locale.ROOT));
      measure(kind, Configs.Failure.NONE);
      if (settings.failover && kind != Sut.Kind.DIRECT) {
        measure(kind, Configs.Failure.REFUSED);
        measure(kind, Configs.Failure.UNAVAILABLE);
      }
    }
    env.put("load average at the end", loadAverage());
    Report report = new Report(env, rows, processes, notes);
    Path md = settings.out.resolve("load-results.md");
    Path json = settings.out.resolve("load-results.json");
    Files.writeString(md, report.markdown());
    Files.writeString(json, report.json().encodePrettily() + "\n");
    log("results: " + md.toAbsolutePath() + " and " + json.toAbsolutePath());
    System.out.println();
    System.out.println(report.markdown());
  }

  // ---------------------------------------------------------------- one system

  private void measure(Sut.Kind kind, Configs.Failure failure) throws Exception {
    String name = Sut.name(kind, failure);
    log("starting " + name);
    Sut sut;
    try {
      sut = Sut.start(kind, failure, setup);
    } catch (IOException e) {
      note(name + " did not start: " + e.getMessage());
      return;
    }
    try {
      if (sut.startMillis >= 0) {
        log(String.format(Locale.ROOT, "  %s answered its first request %.0f ms after launch",
            name, sut.startMillis));
      }
      boolean streams = check(sut);
      if (failure != Configs.Failure.NONE && !tripPrimary(sut)) {
        return;
      }
      runWrk(sut, "json-max", false);
      if (failure == Configs.Failure.NONE && streams) {
        runWrk(sut, "sse-max", true);
      }
      runRate(sut, "json-rate", false, settings.jsonRate);
      if (failure == Configs.Failure.NONE && streams) {
        runRate(sut, "sse-rate", true, settings.sseRate);
        runSequential(sut, "sse-first-event");
      }
      long rss = 0;
      if (sut.pid() > 0) {
        for (long p : ProcStats.tree(sut.pid(), ProcStats.all())) {
          rss += Math.max(0, ProcStats.rssKib(p));
        }
      }
      long logLines = kind == Sut.Kind.NINELIVES ? countLines(sut.log, "\"route\":") : -1;
      processes.add(new Report.Process(name, sut.startMillis, sut.pid() > 0 ? rss : -1,
          logLines));
    } catch (IOException e) {
      // One system failing a check or a run must not cost the others their measurements.
      note(name + ": " + e.getMessage());
    } finally {
      sut.close();
    }
  }

  /** One JSON and one streamed request must come back whole; returns whether streams work. */
  private boolean check(Sut sut) throws IOException, InterruptedException {
    HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> json = c.send(sut.request(sut.body(false, false),
        Duration.ofSeconds(10)), HttpResponse.BodyHandlers.ofString());
    if (json.statusCode() != 200 || !json.body().contains("chatcmpl-mock")) {
      throw new IOException(sut.name() + " answered a JSON request with " + json.statusCode()
          + ": " + Sut.abbreviate(json.body()));
    }
    HttpResponse<String> sse = c.send(sut.request(sut.body(true, false), Duration.ofSeconds(10)),
        HttpResponse.BodyHandlers.ofString());
    if (sse.statusCode() != 200 || !sse.body().contains("[DONE]")) {
      note(sut.name() + " could not stream (" + sse.statusCode() + ": "
          + Sut.abbreviate(sse.body()) + "); its stream scenarios were skipped");
      return false;
    }
    return true;
  }

  /**
   * Sends requests one at a time until the broken primary is out of rotation (NineLives: its
   * breaker is open; nginx: the primaries are marked failed); then checks that an answer came
   * from the backup with no further attempt.
   */
  private boolean tripPrimary(Sut sut) throws IOException, InterruptedException {
    HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest req = sut.request(sut.body(false, false), Duration.ofSeconds(30));
    String attempts = "";
    long limit = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int sent = 0;
    while (System.nanoTime() < limit && sent < 200) {
      HttpResponse<String> r = c.send(req, HttpResponse.BodyHandlers.ofString());
      sent++;
      if (r.statusCode() != 200) {
        note(sut.name() + ": a request during the warm-up failed with " + r.statusCode() + ": "
            + Sut.abbreviate(r.body()) + "; its failover scenarios were skipped");
        return false;
      }
      attempts = r.headers().firstValue("x-ninelives-attempts").orElse("");
      if (sent >= 20 && (sut.kind != Sut.Kind.NINELIVES || attempts.equals("1"))) {
        break;
      }
    }
    if (sut.kind == Sut.Kind.NINELIVES) {
      if (!attempts.equals("1")) {
        note(sut.name() + ": the breaker did not open after " + sent + " requests "
            + "(x-ninelives-attempts " + attempts + ")");
      } else {
        log("  breaker open after " + sent + " requests: answers take one attempt");
      }
    }
    return true;
  }

  private void runWrk(Sut sut, String scenario, boolean stream) throws Exception {
    String url = "http://127.0.0.1:" + sut.address.getPort() + sut.path;
    String body = sut.body(stream, false);
    Path log = work.resolve(sut.name().replace(' ', '-') + "-" + scenario + "-wrk.log");
    Measured<Wrk.Result> best = null;
    for (int attempt = 0; attempt <= settings.retries; attempt++) {
      if (attempt == 0) {
        warmUp(sut, scenario, url, body, log);
      } else {
        Wrk.run(settings.clientCpu, settings.connections, settings.warmupSeconds, url, body,
            sut.headers, wrkScript, log);
      }
      Measured<Wrk.Result> m = measured(sut, () -> Wrk.run(settings.clientCpu,
          settings.connections, settings.seconds, url, body, sut.headers, wrkScript, log));
      if (best == null || m.otherPercent < best.otherPercent) {
        best = m;
      }
      if (m.otherPercent <= settings.maxOtherPercent) {
        break;
      }
      if (attempt < settings.retries) {
        log(String.format(Locale.ROOT, "  other processes used %.1f%% CPU (most: %s); measuring "
            + "again in 10 s", m.otherPercent, m.busiestOther));
        Thread.sleep(10_000);
      } else {
        log(String.format(Locale.ROOT, "  other processes used %.1f%% CPU (most: %s)",
            m.otherPercent, m.busiestOther));
      }
    }
    Wrk.Result r = best.value;
    Report.Row row = new Report.Row(scenario, sut.name(), Report.Method.SATURATED, 0,
        r.requests(), r.rate(), r.p50(), r.p90(), r.p99(), -1, r.max(), -1, -1, r.errors(),
        best.cpuPerRequest(r.requests()), best.syscallsPerRequest(r.requests()),
        best.mockCpuPerRequest(r.requests()), best.otherPercent, best.primaryCalls);
    rows.add(row);
    log(String.format(Locale.ROOT, "  %-16s %,10.0f req/s  %6.1f us CPU/req  p50 %d us  p99 %d "
        + "us  errors %d  other CPU %.1f%%", scenario, r.rate(), row.cpuUsPerRequest(), r.p50(),
        r.p99(), r.errors(), best.otherPercent));
  }

  /**
   * Loads a system until its throughput is steady: two consecutive short runs within 5 % of
   * each other, after at least the warm-up time and at most {@link Settings#maxWarmupSeconds}.
   * A JVM pinned to one core compiles its hot code on that same core, which takes tens of
   * seconds; measuring before that would measure the compiler.
   */
  void warmUp(Sut sut, String scenario, String url, String body, Path log)
      throws IOException, InterruptedException {
    int chunk = Math.max(2, Math.min(5, settings.warmupSeconds));
    long start = System.nanoTime();
    long min = Duration.ofSeconds(settings.warmupSeconds).toNanos();
    long max = Duration.ofSeconds(settings.maxWarmupSeconds).toNanos();
    List<Double> rates = new ArrayList<>();
    while (true) {
      rates.add(Wrk.run(settings.clientCpu, settings.connections, chunk, url, body,
          sut.headers, wrkScript, log).rate());
      long spent = System.nanoTime() - start;
      boolean steady = steady(rates);
      if ((steady && spent >= min) || spent >= max) {
        log(String.format(Locale.ROOT, "  %-16s warmed up for %.0f s (%s; last %,.0f req/s)",
            scenario, spent / 1e9, steady ? "steady" : "time limit", rates.get(rates.size() - 1)));
        return;
      }
    }
  }

  /**
   * Whether the last three throughputs are within 5 % of their mean: two in a row can agree
   * by chance while a JVM is still compiling.
   */
  static boolean steady(List<Double> rates) {
    int n = rates.size();
    if (n < 3) {
      return false;
    }
    double mean = (rates.get(n - 1) + rates.get(n - 2) + rates.get(n - 3)) / 3;
    for (int i = n - 3; i < n; i++) {
      if (Math.abs(rates.get(i) - mean) > 0.05 * mean) {
        return false;
      }
    }
    return mean > 0;
  }

  private void runRate(Sut sut, String scenario, boolean stream, double rate) throws Exception {
    byte[] request = LoadClient.post(sut.address, sut.path, sut.headers,
        sut.body(stream, stream));
    Measured<LoadClient.Result> best = null;
    for (int attempt = 0; attempt <= settings.retries; attempt++) {
      Measured<LoadClient.Result> m;
      try (LoadClient c = new LoadClient(sut.address, request, settings.rateConnections,
          Duration.ofSeconds(10))) {
        m = measured(sut, () -> c.openLoop(rate, Duration.ofSeconds(settings.warmupSeconds),
            Duration.ofSeconds(settings.seconds)));
      }
      if (best == null || m.otherPercent < best.otherPercent) {
        best = m;
      }
      if (m.otherPercent <= settings.maxOtherPercent) {
        break;
      }
      if (attempt < settings.retries) {
        log(String.format(Locale.ROOT, "  other processes used %.1f%% CPU (most: %s); measuring "
            + "again in 10 s", m.otherPercent, m.busiestOther));
        Thread.sleep(10_000);
      } else {
        log(String.format(Locale.ROOT, "  other processes used %.1f%% CPU (most: %s)",
            m.otherPercent, m.busiestOther));
      }
    }
    LoadClient.Result r = best.value;
    // The CPU window includes the warm-up, so it is divided by every request sent in it.
    long sentInWindow = Math.round(rate * (settings.warmupSeconds + settings.seconds));
    Report.Row row = new Report.Row(scenario, sut.name(), Report.Method.FIXED_RATE, rate,
        r.completed, r.rate(), pct(r.latency, 50), pct(r.latency, 90), pct(r.latency, 99),
        pct(r.latency, 99.9), r.latency.getMaxValue(), pct(r.firstByte, 50),
        pct(r.firstByte, 99), r.errors(), best.cpuPerRequest(sentInWindow),
        best.syscallsPerRequest(sentInWindow), best.mockCpuPerRequest(sentInWindow),
        best.otherPercent, best.primaryCalls);
    rows.add(row);
    log(String.format(Locale.ROOT, "  %-16s %6.0f/s offered  p50 %d us  p99 %d us  first byte "
        + "p50 %d us  errors %d  backlog max %d  other CPU %.1f%%", scenario, rate, row.p50(),
        row.p99(), row.firstP50(), r.errors(), r.maxBacklog, best.otherPercent));
  }

  private void runSequential(Sut sut, String scenario) throws Exception {
    byte[] request = LoadClient.post(sut.address, sut.path, sut.headers, sut.body(true, true));
    Measured<LoadClient.Result> m;
    try (LoadClient c = new LoadClient(sut.address, request, 1, Duration.ofSeconds(10))) {
      m = measured(sut, () -> c.sequential(settings.probeCount,
          Math.max(20, settings.probeCount / 5)));
    }
    LoadClient.Result r = m.value;
    Report.Row row = new Report.Row(scenario, sut.name(), Report.Method.SEQUENTIAL, 0,
        r.completed, r.rate(), pct(r.latency, 50), pct(r.latency, 90), pct(r.latency, 99),
        pct(r.latency, 99.9), r.latency.getMaxValue(), pct(r.firstByte, 50),
        pct(r.firstByte, 99), r.errors(), Double.NaN, Double.NaN, Double.NaN, m.otherPercent,
        -1);
    rows.add(row);
    log(String.format(Locale.ROOT, "  %-16s first event p50 %d us  p99 %d us  whole stream p50 "
        + "%d us  errors %d", scenario, row.firstP50(), row.firstP99(), row.p50(), r.errors()));
  }

  private static long pct(Histogram h, double p) {
    return h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(p);
  }

  // ---------------------------------------------------------------- CPU accounting

  @FunctionalInterface
  interface Measurement<T> {
    T run() throws Exception;
  }

  /** A measurement with the CPU the system, the mock and everything else used meanwhile. */
  final class Measured<T> {
    T value;
    long sutTicks;
    long sutSyscalls = -1;
    long mockTicks;
    double otherPercent;
    long primaryCalls = -1;
    String busiestOther = "";

    double cpuPerRequest(long requests) {
      return requests <= 0 || sutTicks < 0 ? Double.NaN
          : sutTicks * 1e6 / ticksPerSecond / requests;
    }

    double syscallsPerRequest(long requests) {
      return requests <= 0 || sutSyscalls < 0 ? Double.NaN : (double) sutSyscalls / requests;
    }

    double mockCpuPerRequest(long requests) {
      return requests <= 0 ? Double.NaN : mockTicks * 1e6 / ticksPerSecond / requests;
    }
  }

  private <T> Measured<T> measured(Sut sut, Measurement<T> m) throws Exception {
    Measured<T> out = new Measured<>();
    long primaryBefore = sut.failure == Configs.Failure.UNAVAILABLE ? failedCalls() : -1;
    Map<Long, ProcStats.Stat> before = ProcStats.all();
    Set<Long> sutBefore = sut.pid() > 0 ? ProcStats.tree(sut.pid(), before) : Set.of();
    long calls0 = ProcStats.ioCalls(sutBefore);
    long t0 = System.nanoTime();
    out.value = m.run();
    long t1 = System.nanoTime();
    Map<Long, ProcStats.Stat> after = ProcStats.all();
    Set<Long> sutTree = sut.pid() > 0 ? ProcStats.tree(sut.pid(), after) : Set.of();
    if (sut.pid() > 0 && sutTree.equals(sutBefore)) {
      out.sutSyscalls = ProcStats.ioCalls(sutTree) - calls0;
    }
    Set<Long> mockTree = ProcStats.tree(mock.pid(), after);
    out.sutTicks = sut.pid() > 0 ? ProcStats.ticks(sutTree, after) - ProcStats.ticks(sutTree,
        before) : -1;
    out.mockTicks = ProcStats.ticks(mockTree, after) - ProcStats.ticks(mockTree, before);
    Set<Long> ours = new HashSet<>(sutTree);
    ours.addAll(mockTree);
    ours.add(ProcessHandle.current().pid());
    long other = ProcStats.otherTicks(before, after, ours);
    out.otherPercent = 100.0 * other / ticksPerSecond / ((t1 - t0) / 1e9);
    out.busiestOther = ProcStats.busiestOther(before, after, ours);
    if (primaryBefore >= 0) {
      out.primaryCalls = failedCalls() - primaryBefore;
    }
    return out;
  }

  /** Requests the mock's 503 listeners have answered so far. */
  private long failedCalls() throws IOException, InterruptedException {
    HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String s = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.mockPort
        + "/stats")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    int i = s.indexOf("failed=");
    return Long.parseLong(s.substring(i + 7).trim());
  }

  // ---------------------------------------------------------------- mock and environment

  private void startMock(int[] failPorts) throws IOException, InterruptedException {
    String self = Path.of(LoadBench.class.getProtectionDomain().getCodeSource().getLocation()
        .getPath()).toString();
    List<String> cmd = new ArrayList<>(List.of("taskset", "-c",
        Integer.toString(settings.clientCpu), settings.javaBin, "-XX:+UseSerialGC", "-Xms256m",
        "-Xmx256m", "-cp", self, MockUpstream.class.getName(), "--port",
        Integer.toString(settings.mockPort)));
    for (int p : failPorts) {
      cmd.add("--fail-port");
      cmd.add(Integer.toString(p));
    }
    mock = Sut.launch(cmd, work.resolve("mock.log"));
    long limit = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < limit) {
      if (!mock.isAlive()) {
        throw new IOException("the mock exited; see " + work.resolve("mock.log"));
      }
      try (var s = new java.net.Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", settings.mockPort), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(20);
      }
    }
    throw new IOException("the mock did not start listening within 30 s");
  }

  /**
   * Loads the mock alone before the first measurement: its JIT compiler must be done before
   * direct — the baseline every added latency is computed from — is measured.
   */
  private void warmMock() throws IOException, InterruptedException {
    String url = "http://127.0.0.1:" + settings.mockPort + "/v1/chat/completions";
    int secs = Math.max(3, settings.warmupSeconds);
    Path log = work.resolve("mock-warmup-wrk.log");
    for (boolean stream : new boolean[] {false, true}) {
      Wrk.run(settings.clientCpu, settings.connections, secs, url, Configs.body("mock", stream),
          Map.of(), wrkScript, log);
    }
    byte[] paced = LoadClient.post(new InetSocketAddress("127.0.0.1", settings.mockPort),
        "/v1/chat/completions", Map.of(), Configs.body("mock-d1", true));
    try (LoadClient c = new LoadClient(new InetSocketAddress("127.0.0.1", settings.mockPort),
        paced, settings.rateConnections, Duration.ofSeconds(10))) {
      c.openLoop(settings.sseRate, Duration.ZERO, Duration.ofSeconds(secs));
    }
  }

  void stopMock() {
    if (mock != null) {
      mock.destroy();
      try {
        if (!mock.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          mock.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Ports free right now on 127.0.0.1 (nothing listens on them: a refused port stays so). */
  static int[] freePorts(int n) throws IOException {
    int[] out = new int[n];
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        held.add(s);
        out[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return out;
  }

  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    env.put("machine", Tools.cpuModel() + " × " + Runtime.getRuntime().availableProcessors()
        + " visible to the harness; " + Tools.onlineCpus() + " online; "
        + Tools.memory() + "; kernel " + Tools.output("uname", "-r"));
    env.put("JDK running NineLives", Tools.firstLine(Tools.output(settings.javaBin, "-version"))
        + (settings.javaOpts.isEmpty() ? " (no extra options)" : " with "
            + String.join(" ", settings.javaOpts)));
    env.put("NineLives build", buildInfo());
    env.put("nginx", Tools.output("nginx", "-v"));
    env.put("wrk", Tools.firstLine(Tools.output("wrk", "-v")));
    env.put("node", Tools.output("node", "-v"));
    env.put("Portkey", Tools.portkeyVersion(settings.portkeyDir));
    env.put("pinning", "each system under test runs alone on CPU " + settings.sutCpu
        + " (taskset -c " + settings.sutCpu + "); the harness, the mock upstream and wrk share "
        + "CPU " + settings.clientCpu + " (taskset -c " + settings.clientCpu + ")");
    env.put("settings", String.format(Locale.ROOT, "%s run; warm-up %d s, measurement %d s; "
        + "saturated: wrk, 1 thread, %d connections; fixed rate: %.0f req/s JSON and %.0f "
        + "streams/s over %d connections; sequential probe: %d streams; streams have 20 "
        + "content events (1 ms apart at a fixed rate and in the probe, back to back when "
        + "saturated); retries when other processes use > %.0f%% CPU: %d",
        settings.quick ? "quick" : "full", settings.warmupSeconds, settings.seconds,
        settings.connections, settings.jsonRate, settings.sseRate, settings.rateConnections,
        settings.probeCount, settings.maxOtherPercent, settings.retries));
    env.put("NineLives setup", "route with two targets (primary, backup) on the mock; "
        + "breakers, metrics and the JSON access log on (the access log goes to a file)");
    env.put("load average at the start", loadAverage());
    return env;
  }

  private String buildInfo() {
    String built;
    try {
      built = Files.getLastModifiedTime(settings.nineLivesJar).toInstant()
          .truncatedTo(ChronoUnit.SECONDS).toString();
    } catch (IOException e) {
      built = "unknown";
    }
    String head = Tools.output("git", "rev-parse", "--short", "HEAD");
    String dirty = Tools.output("git", "status", "--porcelain", "--untracked-files=no");
    return "ninelives.jar built " + built + "; source tree at " + Tools.firstLine(head)
        + (dirty.isEmpty() ? "" : " with uncommitted changes");
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long countLines(Path file, String needle) {
    try (var lines = Files.lines(file)) {
      return lines.filter(l -> l.contains(needle)).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1;
    }
  }

  private void note(String s) {
    notes.add(s);
    log("  note: " + s);
  }

  static void log(String s) {
    System.err.println("[" + java.time.LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] "
        + s);
  }
}
