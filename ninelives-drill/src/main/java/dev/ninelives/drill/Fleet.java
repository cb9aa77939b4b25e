package dev.ninelives.drill;

import dev.ninelives.simulator.Dialect;
import dev.ninelives.simulator.FaultSchedule;
import dev.ninelives.simulator.Latency;
import dev.ninelives.simulator.SimulatedProvider;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The simulated providers of one drill run on one Vert.x instance the fleet owns. Their fault
 * schedules count from {@link #startClocks()}, which the drill calls the moment its load starts.
 *
 * <p>Thread-safe: the provider list is fixed at start and providers are thread-safe.
 */
final class Fleet implements AutoCloseable {

  /**
   * One provider to start.
   *
   * @param port 0 for a free port
   * @param keys accepted keys; empty accepts any
   */
  record Spec(String name, Dialect dialect, Latency latency, Duration tokenInterval, String reply, List<String> keys,
      List<String> models, FaultSchedule schedule, int port) {}

  private final Vertx vertx;
  private final Map<String, SimulatedProvider> providers;
  private final Map<String, FaultSchedule> schedules;

  private Fleet(Vertx vertx, Map<String, SimulatedProvider> providers, Map<String, FaultSchedule> schedules) {
    this.vertx = vertx;
    this.providers = providers;
    this.schedules = schedules;
  }

  /** Starts every provider; if one cannot start, the others are closed and the error names it. */
  static Fleet start(List<Spec> specs) {
    Vertx vertx = Vertx.vertx();
    Map<String, SimulatedProvider> started = new LinkedHashMap<>();
    Map<String, FaultSchedule> schedules = new LinkedHashMap<>();
    specs.forEach(s -> schedules.put(s.name(), s.schedule()));
    try {
      for (Spec s : specs) {
        try {
          started.put(s.name(), SimulatedProvider.builder(s.name())
              .dialect(s.dialect())
              .latency(s.latency())
              .tokenInterval(s.tokenInterval())
              .reply(s.reply())
              .validKeys(s.keys().toArray(new String[0]))
              .models(s.models().toArray(new String[0]))
              .schedule(s.schedule())
              .port(s.port())
              .vertx(vertx)
              .start());
        } catch (RuntimeException e) {
          throw new IllegalStateException("simulated provider '" + s.name() + "' could not start"
              + (s.port() == 0 ? "" : " on 127.0.0.1:" + s.port()) + ": " + e.getMessage(), e);
        }
      }
    } catch (RuntimeException e) {
      started.values().forEach(SimulatedProvider::close);
      vertx.close();
      throw e;
    }
    return new Fleet(vertx, started, schedules);
  }

  SimulatedProvider provider(String name) {
    SimulatedProvider p = providers.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no simulated provider '" + name + "'");
    }
    return p;
  }

  List<SimulatedProvider> all() {
    return new ArrayList<>(providers.values());
  }

  /** Sets every schedule aside: the providers answer healthily until {@link #restoreSchedules}. */
  void healthy() {
    providers.values().forEach(p -> p.schedule(FaultSchedule.empty()));
  }

  /** Puts every provider's own schedule back (its clock then needs {@link #startClocks}). */
  void restoreSchedules() {
    providers.forEach((name, p) -> p.schedule(schedules.get(name)));
  }

  /** Starts every schedule's clock now. */
  void startClocks() {
    providers.values().forEach(SimulatedProvider::resetClock);
  }

  /** Chat requests each provider has received so far. */
  Map<String, Integer> requests() {
    Map<String, Integer> out = new LinkedHashMap<>();
    providers.forEach((name, p) -> out.put(name, p.requests()));
    return out;
  }

  @Override
  public void close() {
    providers.values().forEach(SimulatedProvider::close);
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Best effort: nothing the caller could do about a Vert.x that fails to close.
    }
  }
}
