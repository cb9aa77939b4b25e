package dev.ninelives.simulator;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * A real HTTP/1.1 server on 127.0.0.1 that plays a model provider and injects faults: an
 * OpenAI-format server, Anthropic's Messages API or Gemini's API, as its {@link Dialect} says.
 *
 * <pre>{@code
 * try (SimulatedProvider p = SimulatedProvider.builder("primary").reply("Hello there").start()) {
 *   p.enqueue(Fault.status(503), Fault.cutAfterEvents(3)); // the next two requests
 *   p.setDefault(Fault.none());                           // everything after them
 *   // point a client at p.baseUrl()
 * }
 * }</pre>
 *
 * <p>Each chat request (a chat completion, an Anthropic message, a Gemini generateContent or
 * streamGenerateContent) gets one fault: the next queued one, else the first matching window of
 * the schedule, else the default ({@link Fault#none()} unless changed). Only chat requests take
 * faults; {@code GET .../models} always answers.
 *
 * <p>In every dialect the simulated model answers a user message with its reply text, a request
 * that declares callable tools with a call of the first one (the first two when the user's text
 * has the word "parallel"), and a message carrying tool results with "Tool results: " and the
 * results joined by "; ".
 *
 * <p>Thread-safe: every method may be called from any thread. Methods that change whether the port
 * listens ({@link #refuseConnections}, {@link #setDefault}, {@link #schedule}, {@link #resetClock},
 * {@link #reset}, {@link #applyScheduleNow}, {@link #close}) wait, up to 10 s, until the socket is
 * in the new state, except when called on a Vert.x thread, where they only start the change.
 */
public final class SimulatedProvider implements AutoCloseable {
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(10);
  /** How often a schedule with refuse windows is checked against the clock. */
  private static final long REFUSAL_CHECK_MILLIS = 25;

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final ProviderState state;
  private final RequestHandler handler;
  private final PortControl port;
  private volatile boolean refuseManually;
  private volatile boolean closed;
  private long refusalTicker = -1;

  private SimulatedProvider(Vertx vertx, boolean ownsVertx, ProviderState state) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.state = state;
    this.handler = new RequestHandler(vertx, state, this::reconcileSoon);
    this.port = new PortControl(
        vertx, handler::onRequest, handler::onConnection, this::wantListening, handler::closeAll,
        this::letAnswersFinish);
  }

  /** Starts describing a provider; {@code name} shows in its default reply. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return state.name;
  }

  public Dialect dialect() {
    return state.dialect;
  }

  /** The bound port; the same while refusing connections, so clients can come back. */
  public int port() {
    return port.port();
  }

  /**
   * {@code http://127.0.0.1:PORT/v1}; {@code http://127.0.0.1:PORT/openai} for Azure; the host root
   * {@code http://127.0.0.1:PORT} for Anthropic and Gemini, whose SDKs add the versioned path.
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + state.dialect.basePath();
  }

  /** Chat requests received (on the dialect's chat path), whatever became of them. */
  public int requests() {
    return state.counters.get(Counters.Name.REQUESTS);
  }

  /** Waits, without polling, until {@link #requests()} reaches {@code n}; false on timeout. */
  public boolean awaitRequests(int n, Duration timeout) {
    return state.counters.await(Counters.Name.REQUESTS, n, timeout);
  }

  /** Every request received on any path, in arrival order. */
  public List<RecordedRequest> recorded() {
    return state.recorded();
  }

  /** Queues one fault for each of the next requests, first in first out. */
  public void enqueue(Fault... faults) {
    state.plan.enqueue(Arrays.asList(faults));
  }

  /**
   * The fault used when the queue is empty and no schedule window matches; {@link Fault#none()}
   * makes the provider healthy, {@link Fault#refuse()} closes its port.
   */
  public void setDefault(Fault fault) {
    state.plan.setDefault(fault);
    settle(port.reconcile(), "setDefault");
  }

  /** Replaces the schedule; its windows count from the start or the last {@link #resetClock()}. */
  public void schedule(FaultSchedule schedule) {
    state.plan.setSchedule(schedule);
    updateRefusalTicker();
    settle(port.reconcile(), "schedule");
  }

  /** Restarts schedule time at the clock's current reading. */
  public void resetClock() {
    state.plan.resetClock();
    settle(port.reconcile(), "resetClock");
  }

  /**
   * Checks the schedule's refuse windows against the clock now and waits until the port matches.
   * The provider does this by itself every 25 ms; tests that move an injected clock call it to
   * avoid waiting for that.
   */
  public void applyScheduleNow() {
    settle(port.reconcile(), "applyScheduleNow");
  }

  /** Only these keys are accepted from now on; no argument accepts any key, or none. */
  public void setValidKeys(String... keys) {
    state.setValidKeys(keys.length == 0 ? null : Set.of(keys));
  }

  /**
   * True: closes the listening socket and drops open connections, so connects are refused. False:
   * listens again on the same port (unless a refuse default or schedule window still holds).
   */
  public void refuseConnections(boolean refuse) {
    refuseManually = refuse;
    settle(port.reconcile(), "refuseConnections");
  }

  /** True while the port is closed, whether by {@link #refuseConnections} or a refuse fault. */
  public boolean refusingConnections() {
    return !port.listening();
  }

  /**
   * Responses whose connection the client closed before the simulator had finished, e.g. a
   * gateway giving up on a hanging or stalled upstream.
   */
  public int abortedByPeer() {
    return state.counters.get(Counters.Name.ABORTED_BY_PEER);
  }

  /** Waits, without polling, until {@link #abortedByPeer()} reaches {@code n}; false on timeout. */
  public boolean awaitAbortedByPeer(int n, Duration timeout) {
    return state.counters.await(Counters.Name.ABORTED_BY_PEER, n, timeout);
  }

  public int connectionsOpened() {
    return state.counters.get(Counters.Name.CONNECTIONS_OPENED);
  }

  public int connectionsClosed() {
    return state.counters.get(Counters.Name.CONNECTIONS_CLOSED);
  }

  /**
   * Answers sent degraded on purpose ({@link Fault#wrongAnswer}, {@link Fault#emptyAnswer}); each
   * also carries the response header {@code x-simulator-degraded}.
   */
  public int degradedAnswers() {
    return state.counters.get(Counters.Name.DEGRADED_ANSWERS);
  }

  /** Waits, without polling, until {@link #connectionsClosed()} reaches {@code n}; false on timeout. */
  public boolean awaitConnectionsClosed(int n, Duration timeout) {
    return state.counters.await(Counters.Name.CONNECTIONS_CLOSED, n, timeout);
  }

  /**
   * Clears the queue, default, schedule, counters and recorded requests. Keys, manual refusal and
   * the schedule clock stay. Connections still open keep counting their closes, so after a reset
   * {@link #connectionsClosed()} can exceed {@link #connectionsOpened()}.
   */
  public void reset() {
    state.plan.clear();
    state.counters.reset();
    state.clearRecorded();
    updateRefusalTicker();
    settle(port.reconcile(), "reset");
  }

  /** Closes the port and all connections; closes the Vert.x instance if the provider made it. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (this) {
      if (refusalTicker >= 0) {
        vertx.cancelTimer(refusalTicker);
        refusalTicker = -1;
      }
    }
    Future<Void> done = port.stop();
    if (ownsVertx) {
      done = done.transform(ignored -> vertx.close());
    }
    settle(done, "close");
  }

  @Override
  public String toString() {
    return "SimulatedProvider[" + state.name + ", " + state.dialect.configName() + ", " + baseUrl() + "]";
  }

  private boolean wantListening() {
    return !closed && !refuseManually && !state.plan.refusingNow();
  }

  /**
   * Read as the port closes: true if the refusal in force lets answers in progress finish (a
   * refusal by hand or a close always drops them).
   */
  private boolean letAnswersFinish() {
    return !closed && !refuseManually && state.plan.refusalLetsAnswersFinish();
  }

  /** For a refuse fault met by a request: close the port without blocking the event loop. */
  private void reconcileSoon() {
    port.reconcile();
  }

  private synchronized void updateRefusalTicker() {
    boolean needed = !closed && state.plan.refusalDependsOnTime();
    if (needed && refusalTicker < 0) {
      refusalTicker = vertx.setPeriodic(REFUSAL_CHECK_MILLIS, id -> port.reconcile());
    } else if (!needed && refusalTicker >= 0) {
      vertx.cancelTimer(refusalTicker);
      refusalTicker = -1;
    }
  }

  private void start(int requestedPort) {
    settle(port.start(requestedPort), "start");
    updateRefusalTicker();
  }

  /** Waits for a port change unless on a Vert.x thread, where blocking would stall the loop. */
  private static void settle(Future<?> change, String what) {
    if (Context.isOnVertxThread()) {
      return;
    }
    try {
      change.toCompletionStage().toCompletableFuture().get(SETTLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " did not finish within " + SETTLE_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " was interrupted", e);
    }
  }

  /** Describes a provider; not thread-safe, {@link #start()} copies what it needs. */
  public static final class Builder {
    private final String name;
    private Dialect dialect = Dialect.OPENAI;
    private int port;
    private String reply;
    private Latency latency = Latency.none();
    private Duration tokenInterval = Duration.ZERO;
    private Set<String> validKeys;
    private LongSupplier clock = System::nanoTime;
    private Vertx vertx;
    private List<String> models;
    private Fault defaultFault = Fault.none();
    private FaultSchedule schedule = FaultSchedule.empty();

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("provider name must not be blank");
      }
      this.name = name;
    }

    /** Default {@link Dialect#OPENAI}. */
    public Builder dialect(Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /** 0 (the default) picks a free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535, but was " + port);
      }
      this.port = port;
      return this;
    }

    /** The assistant's answer; its words become the stream's tokens. Default "Hello from NAME.". */
    public Builder reply(String reply) {
      this.reply = Objects.requireNonNull(reply, "reply");
      return this;
    }

    /** Wait before the headers (non-stream) or before the first event (stream). Default zero. */
    public Builder latency(Duration latency) {
      this.latency = Latency.fixed(nonNegative("latency", latency));
      return this;
    }

    /**
     * The provider's own latency as a spread, drawn for each request; a {@link Latency#ramp ramp}
     * stays at its start here (ramps climb across a {@link Fault#slow} window).
     */
    public Builder latency(Latency latency) {
      this.latency = Objects.requireNonNull(latency, "latency");
      return this;
    }

    /** Gap between stream events. Default zero. */
    public Builder tokenInterval(Duration tokenInterval) {
      this.tokenInterval = nonNegative("tokenInterval", tokenInterval);
      return this;
    }

    /**
     * Accept only these keys; others get the dialect's 401. Without this call (or with no
     * argument) any key, or none, is accepted. Ollama ignores keys whatever is set.
     */
    public Builder validKeys(String... keys) {
      this.validKeys = keys.length == 0 ? null : Set.of(keys);
      return this;
    }

    /** The nanosecond clock schedules are measured with; default {@code System::nanoTime}. */
    public Builder clock(LongSupplier nanoTime) {
      this.clock = Objects.requireNonNull(nanoTime, "clock");
      return this;
    }

    /** A Vert.x instance to share; without one the provider makes its own and closes it. */
    public Builder vertx(Vertx vertx) {
      this.vertx = Objects.requireNonNull(vertx, "vertx");
      return this;
    }

    /** The ids listed by {@code GET .../models}; default {@code sim-NAME}. Any model is served. */
    public Builder models(String... models) {
      this.models = List.of(models);
      return this;
    }

    /** The fault in force from the start; see {@link SimulatedProvider#setDefault}. */
    public Builder defaultFault(Fault fault) {
      this.defaultFault = Objects.requireNonNull(fault, "fault");
      return this;
    }

    /** The schedule in force from the start; see {@link SimulatedProvider#schedule}. */
    public Builder schedule(FaultSchedule schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    /**
     * Binds 127.0.0.1 and returns once listening (or, if a refuse fault is in force from the
     * start, once the port has been bound and closed again). Must not be called on a Vert.x
     * event loop.
     */
    public SimulatedProvider start() {
      if (Context.isOnEventLoopThread()) {
        throw new IllegalStateException("start() blocks until the port is bound; call it off the event loop");
      }
      boolean owns = vertx == null;
      Vertx v = owns ? Vertx.vertx() : vertx;
      ProviderState state = new ProviderState(
          name,
          dialect,
          reply == null ? "Hello from " + name + "." : reply,
          latency,
          tokenInterval,
          models == null ? List.of("sim-" + name) : models,
          validKeys,
          new FaultPlan(clock, defaultFault, schedule));
      SimulatedProvider provider = new SimulatedProvider(v, owns, state);
      try {
        provider.start(port);
      } catch (RuntimeException e) {
        provider.close();
        throw e;
      }
      return provider;
    }

    private static Duration nonNegative(String what, Duration d) {
      Objects.requireNonNull(d, what);
      if (d.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative, but was " + d);
      }
      return d;
    }
  }
}
