package dev.ninelives.core.config;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code tracing:} section: OpenTelemetry traces exported over OTLP. Off unless the section
 * is present and enabled, so a gateway never sends anything anywhere unasked.
 *
 * <p>Immutable and thread-safe. Header values are {@link Secret}s because collectors are often
 * authenticated with a token in a header.
 *
 * @param enabled whether spans are recorded and exported
 * @param endpoint the OTLP/HTTP traces endpoint, such as {@code http://127.0.0.1:4318/v1/traces}
 * @param headers extra headers sent with every export
 * @param serviceName the {@code service.name} resource attribute
 * @param sampleRatio the share of new traces recorded, 0..1 (a sampled parent always wins)
 * @param captureContent whether prompts and answers are attached to spans; off by default
 *     because they may hold personal data
 */
public record TracingConfig(
    boolean enabled,
    URI endpoint,
    Map<String, Secret> headers,
    String serviceName,
    double sampleRatio,
    boolean captureContent) {

  public static final URI DEFAULT_ENDPOINT = URI.create("http://127.0.0.1:4318/v1/traces");
  public static final String DEFAULT_SERVICE_NAME = "ninelives";

  /** Tracing switched off: what a configuration without a {@code tracing:} section gets. */
  public static final TracingConfig OFF =
      new TracingConfig(false, DEFAULT_ENDPOINT, Map.of(), DEFAULT_SERVICE_NAME, 1.0, false);

  public TracingConfig {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(serviceName, "serviceName");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
      throw new IllegalArgumentException("sample ratio must be 0..1, but was " + sampleRatio);
    }
  }
}
