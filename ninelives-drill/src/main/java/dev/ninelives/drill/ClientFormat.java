package dev.ninelives.drill;

import java.util.Locale;

/**
 * The API format a drill client speaks. Through the gateway, clients speak OpenAI's or
 * Anthropic's format; a client wired straight to a provider speaks that provider's own.
 */
public enum ClientFormat {
  OPENAI,
  ANTHROPIC,
  GEMINI,
  AZURE;

  /** The lower-case name used in scenario files and reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the formats the gateway accepts from clients. */
  public boolean gatewayIngress() {
    return this == OPENAI || this == ANTHROPIC;
  }
}
