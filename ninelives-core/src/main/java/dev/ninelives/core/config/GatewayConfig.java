package dev.ninelives.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated gateway configuration. Immutable; a reload builds a new one.
 *
 * @param host the address to listen on
 * @param port the port to listen on (0 picks a free one)
 * @param providers providers by name, in configured order
 * @param models routes by alias, in configured order
 * @param resilience the global defaults (each route holds its effective copy)
 * @param maxRequestBytes the largest request body accepted; larger ones get a 413
 * @param tracing OpenTelemetry export, {@link TracingConfig#OFF} unless configured
 * @param uptime where the uptime history is kept and the objective it is reported against
 */
public record GatewayConfig(
    String host,
    int port,
    Map<String, ProviderConfig> providers,
    Map<String, ModelRoute> models,
    ResilienceConfig resilience,
    long maxRequestBytes,
    TracingConfig tracing,
    UptimeConfig uptime) {

  /** The default cap on request bodies: large enough for several base64 images. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;

  public GatewayConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(resilience, "resilience");
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(uptime, "uptime");
    providers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, but was " + port);
    }
  }

  /** A configuration without tracing, and with the uptime history in memory only. */
  public GatewayConfig(String host, int port, Map<String, ProviderConfig> providers,
      Map<String, ModelRoute> models, ResilienceConfig resilience, long maxRequestBytes) {
    this(host, port, providers, models, resilience, maxRequestBytes, TracingConfig.OFF,
        UptimeConfig.DEFAULTS);
  }

  /** This configuration listening on another port (0 picks a free one). */
  public GatewayConfig withPort(int newPort) {
    return new GatewayConfig(host, newPort, providers, models, resilience, maxRequestBytes,
        tracing, uptime);
  }

  /**
   * The route for a model name a client sent: an alias from {@code models:}, or a direct
   * {@code provider/model} at a configured provider (which gets the global resilience policy).
   */
  public Optional<ModelRoute> route(String model) {
    ModelRoute alias = models.get(model);
    if (alias != null) {
      return Optional.of(alias);
    }
    int slash = model.indexOf('/');
    if (slash <= 0 || slash == model.length() - 1) {
      return Optional.empty();
    }
    String provider = model.substring(0, slash);
    if (!providers.containsKey(provider)) {
      return Optional.empty();
    }
    TargetRef direct = TargetRef.of(provider, model.substring(slash + 1));
    return Optional.of(new ModelRoute(model, Strategy.FAILOVER, java.util.List.of(direct),
        resilience, false));
  }
}
