package dev.ninelives.core.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One upstream provider: how to reach it and with which credentials.
 *
 * @param name the key under {@code providers:}
 * @param type the wire family
 * @param baseUrl the base URL following the provider SDK's own convention (with the version
 *     segment for the OpenAI family, the host root for Anthropic and Gemini), never null: the
 *     loader fills in the type's default
 * @param apiKeys the key pool, in configured order; empty for servers that need no key
 * @param apiVersion Azure OpenAI's {@code api-version} query value, or null
 * @param headers extra headers sent with every upstream request (values may be secrets in
 *     practice, so they are never logged)
 */
public record ProviderConfig(
    String name,
    ProviderType type,
    String baseUrl,
    List<Secret> apiKeys,
    String apiVersion,
    Map<String, String> headers) {

  public ProviderConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(baseUrl, "baseUrl");
    apiKeys = List.copyOf(apiKeys);
    headers = Map.copyOf(headers);
  }

  @Override
  public String toString() {
    return "ProviderConfig[" + name + ", " + type.configName() + ", " + baseUrl + ", "
        + apiKeys.size() + " key(s)]";
  }
}
