package dev.ninelives.server;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.policy.PolicyEngine;
import dev.ninelives.core.time.Clock;
import dev.ninelives.metrics.GatewayMetrics;
import dev.ninelives.status.StatusTracker;
import dev.ninelives.server.http.HttpFrontEnd;
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

  private Gateway(Vertx vertx, boolean ownsVertx, PolicyEngine engine, HttpFrontEnd frontEnd) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.engine = engine;
    this.frontEnd = frontEnd;
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
    boolean owns = options.vertx == null;
    Vertx vertx = owns
        ? Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.eventLoops)) : options.vertx;
    GatewayMetrics metrics = new GatewayMetrics();
    DeferredListener status = new DeferredListener();
    HealthListener listener = HealthListeners.all(new LoggingHealthListener(), new AccessLog(),
        metrics, status, options.listener);
    PolicyEngine engine = new PolicyEngine(config, options.clock, listener,
        () -> ThreadLocalRandom.current().nextDouble());
    metrics.bindTargets(engine.registry());
    StatusTracker tracker = new StatusTracker(engine.registry(), options.clock);
    status.set(tracker);
    HttpFrontEnd frontEnd = new HttpFrontEnd(vertx, engine, metrics, tracker,
        options.eventLoops);
    return frontEnd.listen()
        .map(v -> new Gateway(vertx, owns, engine, frontEnd))
        .recover(err -> {
          Future<Void> closing = owns ? vertx.close() : Future.succeededFuture();
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

  /** Stops listening, closes upstream connections and, if it created Vert.x, Vert.x too. */
  public Future<Void> stop() {
    Future<Void> closed = frontEnd.close();
    return ownsVertx ? closed.eventually(vertx::close) : closed;
  }

  @Override
  public void close() {
    stop().await();
  }
}
