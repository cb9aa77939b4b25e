package dev.ninelives.simulator;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A running {@link SimScenario}: its providers, started in scenario order on one shared Vert.x
 * instance that the simulation owns.
 *
 * <p>Thread-safe: the provider list is fixed at start, and providers are thread-safe themselves.
 */
public final class Simulation implements AutoCloseable {
  private final SimScenario scenario;
  private final Vertx vertx;
  private final List<SimulatedProvider> providers;

  private Simulation(SimScenario scenario, Vertx vertx, List<SimulatedProvider> providers) {
    this.scenario = scenario;
    this.vertx = vertx;
    this.providers = List.copyOf(providers);
  }

  /**
   * Starts every provider of the scenario. Providers without a port of their own get {@code
   * basePort}, {@code basePort + 1}, ... in scenario order; a {@code basePort} of 0 gives them free
   * ports. If any provider cannot start, the ones already started are closed and an
   * IllegalStateException names the provider and port.
   */
  public static Simulation start(SimScenario scenario, int basePort) {
    Objects.requireNonNull(scenario, "scenario");
    long portless = scenario.providers().stream().filter(p -> p.port().isEmpty()).count();
    if (basePort < 0 || (basePort > 0 && basePort + portless - 1 > 65535)) {
      throw new IllegalArgumentException(
          "base port " + basePort + " leaves no room for " + portless + " providers below 65536");
    }
    Vertx vertx = Vertx.vertx();
    List<SimulatedProvider> started = new ArrayList<>();
    int next = basePort;
    try {
      for (SimScenario.ProviderSpec spec : scenario.providers()) {
        int port;
        if (spec.port().isPresent()) {
          port = spec.port().getAsInt();
        } else {
          port = next;
          next = basePort == 0 ? 0 : next + 1;
        }
        try {
          started.add(spec.builder().port(port).vertx(vertx).start());
        } catch (RuntimeException e) {
          throw new IllegalStateException(
              "provider '" + spec.name() + "' could not start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
      }
    } catch (RuntimeException e) {
      started.forEach(SimulatedProvider::close);
      closeQuietly(vertx);
      throw e;
    }
    return new Simulation(scenario, vertx, started);
  }

  public SimScenario scenario() {
    return scenario;
  }

  /** The providers, in scenario order. */
  public List<SimulatedProvider> providers() {
    return providers;
  }

  /** The provider of that name; IllegalArgumentException if the scenario has none. */
  public SimulatedProvider provider(String name) {
    return providers.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no provider '" + name + "' in scenario " + scenario.name()));
  }

  /** Closes every provider, then the shared Vert.x instance. */
  @Override
  public void close() {
    providers.forEach(SimulatedProvider::close);
    closeQuietly(vertx);
  }

  private static void closeQuietly(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Best effort: a Vert.x that fails to close leaves nothing the caller could act on.
    }
  }
}
