package dev.ninelives.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.Strategy;
import dev.ninelives.core.config.TargetRef;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A request's own listener (its trace) hears that request's decisions and no other's. */
class RequestListenerTest {
  private final ManualClock clock = new ManualClock();
  private final List<String> engineFailovers = new ArrayList<>();
  private final ResilienceConfig resilience = new ResilienceConfig(
      new ResilienceConfig.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(20),
          Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30)),
      new ResilienceConfig.Retries(2, Duration.ofMillis(200), Duration.ofSeconds(10), 0.2, 3,
          Duration.ofSeconds(10)),
      new ResilienceConfig.Breaker(0.5, 0.8, Duration.ofSeconds(10), 4, Duration.ofSeconds(60),
          Duration.ofSeconds(30), 1),
      new ResilienceConfig.Quarantine(Duration.ofSeconds(60), Duration.ofMinutes(10)));
  private final ModelRoute route = new ModelRoute("chat", Strategy.FAILOVER,
      List.of(TargetRef.of("p1", "m"), TargetRef.of("p2", "m"), TargetRef.of("p3", "m")),
      resilience, false);
  private final PolicyEngine engine;

  RequestListenerTest() {
    Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    for (String name : List.of("p1", "p2", "p3")) {
      providers.put(name, new ProviderConfig(name, ProviderType.OPENAI_COMPATIBLE,
          "http://127.0.0.1:1/v1", List.of(Secret.of("k-" + name)), null, Map.of()));
    }
    HealthListener gatewayWide = new HealthListener() {
      @Override
      public void onFailover(String r, String from, String to, String reason) {
        engineFailovers.add(from + "->" + to);
      }
    };
    engine = new PolicyEngine(new GatewayConfig("127.0.0.1", 0, providers, Map.of("chat", route),
        resilience, GatewayConfig.DEFAULT_MAX_REQUEST_BYTES), clock, gatewayWide, () -> 0.5);
  }

  private static Attempt go(Step step) {
    assertThat(step).isInstanceOf(Step.Go.class);
    return ((Step.Go) step).attempt();
  }

  private static AttemptResult timeout() {
    return new AttemptResult(OutcomeClass.TIMEOUT, 0, null, "timed out", -1, 1_000_000, false);
  }

  @Test
  void skipsAttemptsAndFailoversOfOneRequestReachItsListenerAndTheEnginesToo() {
    for (int i = 0; i < 4; i++) { // four timeouts of other requests open p1's breaker
      RequestExecution other = engine.begin(route, false);
      other.record(go(other.next()), timeout());
    }
    engineFailovers.clear();
    List<String> heard = new ArrayList<>();
    HealthListener own = new HealthListener() {
      @Override
      public void onAttempt(String r, AttemptRecord record) {
        heard.add(record.target() + " " + record.outcome());
      }

      @Override
      public void onFailover(String r, String from, String to, String reason) {
        heard.add(from + "->" + to + " (" + reason + ")");
      }
    };
    RequestExecution neighbour = engine.begin(route, false);
    RequestExecution mine = engine.begin(route, false, own);

    Attempt first = go(mine.next());
    mine.record(first, timeout());
    Attempt second = go(mine.next());
    neighbour.record(go(neighbour.next()), timeout());
    go(neighbour.next());

    assertThat(first.target().id()).isEqualTo("p2/m");
    assertThat(second.target().id()).isEqualTo("p3/m");
    assertThat(heard).containsExactly("p1/m breaker-open", "p2/m timeout",
        "p2/m->p3/m (timeout)");
    assertThat(engineFailovers).containsExactly("p2/m->p3/m", "p2/m->p3/m");
  }

  @Test
  void withoutARequestListenerTheExecutionUsesTheEngineListenerAsItIs() {
    RequestExecution ex = engine.begin(route, false, HealthListener.NONE);
    ex.record(go(ex.next()), timeout());
    go(ex.next());

    assertThat(engineFailovers).containsExactly("p1/m->p2/m");
  }
}
