package dev.ninelives.core.policy;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.Strategy;
import dev.ninelives.core.config.TargetRef;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.retry.Backoff;
import dev.ninelives.core.routing.Target;
import dev.ninelives.core.routing.TargetRegistry;
import dev.ninelives.core.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The gateway's policy engine: turns a route into a per-request plan of targets and hands out
 * a {@link RequestExecution} that decides every attempt, retry and failover of one request,
 * streaming or not.
 *
 * <p>Thread-safe: one engine serves all requests; each execution is confined to its request.
 */
public final class PolicyEngine {
  private final GatewayConfig config;
  private final Clock clock;
  private final HealthListener listener;
  private final DoubleSupplier random;
  private final TargetRegistry registry;

  /**
   * @param random uniform values in [0, 1) for jitter and weighted choice; must be
   *     thread-safe ({@code () -> ThreadLocalRandom.current().nextDouble()} in production)
   */
  public PolicyEngine(GatewayConfig config, Clock clock, HealthListener listener,
      DoubleSupplier random) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.random = Objects.requireNonNull(random, "random");
    this.registry = new TargetRegistry(config, clock, listener);
  }

  public GatewayConfig config() {
    return config;
  }

  public TargetRegistry registry() {
    return registry;
  }

  public Clock clock() {
    return clock;
  }

  /** Where the engine publishes its events; the relay publishes request summaries there too. */
  public HealthListener listener() {
    return listener;
  }

  /** The route for a model name sent by a client: an alias, or a direct provider/model. */
  public Optional<ModelRoute> route(String model) {
    return config.route(model);
  }

  /** Starts the policy for one request; its deadline starts now. */
  public RequestExecution begin(ModelRoute route, boolean streaming) {
    return begin(route, streaming, HealthListener.NONE);
  }

  /**
   * Starts the policy for one request whose attempts, skipped targets and failovers also go to
   * {@code requestListener} (the request's own trace), after the engine's listener. Health
   * events carry no request identity, so this is how one request's decisions reach it alone.
   */
  public RequestExecution begin(ModelRoute route, boolean streaming,
      HealthListener requestListener) {
    var r = route.resilience().retries();
    Backoff backoff = new Backoff(r.backoff(), r.maxBackoff(), random);
    return new RequestExecution(route, plan(route), streaming, clock, backoff,
        dev.ninelives.core.health.TeeListener.of(listener, requestListener));
  }

  /**
   * The order in which one request tries the route's targets. Failover: configured order.
   * Weighted: the first target drawn by weight, then the others in configured order, so every
   * target still backs up the rest.
   */
  List<Target> plan(ModelRoute route) {
    List<TargetRef> refs = route.targets();
    List<Target> plan = new ArrayList<>(refs.size());
    int first = 0;
    if (route.strategy() == Strategy.WEIGHTED && refs.size() > 1) {
      first = drawByWeight(refs);
    }
    plan.add(registry.target(refs.get(first)));
    for (int i = 0; i < refs.size(); i++) {
      if (i != first) {
        plan.add(registry.target(refs.get(i)));
      }
    }
    return plan;
  }

  private int drawByWeight(List<TargetRef> refs) {
    long total = 0;
    for (TargetRef t : refs) {
      total += t.weight();
    }
    double x = random.getAsDouble() * total;
    for (int i = 0; i < refs.size(); i++) {
      x -= refs.get(i).weight();
      if (x < 0) {
        return i;
      }
    }
    return refs.size() - 1;
  }
}
