package dev.ninelives.core.config;

import java.util.Objects;

/**
 * One entry of a route's {@code targets:} list: a model at a provider.
 *
 * @param provider the provider's name under {@code providers:}
 * @param model the model name as the provider knows it (for Azure OpenAI, the deployment)
 * @param weight relative share of traffic under the {@code weighted} strategy (≥ 1)
 * @param largerContext whether this target takes requests that overflowed an earlier target's
 *     context window (a {@code 400 context length exceeded} fails over only to such targets)
 */
public record TargetRef(String provider, String model, int weight, boolean largerContext) {

  public TargetRef {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be at least 1, but was " + weight);
    }
  }

  public static TargetRef of(String provider, String model) {
    return new TargetRef(provider, model, 1, false);
  }

  /** {@code provider/model}, the name used in headers, metrics and the status page. */
  public String id() {
    return provider + "/" + model;
  }

  @Override
  public String toString() {
    return id();
  }
}
