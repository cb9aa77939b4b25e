package dev.ninelives.metrics;

import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.breaker.CircuitBreaker;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.keys.KeyPool;
import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.routing.Target;
import dev.ninelives.core.routing.TargetRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The gateway's health events as Prometheus metrics, kept in a Micrometer
 * {@link PrometheusMeterRegistry}. Subscribe it as a {@link HealthListener}, call
 * {@link #bindTargets} with the live {@link TargetRegistry}, and serve {@link #scrape()} with
 * {@link #contentType()} on {@code /metrics}.
 *
 * <h2>Exposed metrics</h2>
 * The names are a contract (ARCHITECTURE.md §5). Micrometer's Prometheus naming adds
 * {@code _total} to counters and {@code _seconds} to timers, so the meters here are named
 * without those suffixes.
 * <ul>
 *   <li>{@code ninelives_requests_total{route,outcome}}: client requests, by how they ended
 *   <li>{@code ninelives_attempts_total{target,outcome}}: upstream attempts, including targets
 *       skipped as {@code breaker-open} or {@code provider-quarantined}
 *   <li>{@code ninelives_failovers_total{route,from,to}}: moves from one target to the next
 *   <li>{@code ninelives_request_duration_seconds{route}}: histogram, 1 ms to 300 s
 *   <li>{@code ninelives_time_to_first_token_seconds{target}}: histogram per attempt that
 *       produced content, 1 ms to 300 s
 *   <li>{@code ninelives_breaker_state{target}}: gauge, 0 closed, 1 half-open, 2 open; read
 *       from the breaker itself when scraped
 *   <li>{@code ninelives_tokens_total{target,kind}}: tokens the answering target reported,
 *       {@code kind} is {@code input} or {@code output}
 *   <li>{@code ninelives_overhead_seconds}: histogram of time spent in the gateway itself,
 *       10 µs to 100 ms
 *   <li>{@code ninelives_provider_quarantined{provider}}: gauge, 1 while every key of the
 *       provider is quarantined
 * </ul>
 * Each histogram also has the {@code _max} gauge Micrometer's Prometheus registry always adds
 * to a timer (for example {@code ninelives_overhead_seconds_max}), the largest value seen
 * recently.
 *
 * <p>Histograms use a fixed, short list of buckets ({@code 1-2.5-5} steps) rather than
 * Micrometer's generated percentile histogram, which has about 85 buckets between 1 ms and
 * 300 s: per route and per target that would multiply the series count for no useful
 * precision. {@code histogram_quantile} works over either.
 *
 * <h2>Cardinality</h2>
 * Labels come only from route names, target ids, outcome labels and provider names, never from
 * per-request values. Route names and target ids are still not fully under the operator's
 * control: a client may send any {@code provider/model} as its model name, and each becomes a
 * route and a target. So at most {@link #MAX_ROUTES} distinct routes and {@link #MAX_TARGETS}
 * distinct targets get their own series; events for later ones are counted under the label
 * value {@value #OTHER} (and get no breaker gauge, since one gauge cannot show many breakers).
 * Outcome labels and provider names come from the gateway and its configuration, and are
 * capped as well only as a safety net. A missing (null) label value is reported as
 * {@value #UNKNOWN}.
 *
 * <h2>Threads</h2>
 * Thread-safe. Events arrive concurrently from several event-loop threads, some while a
 * breaker's or key pool's lock is held, so each event does a few map look-ups and atomic
 * additions: counters and timers are created once per label combination and cached (never
 * looked up in the registry per event). Creating a meter for a new combination takes the
 * registry's lock once. Breaker and quarantine gauges take the breaker's or pool's lock only
 * when scraped.
 */
public final class GatewayMetrics implements HealthListener {

  /** Distinct routes that get their own series; later ones are reported as {@value #OTHER}. */
  public static final int MAX_ROUTES = 1000;
  /** Distinct targets that get their own series; later ones are reported as {@value #OTHER}. */
  public static final int MAX_TARGETS = 1000;
  /** A safety cap on distinct outcome labels (the gateway uses a few dozen). */
  static final int MAX_OUTCOMES = 200;
  /** A safety cap on distinct providers (they come from the configuration). */
  static final int MAX_PROVIDERS = 1000;

  /** The label value for routes or targets beyond the caps. */
  public static final String OTHER = "other";
  /** The label value used when an event lacks one. */
  public static final String UNKNOWN = "unknown";

  /** The content type of {@link #scrape()}: Prometheus text exposition format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Where the Grafana dashboard is on the class path. */
  public static final String DASHBOARD_RESOURCE = "/dev/ninelives/metrics/grafana-dashboard.json";

  // Micrometer names. The Prometheus naming convention turns dots into underscores and adds
  // _total (counters) or _seconds (timers), giving the contract names in the comments.
  static final String REQUESTS = "ninelives.requests"; // ninelives_requests_total
  static final String ATTEMPTS = "ninelives.attempts"; // ninelives_attempts_total
  static final String FAILOVERS = "ninelives.failovers"; // ninelives_failovers_total
  static final String REQUEST_DURATION = "ninelives.request.duration"; // ..._seconds
  static final String TTFT = "ninelives.time.to.first.token"; // ..._seconds
  static final String BREAKER_STATE = "ninelives.breaker.state"; // ninelives_breaker_state
  static final String TOKENS = "ninelives.tokens"; // ninelives_tokens_total
  static final String OVERHEAD = "ninelives.overhead"; // ninelives_overhead_seconds
  static final String PROVIDER_QUARANTINED = "ninelives.provider.quarantined";

  static final String KIND_INPUT = "input";
  static final String KIND_OUTPUT = "output";

  /** 1 ms to 300 s in 1-2.5-5 steps, for request durations and time to first token. */
  private static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30),
      Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)};

  /** 10 µs to 100 ms, for the gateway's own overhead. */
  private static final Duration[] OVERHEAD_BUCKETS = {
      Duration.ofNanos(10_000), Duration.ofNanos(25_000), Duration.ofNanos(50_000),
      Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
      Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100)};

  private final PrometheusMeterRegistry registry;

  private final LabelLimiter routes;
  private final LabelLimiter targets;
  private final LabelLimiter outcomes;
  private final LabelLimiter providers;

  // Meter caches, nested by label so that a hit allocates nothing.
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Counter>> requests =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Counter>> attempts =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String,
      ConcurrentHashMap<String, ConcurrentHashMap<String, Counter>>> failovers =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> requestDuration = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> timeToFirstToken = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> inputTokens = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> outputTokens = new ConcurrentHashMap<>();
  private final Timer overhead;

  private final ConcurrentHashMap<String, BreakerGauge> breakerGauges = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ProviderGauge> providerGauges =
      new ConcurrentHashMap<>();

  private volatile TargetRegistry bound;

  /** Metrics in a registry of their own. */
  public GatewayMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * Metrics in the given registry, which may hold other meters too (JVM metrics, say). It must
   * not already hold meters with these names and other tag keys.
   */
  public GatewayMetrics(PrometheusMeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.routes = new LabelLimiter(MAX_ROUTES, route -> { });
    this.targets = new LabelLimiter(MAX_TARGETS, this::newBreakerGauge);
    this.outcomes = new LabelLimiter(MAX_OUTCOMES, outcome -> { });
    this.providers = new LabelLimiter(MAX_PROVIDERS, this::newProviderGauge);
    this.overhead = Timer.builder(OVERHEAD)
        .description("Time spent in the gateway itself: request duration less upstream time "
            + "and backoff waits")
        .serviceLevelObjectives(OVERHEAD_BUCKETS)
        .publishPercentileHistogram(false)
        .register(registry);
  }

  /** The registry the metrics live in, for adding other meters or scraping it directly. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Reads breaker states and provider quarantine from {@code registry}: registers a
   * {@code ninelives_breaker_state} gauge for every target it knows now, and points existing
   * gauges at its breakers. Targets it gains later (direct {@code provider/model} requests)
   * are picked up on their first event and at every {@link #scrape()}. Call again after a
   * configuration reload with the new registry; targets it lacks then report the state last
   * seen in events.
   */
  public void bindTargets(TargetRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    this.bound = registry;
    Map<String, CircuitBreaker> breakers = new HashMap<>();
    for (Target t : registry.targets()) {
      breakers.putIfAbsent(t.id(), t.breaker());
    }
    for (Map.Entry<String, BreakerGauge> e : breakerGauges.entrySet()) {
      e.getValue().breaker = breakers.get(e.getKey());
    }
    Map<String, KeyPool> pools = new HashMap<>();
    for (KeyPool p : registry.keyPools()) {
      pools.put(p.provider(), p);
    }
    for (Map.Entry<String, ProviderGauge> e : providerGauges.entrySet()) {
      e.getValue().pool = pools.get(e.getKey());
    }
    sync(registry);
  }

  /** The Prometheus text exposition (format 0.0.4) of every meter in the registry. */
  public String scrape() {
    syncBound();
    return registry.scrape(CONTENT_TYPE);
  }

  /** Writes {@link #scrape()}'s text to {@code out} without building a string. */
  public void scrape(OutputStream out) throws IOException {
    syncBound();
    registry.scrape(out, CONTENT_TYPE);
  }

  /** The HTTP content type of {@link #scrape()}. */
  public String contentType() {
    return CONTENT_TYPE;
  }

  /** The Grafana dashboard for these metrics (JSON, with a {@code DS_PROMETHEUS} input). */
  public static String grafanaDashboard() {
    try (InputStream in = GatewayMetrics.class.getResourceAsStream(DASHBOARD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DASHBOARD_RESOURCE + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- events -------------------------------------------------------------------------------

  @Override
  public void onRequest(RequestSummary summary) {
    String route = routes.label(summary.route());
    counter2(requests, route, outcomes.label(summary.outcome()), this::newRequestCounter)
        .increment();
    if (summary.durationNanos() >= 0) {
      cached(requestDuration, route, this::newRequestTimer)
          .record(summary.durationNanos(), TimeUnit.NANOSECONDS);
    }
    if (summary.overheadNanos() >= 0) {
      overhead.record(summary.overheadNanos(), TimeUnit.NANOSECONDS);
    }
    if (summary.target() != null && (summary.inputTokens() >= 0 || summary.outputTokens() >= 0)) {
      String target = targets.label(summary.target());
      if (summary.inputTokens() >= 0) {
        cached(inputTokens, target, t -> newTokenCounter(t, KIND_INPUT))
            .increment(summary.inputTokens());
      }
      if (summary.outputTokens() >= 0) {
        cached(outputTokens, target, t -> newTokenCounter(t, KIND_OUTPUT))
            .increment(summary.outputTokens());
      }
    }
  }

  @Override
  public void onAttempt(String route, AttemptRecord record) {
    String target = targets.label(record.target());
    counter2(attempts, target, outcomes.label(record.outcome()), this::newAttemptCounter)
        .increment();
    if (record.ttftNanos() >= 0) {
      cached(timeToFirstToken, target, this::newTtftTimer)
          .record(record.ttftNanos(), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void onFailover(String route, String fromTarget, String toTarget, String reason) {
    String r = routes.label(route);
    String from = targets.label(fromTarget);
    String to = targets.label(toTarget);
    ConcurrentHashMap<String, ConcurrentHashMap<String, Counter>> byFrom = failovers.get(r);
    if (byFrom == null) {
      byFrom = failovers.computeIfAbsent(r, k -> new ConcurrentHashMap<>());
    }
    counter2(byFrom, from, to, (f, t) -> newFailoverCounter(r, f, t)).increment();
  }

  @Override
  public void onTransition(String target, BreakerState from, BreakerState to, long atNanos) {
    BreakerGauge gauge = breakerGauges.get(targets.label(target));
    if (gauge != null && to != null) {
      gauge.lastSeen = to;
    }
  }

  @Override
  public void onProviderQuarantined(String provider) {
    ProviderGauge gauge = providerGauges.get(providers.label(provider));
    if (gauge != null) {
      gauge.lastSeen = true;
    }
  }

  @Override
  public void onProviderReadmitted(String provider) {
    ProviderGauge gauge = providerGauges.get(providers.label(provider));
    if (gauge != null) {
      gauge.lastSeen = false;
    }
  }

  // ---- gauges -------------------------------------------------------------------------------

  /** The value of {@code ninelives_breaker_state} for a state. */
  static int code(BreakerState state) {
    switch (state) {
      case CLOSED:
        return 0;
      case HALF_OPEN:
        return 1;
      case OPEN:
        return 2;
      default:
        throw new IllegalArgumentException("unknown breaker state " + state);
    }
  }

  /**
   * One target's breaker gauge: the breaker's own state when the bound registry has it (so an
   * open breaker whose open period has passed reads half-open without waiting for an event),
   * else the state last seen in a transition event.
   */
  private static final class BreakerGauge {
    volatile CircuitBreaker breaker;
    volatile BreakerState lastSeen = BreakerState.CLOSED;

    double value() {
      CircuitBreaker b = breaker;
      return code(b != null ? b.state() : lastSeen);
    }
  }

  /** One provider's quarantine gauge: the key pool's flag when bound, else the last event. */
  private static final class ProviderGauge {
    volatile KeyPool pool;
    volatile boolean lastSeen;

    double value() {
      KeyPool p = pool;
      return (p != null ? p.providerQuarantined() : lastSeen) ? 1 : 0;
    }
  }

  /** Called once per target admitted to its own series (never for {@value #OTHER}). */
  private void newBreakerGauge(String target) {
    BreakerGauge gauge = new BreakerGauge();
    TargetRegistry reg = bound;
    if (reg != null) {
      // A new target: the registry lists at most MAX_DIRECT_TARGETS plus the configured ones,
      // and this runs at most MAX_TARGETS times, so the scan is a bounded one-off cost.
      for (Target t : reg.targets()) {
        if (t.id().equals(target)) {
          gauge.breaker = t.breaker();
          break;
        }
      }
    }
    breakerGauges.put(target, gauge);
    Gauge.builder(BREAKER_STATE, gauge, BreakerGauge::value)
        .description("Circuit breaker state per target: 0 closed, 1 half-open, 2 open")
        .tag("target", target)
        .strongReference(true)
        .register(registry);
  }

  private void newProviderGauge(String provider) {
    ProviderGauge gauge = new ProviderGauge();
    TargetRegistry reg = bound;
    if (reg != null) {
      gauge.pool = reg.keyPool(provider);
    }
    providerGauges.put(provider, gauge);
    Gauge.builder(PROVIDER_QUARANTINED, gauge, ProviderGauge::value)
        .description("1 while every key of the provider is quarantined, else 0")
        .tag("provider", provider)
        .strongReference(true)
        .register(registry);
  }

  private void syncBound() {
    TargetRegistry reg = bound;
    if (reg != null) {
      sync(reg);
    }
  }

  /** Gives every target and provider of {@code reg} a gauge reading its live state. */
  private void sync(TargetRegistry reg) {
    for (Target t : reg.targets()) {
      BreakerGauge gauge = breakerGauges.get(targets.label(t.id()));
      if (gauge != null && gauge.breaker == null && targets.isAdmitted(t.id())) {
        gauge.breaker = t.breaker();
      }
    }
    for (KeyPool p : reg.keyPools()) {
      ProviderGauge gauge = providerGauges.get(providers.label(p.provider()));
      if (gauge != null && gauge.pool == null && providers.isAdmitted(p.provider())) {
        gauge.pool = p;
      }
    }
  }

  // ---- meter factories and caches ---------------------------------------------------------------

  private static <M> M cached(ConcurrentHashMap<String, M> cache, String key,
      Function<String, M> create) {
    M m = cache.get(key);
    return m != null ? m : cache.computeIfAbsent(key, create);
  }

  private interface Factory2<M> {
    M create(String a, String b);
  }

  private static <M> M counter2(ConcurrentHashMap<String, ConcurrentHashMap<String, M>> cache,
      String a, String b, Factory2<M> create) {
    ConcurrentHashMap<String, M> inner = cache.get(a);
    if (inner == null) {
      inner = cache.computeIfAbsent(a, k -> new ConcurrentHashMap<>());
    }
    M m = inner.get(b);
    return m != null ? m : inner.computeIfAbsent(b, k -> create.create(a, k));
  }

  private Counter newRequestCounter(String route, String outcome) {
    return Counter.builder(REQUESTS)
        .description("Client requests by route and how they ended")
        .tag("route", route)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Counter newAttemptCounter(String target, String outcome) {
    return Counter.builder(ATTEMPTS)
        .description("Upstream attempts by target and outcome, including skipped targets "
            + "(breaker-open, provider-quarantined)")
        .tag("target", target)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Counter newFailoverCounter(String route, String from, String to) {
    return Counter.builder(FAILOVERS)
        .description("Requests that moved on from one target to the next")
        .tag("route", route)
        .tag("from", from)
        .tag("to", to)
        .register(registry);
  }

  private Counter newTokenCounter(String target, String kind) {
    return Counter.builder(TOKENS)
        .description("Tokens reported by the answering target, by kind (input, output)")
        .tag("target", target)
        .tag("kind", kind)
        .register(registry);
  }

  private Timer newRequestTimer(String route) {
    return Timer.builder(REQUEST_DURATION)
        .description("Client request duration, from arrival to the end of the answer")
        .tag("route", route)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .publishPercentileHistogram(false)
        .register(registry);
  }

  private Timer newTtftTimer(String target) {
    return Timer.builder(TTFT)
        .description("Time to the first content of an upstream attempt")
        .tag("target", target)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .publishPercentileHistogram(false)
        .register(registry);
  }
}
