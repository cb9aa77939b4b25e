package dev.ninelives.drill;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.server.Gateway;
import dev.ninelives.simulator.SimulatedProvider;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One outage drill: simulated providers replaying a scenario, a gateway in front of them (one
 * this drill starts, or one already running), a client load through it, and, for comparison, the
 * same load straight to the primary against a second, identical simulation running at the same
 * time.
 *
 * <pre>{@code
 * try (Drill drill = Drill.prepare(BuiltInScenarios.get("total-outage"), DrillOptions.defaults())) {
 *   DrillResult result = drill.run(DrillProgress.NONE);
 *   Reports.write(result, Path.of("report"));
 * }
 * }</pre>
 *
 * <p>{@link #prepare} starts everything and returns once it listens; {@link #run} drives the load
 * and blocks until the last answer is in (at most the load's timeout after the last request). The
 * gateway and its simulated providers keep running until {@link #close}, so a demo can leave
 * them up. Not thread-safe: one thread prepares, runs and closes.
 */
public final class Drill implements AutoCloseable {
  /** How often the live view, the call counts and a remote gateway's status are sampled. */
  private static final long TICK_MILLIS = 100;
  private static final int WARM_UP_ROUNDS = 3;
  private static final int WARM_UP_BATCH = 8;

  private final RunPlan plan;
  private final Timeline timeline;
  private final Fleet fleet;
  private final Fleet directFleet;
  private final Gateway gateway;
  private final String gatewayUrl;
  private final GatewayConfig config;
  private final ReplayClock clock;
  private final GatewayEvents events;
  private final List<String> notes;

  private Drill(RunPlan plan, Timeline timeline, Fleet fleet, Fleet directFleet, Gateway gateway, String gatewayUrl,
      GatewayConfig config, ReplayClock clock, GatewayEvents events) {
    this.notes = new ArrayList<>(plan.notes);
    this.notes.addAll(TimingNotes.of(timeline));
    this.plan = plan;
    this.timeline = timeline;
    this.fleet = fleet;
    this.directFleet = directFleet;
    this.gateway = gateway;
    this.gatewayUrl = gatewayUrl;
    this.config = config;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Starts the simulated providers and, unless the options name a running gateway, a gateway in
   * this process. A configuration the drill cannot use is a {@link BadConfigException}; a port
   * that cannot be bound an IllegalStateException.
   */
  public static Drill prepare(DrillScenario scenario, DrillOptions options) {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(options, "options");
    RunPlan effective = RunPlan.of(scenario, options);
    if (options.rate() != null) {
      effective = effective.withScenario(withRate(effective.scenario, options.rate()));
    }
    Timeline timeline = new Timeline(effective.scenario, options.compressionFor(effective.scenario));
    ReplayClock clock = new ReplayClock();
    GatewayEvents events = new GatewayEvents(clock);
    Fleet fleet = Fleet.start(specs(effective, timeline, effective.simulatorBasePort));
    Fleet direct = null;
    Gateway gw = null;
    try {
      if (options.direct()) {
        direct = Fleet.start(List.of(spec(effective, timeline, effective.scenario.provider(effective.primary)
            .orElseThrow(), 0)));
      }
      String url;
      GatewayConfig config;
      if (options.gatewayUrl() != null) {
        url = trimSlash(options.gatewayUrl());
        config = effective.policyOnly;
      } else {
        Map<String, String> urls = new HashMap<>();
        for (SimulatedProvider p : fleet.all()) {
          urls.put(p.name(), RunPlan.baseUrl(p, effective.policyOnly.providers().get(p.name())));
        }
        config = effective.config.apply(urls::get);
        gw = startGateway(config, events);
        url = "http://127.0.0.1:" + gw.port();
      }
      return new Drill(effective, timeline, fleet, direct, gw, url, config, clock, events);
    } catch (RuntimeException e) {
      if (gw != null) {
        gw.close();
      }
      if (direct != null) {
        direct.close();
      }
      fleet.close();
      throw e;
    }
  }

  private static Gateway startGateway(GatewayConfig config, GatewayEvents events) {
    Gateway.Options o = new Gateway.Options().listener(events);
    try {
      return Gateway.start(config, o).await();
    } catch (RuntimeException taken) {
      if (config.port() == 0) {
        throw new IllegalStateException("the gateway could not start: " + taken.getMessage(), taken);
      }
      // A demo's preferred port is taken: any free port will do.
      return Gateway.start(config.withPort(0), o).await();
    }
  }

  private static DrillScenario withRate(DrillScenario s, double rate) {
    return new DrillScenario(s.name(), s.description(), s.compressTo(), s.providers(), s.gateway(),
        s.load().withRate(rate), s.phases(), s.expect());
  }

  private static List<Fleet.Spec> specs(RunPlan plan, Timeline timeline, int basePort) {
    List<Fleet.Spec> out = new ArrayList<>();
    int i = 0;
    for (DrillProvider p : plan.scenario.providers()) {
      out.add(spec(plan, timeline, p, basePort == 0 ? 0 : basePort + i));
      i++;
    }
    return out;
  }

  private static Fleet.Spec spec(RunPlan plan, Timeline timeline, DrillProvider p, int port) {
    return new Fleet.Spec(p.name(), p.dialect(), p.latency(), p.tokenInterval(), p.reply(),
        plan.acceptAnyKey ? List.of() : p.keys(), p.models(), timeline.schedule(p.name(), p.seed()), port);
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The gateway's root URL: {@code http://127.0.0.1:PORT}. */
  public String gatewayUrl() {
    return gatewayUrl;
  }

  /** True if this drill started the gateway (and will stop it on close). */
  public boolean ownsGateway() {
    return gateway != null;
  }

  public Timeline timeline() {
    return timeline;
  }

  /** The scenario as run: with a rate override applied, and its providers renamed for a user's config. */
  public DrillScenario scenario() {
    return plan.scenario;
  }

  /**
   * What the drill says about itself before it runs: how a user's configuration was mapped onto
   * the scenario, and phases compressed too short for what is asserted in them.
   */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** Each simulated provider of the gateway run, by name, with its base URL. */
  public Map<String, String> providerUrls() {
    Map<String, String> out = new LinkedHashMap<>();
    fleet.all().forEach(p -> out.put(p.name(), p.baseUrl()));
    return out;
  }

  /**
   * Replays the scenario: starts the providers' clocks, sends the load for the replay's length,
   * waits for the last answers and measures. Blocks; bounded by the replay's length plus the
   * load's timeout plus a few seconds.
   */
  public DrillResult run(DrillProgress progress) throws InterruptedException {
    Objects.requireNonNull(progress, "progress");
    Load load = plan.scenario.load();
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();
    ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "drill");
      t.setDaemon(true);
      return t;
    });
    RunLog gatewayLog = new RunLog("gateway");
    RunLog directLog = directFleet == null ? null : new RunLog("direct");
    CallSamples gatewayCalls = new CallSamples();
    CallSamples directCalls = new CallSamples();
    StatusPoller poller = gateway == null ? new StatusPoller(http, gatewayUrl, events) : null;
    try {
      progress.started(timeline, gatewayUrl, plan.wiring);
      List<DrillClient> clients = new ArrayList<>();
      List<RunLog> logs = new ArrayList<>();
      clients.add(new DrillClient(http, Endpoint.gateway(gatewayUrl, load.model()), load.timeout(), threads, clock,
          timeline));
      logs.add(gatewayLog);
      if (directFleet != null) {
        DrillProvider primary = plan.scenario.provider(plan.primary).orElseThrow();
        SimulatedProvider sim = directFleet.provider(plan.primary);
        String key = primary.keys().isEmpty() ? "sk-drill-direct" : primary.keys().get(0);
        clients.add(new DrillClient(http, Endpoint.direct(primary.dialect(),
            RunPlan.baseUrl(sim, config.providers().get(plan.primary)), key, primary.model()), load.timeout(),
            threads, clock, timeline));
        logs.add(directLog);
      }
      warmUp(clients);
      events.clear();
      Instant startedAt = Instant.now();
      // Every clock starts together: the providers' schedules, the load, the event times.
      clock.start();
      fleet.startClocks();
      if (directFleet != null) {
        directFleet.startClocks();
      }
      LoadDriver driver = new LoadDriver(load, timeline, clients, logs);
      Live live = new Live(progress, gatewayLog, directLog);
      threads.scheduleAtFixedRate(() -> {
        long now = clock.getAsLong();
        gatewayCalls.add(now, fleet.requests());
        if (directFleet != null) {
          directCalls.add(now, directFleet.requests());
        }
        if (poller != null) {
          poller.poll();
        }
      }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
      CompletableFuture<Void> allSent = driver.start(threads);
      long lastSend = timeline.wallNanos() + TimeUnit.SECONDS.toNanos(5);
      while (!allSent.isDone() && clock.getAsLong() < lastSend) {
        live.show(timeline);
        waitFor(allSent, TICK_MILLIS * 2);
      }
      // Every request ends within the load's timeout, so this wait is bounded by it.
      CompletableFuture<?>[] pending = driver.pending().toArray(new CompletableFuture<?>[0]);
      CompletableFuture<Void> answered = CompletableFuture.allOf(pending);
      long deadline = clock.getAsLong() + load.timeout().toNanos() + TimeUnit.SECONDS.toNanos(3);
      while (!answered.isDone() && clock.getAsLong() < deadline) {
        live.show(timeline);
        waitFor(answered, TICK_MILLIS * 2);
      }
      long end = clock.getAsLong();
      gatewayCalls.add(end, fleet.requests());
      if (directFleet != null) {
        directCalls.add(end, directFleet.requests());
      }
      live.show(timeline);
      progress.finished(live.status(timeline));
      return Analysis.analyse(new Analysis.Inputs(plan.scenario, timeline, plan.route, plan.primary, config,
          gatewayUrl, gateway != null, plan.wiring, startedAt, gatewayLog.outcomes(),
          directLog == null ? null : directLog.outcomes(), events.all(), events.failovers(), events.retries(),
          gatewayCalls, directFleet == null ? null : directCalls, end));
    } finally {
      threads.shutdownNow();
      threads.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /**
   * A few healthy requests through every client before the replay, not counted: the first
   * requests of a fresh process pay for class loading and compilation (up to seconds on a small
   * machine), which would show as a latency spike no warm gateway has. The providers' schedules
   * are set aside meanwhile, so no fault, breaker or quarantine carries over into the replay.
   */
  private void warmUp(List<DrillClient> clients) throws InterruptedException {
    fleet.healthy();
    if (directFleet != null) {
      directFleet.healthy();
    }
    try {
      ClientFormat[] formats = ClientFormat.values();
      for (int round = 0; round < WARM_UP_ROUNDS; round++) {
        List<CompletableFuture<Outcome>> batch = new ArrayList<>();
        for (int i = 0; i < WARM_UP_BATCH; i++) {
          String word = dev.ninelives.simulator.AnswerCheck.word("warmup" + round + "x" + i);
          ClientFormat f = formats[i % 2];
          for (DrillClient c : clients) {
            batch.add(c.send(-1, f, i % 4 >= 2, "Warm up. " + word, word));
          }
        }
        waitFor(CompletableFuture.allOf(batch.toArray(new CompletableFuture<?>[0])),
            plan.scenario.load().timeout().toMillis() + 1000);
      }
    } finally {
      fleet.restoreSchedules();
      if (directFleet != null) {
        directFleet.restoreSchedules();
      }
    }
  }

  private static void waitFor(CompletableFuture<?> f, long millis) throws InterruptedException {
    try {
      f.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Time to refresh the live view.
    } catch (java.util.concurrent.ExecutionException e) {
      // Outcomes never fail; a failed future here would be a bug in the driver.
      throw new IllegalStateException("the load driver failed", e.getCause());
    }
  }

  /** Builds the live view from the running logs; used only on the drill's own thread. */
  private final class Live {
    private final DrillProgress progress;
    private final RunLog gatewayLog;
    private final RunLog directLog;
    private final Map<String, String> breakers = new LinkedHashMap<>();

    Live(DrillProgress progress, RunLog gatewayLog, RunLog directLog) {
      this.progress = progress;
      this.gatewayLog = gatewayLog;
      this.directLog = directLog;
    }

    void show(Timeline timeline) {
      for (GatewayEvent e : events.all()) {
        if (e.kind() == GatewayEvent.Kind.BREAKER) {
          breakers.put(e.subject(), e.detail());
        }
      }
      LiveStatus s = status(timeline);
      for (String text : events.drainFresh()) {
        progress.event(s, text);
      }
      progress.tick(s);
    }

    LiveStatus status(Timeline timeline) {
      long now = clock.getAsLong();
      List<Outcome> recent = gatewayLog.completedSince(now - TimeUnit.SECONDS.toNanos(2));
      long[] lat = recent.stream().filter(Outcome::answered).mapToLong(Outcome::latencyNanos).sorted().toArray();
      Map<String, Integer> served = new LinkedHashMap<>();
      for (Outcome o : recent) {
        if (o.answered() && o.provider() != null) {
          served.merge(o.provider(), 1, Integer::sum);
        }
      }
      long shown = Math.min(now, timeline.wallNanos());
      return new LiveStatus(shown, timeline.wallNanos(), timeline.compression().toScenario(shown),
          timeline.scenario().length(), timeline.spanAt(shown), timeline.spans().size(),
          counts(gatewayLog), directLog == null ? null : counts(directLog),
          lat.length == 0 ? -1 : Stats.percentile(lat, 0.95) / 1_000_000, served, new LinkedHashMap<>(breakers));
    }

    private LiveStatus.Counts counts(RunLog log) {
      return new LiveStatus.Counts(log.sentCount(), log.okCount(), log.wrongCount(), log.failedCount());
    }
  }

  /** Stops the gateway this drill started and every simulated provider. */
  @Override
  public void close() {
    if (gateway != null) {
      gateway.close();
    }
    if (directFleet != null) {
      directFleet.close();
    }
    fleet.close();
  }
}
