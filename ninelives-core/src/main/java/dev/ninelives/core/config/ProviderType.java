package dev.ninelives.core.config;

import java.util.Locale;
import java.util.Optional;

/** The wire families a provider can speak, as written in the config's {@code type:} key. */
public enum ProviderType {
  OPENAI("openai", "https://api.openai.com/v1"),
  OPENAI_COMPATIBLE("openai-compatible", null),
  AZURE_OPENAI("azure-openai", null),
  ANTHROPIC("anthropic", "https://api.anthropic.com"),
  GEMINI("gemini", "https://generativelanguage.googleapis.com");

  private final String configName;
  private final String defaultBaseUrl;

  ProviderType(String configName, String defaultBaseUrl) {
    this.configName = configName;
    this.defaultBaseUrl = defaultBaseUrl;
  }

  /** The spelling used in YAML. */
  public String configName() {
    return configName;
  }

  /** The public endpoint when {@code base_url} is not set, or empty when it must be set. */
  public Optional<String> defaultBaseUrl() {
    return Optional.ofNullable(defaultBaseUrl);
  }

  /** Whether this type speaks the OpenAI Chat Completions format on the wire. */
  public boolean speaksOpenAi() {
    return this == OPENAI || this == OPENAI_COMPATIBLE || this == AZURE_OPENAI;
  }

  public static Optional<ProviderType> fromConfigName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (ProviderType t : values()) {
      if (t.configName.equals(n)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
