package dev.ninelives.core.config;

import java.util.List;
import java.util.Objects;

/**
 * A model name clients can send, and the chain of targets that serve it.
 *
 * @param name the alias under {@code models:}, or {@code provider/model} for a direct route
 * @param strategy how targets are ordered per request
 * @param targets the targets, at least one
 * @param resilience the effective policy: global defaults with this route's overrides applied
 * @param failoverOnContentPolicy whether a content-policy rejection may be retried on the next
 *     target (off by default: the caller usually wants to know)
 */
public record ModelRoute(
    String name,
    Strategy strategy,
    List<TargetRef> targets,
    ResilienceConfig resilience,
    boolean failoverOnContentPolicy) {

  public ModelRoute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(resilience, "resilience");
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("route '" + name + "' needs at least one target");
    }
  }
}
