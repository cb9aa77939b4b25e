package dev.ninelives.tracing;

import dev.ninelives.core.config.ProviderConfig;
import java.net.URI;
import java.util.Locale;

/**
 * What an attempt span says about the provider it calls: the GenAI provider name and the
 * server's address and port, worked out once per provider from its configuration. Immutable.
 *
 * @param providerName the {@code gen_ai.provider.name} value
 * @param host the server's host, or null if the base URL has none
 * @param port the server's port (the scheme's default when the URL gives none), or -1
 */
record Upstream(String providerName, String host, int port) {

  /** Hosts of OpenAI-compatible services the conventions name; anything else is "openai". */
  private static final String[][] COMPATIBLE_HOSTS = {
      {"groq.com", "groq"},
      {"deepseek.com", "deepseek"},
      {"mistral.ai", "mistral_ai"},
      {"x.ai", "x_ai"},
      {"perplexity.ai", "perplexity"},
  };

  static Upstream of(ProviderConfig provider) {
    String host = null;
    int port = -1;
    try {
      // Only host and port are kept: a base URL may carry credentials in its user part.
      URI uri = URI.create(provider.baseUrl());
      host = uri.getHost();
      port = uri.getPort();
      if (port < 0 && uri.getScheme() != null) {
        port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      }
    } catch (IllegalArgumentException e) {
      // The loader validated the URL; a hand-built config without one still gets a span.
    }
    return new Upstream(providerName(provider, host), host, port);
  }

  private static String providerName(ProviderConfig provider, String host) {
    switch (provider.type()) {
      case OPENAI:
        return "openai";
      case AZURE_OPENAI:
        return "azure.ai.openai";
      case ANTHROPIC:
        return "anthropic";
      case GEMINI:
        return "gcp.gemini";
      default:
        // An OpenAI-compatible server speaks OpenAI's format; the conventions name a few of
        // the services that offer one, by host.
        if (host != null) {
          String h = host.toLowerCase(Locale.ROOT);
          for (String[] known : COMPATIBLE_HOSTS) {
            if (h.equals(known[0]) || h.endsWith("." + known[0])) {
              return known[1];
            }
          }
        }
        return "openai";
    }
  }
}
