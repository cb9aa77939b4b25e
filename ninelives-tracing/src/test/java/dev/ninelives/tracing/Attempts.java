package dev.ninelives.tracing;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.Strategy;
import dev.ninelives.core.config.TargetRef;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.policy.Attempt;
import dev.ninelives.core.policy.PolicyEngine;
import dev.ninelives.core.policy.RequestExecution;
import dev.ninelives.core.policy.Step;
import dev.ninelives.core.time.ManualClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real attempts for tracing tests, from a policy engine over two providers: "primary" (an
 * OpenAI-compatible server on 127.0.0.1) and "claude" (Anthropic's public endpoint).
 */
final class Attempts {
  static final String PRIMARY_KEY = "sk-primary-secret-value";
  static final String CLAUDE_KEY = "sk-ant-secret-value";

  final ManualClock clock = new ManualClock();
  private final PolicyEngine engine;
  private final ModelRoute route;

  Attempts() {
    ResilienceConfig resilience = new ResilienceConfig(
        new ResilienceConfig.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(20),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30)),
        new ResilienceConfig.Retries(0, Duration.ofMillis(200), Duration.ofSeconds(10), 0.2, 3,
            Duration.ofSeconds(10)),
        new ResilienceConfig.Breaker(0.5, 0.8, Duration.ofSeconds(10), 4,
            Duration.ofSeconds(60), Duration.ofSeconds(30), 1),
        new ResilienceConfig.Quarantine(Duration.ofSeconds(60), Duration.ofMinutes(10)));
    Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    providers.put("primary", new ProviderConfig("primary", ProviderType.OPENAI_COMPATIBLE,
        "http://127.0.0.1:9101/v1", List.of(Secret.of(PRIMARY_KEY)), null, Map.of()));
    providers.put("claude", new ProviderConfig("claude", ProviderType.ANTHROPIC,
        "https://api.anthropic.com", List.of(Secret.of(CLAUDE_KEY)), null, Map.of()));
    route = new ModelRoute("chat", Strategy.FAILOVER, List.of(TargetRef.of("primary", "m1"),
        TargetRef.of("claude", "claude-sonnet-4-5")), resilience, false);
    engine = new PolicyEngine(new GatewayConfig("127.0.0.1", 0, providers,
        Map.of("chat", route), resilience, GatewayConfig.DEFAULT_MAX_REQUEST_BYTES), clock,
        HealthListener.NONE, () -> 0.5);
  }

  RequestExecution begin(HealthListener requestListener) {
    return engine.begin(route, false, requestListener);
  }

  static Attempt next(RequestExecution execution) {
    Step step = execution.next();
    if (!(step instanceof Step.Go)) {
      throw new AssertionError("expected an attempt, got " + step);
    }
    return ((Step.Go) step).attempt();
  }
}
