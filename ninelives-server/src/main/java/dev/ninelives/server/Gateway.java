package dev.ninelives.server;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.health.TeeListener;
import dev.ninelives.core.policy.PolicyEngine;
import dev.ninelives.core.time.Clock;
import dev.ninelives.core.trace.RequestTracer;
import dev.ninelives.metrics.GatewayMetrics;
import dev.ninelives.status.StatusTracker;
import dev.ninelives.server.http.HttpFrontEnd;
import dev.ninelives.tracing.OtelRequestTracer;
import dev.ninelives.uptime.UptimeHistory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The gateway process: the policy engine, the upstream clients and the HTTP front end on one
 * Vert.x instance. Start it with {@link #start}, stop it with {@link #close}.
 *
 * <p>Thread-safe.
 */
public final class Gateway implements AutoCloseable {
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final PolicyEngine engine;
  private final HttpFrontEnd frontEnd;
  private final RequestTracer tracer;
  private final UptimeFlusher uptime;

  private Gateway(Vertx vertx, boolean ownsVertx, PolicyEngine engine, HttpFrontEnd frontEnd,
      RequestTracer tracer, UptimeFlusher uptime) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.engine = engine;
    this.frontEnd = frontEnd;
    this.tracer = tracer;
    this.uptime = uptime;
  }

  /** Options beyond the configuration file: mostly for tests and embedding. */
  public static final class Options {
    private Clock clock = Clock.system();
    private HealthListener listener = HealthListener.NONE;
    private Vertx vertx;
    private int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());

    public Options clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Receives every health event in addition to the gateway's own log. */
    public Options listener(HealthListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Runs on this Vert.x instance instead of creating (and owning) one. */
    public Options vertx(Vertx vertx) {
      this.vertx = Objects.requireNonNull(vertx, "vertx");
      return this;
    }

    /** Event loops serving clients (default: one per core). */
    public Options eventLoops(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("eventLoops must be at least 1, but was " + n);
      }
      this.eventLoops = n;
      return this;
    }
  }

  /** Starts a gateway; the future completes once it is listening, or fails (port taken). */
  public static Future<Gateway> start(GatewayConfig config, Options options) {
    UptimeHistory history;
    try {
      history = UptimeHistory.open(config.uptime(), options.clock);
    } catch (RuntimeException e) {
      return Future.failedFuture(e); // another gateway writes its data_dir, or it is unusable
    }
    boolean owns = options.vertx == null;
    Vertx vertx = null;
    try {
      vertx = owns ? Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.eventLoops))
          : options.vertx;
      return start(config, options, history, vertx, owns);
    } catch (RuntimeException e) {
      // Nothing listens yet, but the data_dir lock is held and Vert.x may be running: a
      // failed start must leave neither behind, or a retry in this process is refused.
      history.close();
      if (owns && vertx != null) {
        vertx.close();
      }
      return Future.failedFuture(e);
    }
  }

  private static Future<Gateway> start(GatewayConfig config, Options options,
      UptimeHistory history, Vertx vertx, boolean owns) {
    GatewayMetrics metrics = new GatewayMetrics();
    DeferredListener status = new DeferredListener();
    HealthListener listener = TeeListener.all(new LoggingHealthListener(), new AccessLog(),
        metrics, status, history.recorder(), options.listener);
    PolicyEngine engine = new PolicyEngine(config, options.clock, listener,
        () -> ThreadLocalRandom.current().nextDouble());
    metrics.bindTargets(engine.registry());
    StatusTracker tracker = new StatusTracker(engine.registry(), options.clock);
    status.set(tracker);
    RequestTracer tracer = OtelRequestTracer.create(config.tracing(), options.clock);
    HttpFrontEnd frontEnd = new HttpFrontEnd(vertx, engine, metrics, tracker,
        options.eventLoops, tracer, history);
    UptimeFlusher uptime = UptimeFlusher.start(vertx, history);
    return frontEnd.listen()
        .map(v -> new Gateway(vertx, owns, engine, frontEnd, tracer, uptime))
        .recover(err -> {
          tracer.close();
          Future<Void> closing = uptime.close()
              .eventually(() -> owns ? vertx.close() : Future.succeededFuture());
          return closing.transform(ignored -> Future.failedFuture(err));
        });
  }

  public static Future<Gateway> start(GatewayConfig config) {
    return start(config, new Options());
  }

  /** The port the gateway listens on (useful when the configuration asked for port 0). */
  public int port() {
    return frontEnd.port();
  }

  public String host() {
    return engine.config().host();
  }

  public PolicyEngine engine() {
    return engine;
  }

  /**
   * Stops listening, closes upstream connections, exports the spans still buffered and, if it
   * created Vert.x, closes Vert.x too.
   */
  public Future<Void> stop() {
    Future<Void> closed = frontEnd.close()
        .eventually(() -> Future.fromCompletionStage(tracer.close()))
        .eventually(uptime::close); // writes the running minute and releases the data_dir
    return ownsVertx ? closed.eventually(vertx::close) : closed;
  }

  @Override
  public void close() {
    stop().await();
  }
}
