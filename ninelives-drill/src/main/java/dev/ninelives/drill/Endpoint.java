package dev.ninelives.drill;

import dev.ninelives.simulator.Dialect;
import java.util.Objects;

/**
 * Where a drill client sends its requests and how: the gateway (OpenAI or Anthropic format, as
 * the request mix says), or one provider directly in its own format, as an application wired
 * straight to it would. Immutable.
 *
 * @param label "gateway" or "direct", as the report names the run
 * @param root the URL requests are built on: the gateway's root, or the provider's base URL as its
 *     SDK takes it (with {@code /v1} for the OpenAI family, the host root for Anthropic and Gemini)
 * @param fixedFormat the only format this endpoint speaks, or null to follow the request mix
 * @param key the credential sent (the gateway holds the providers' keys and ignores this one)
 * @param model the model name requested
 */
public record Endpoint(String label, String root, ClientFormat fixedFormat, String key, String model) {

  /** The Azure OpenAI API version the drill's direct client asks for. */
  static final String AZURE_API_VERSION = "2024-10-21";

  public Endpoint {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(model, "model");
    root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  /** The gateway at {@code root} ({@code http://host:port}), asked for {@code model}. */
  public static Endpoint gateway(String root, String model) {
    return new Endpoint("gateway", root, null, "drill-client", model);
  }

  /** A provider of this dialect at its SDK base URL, with one of its keys. */
  public static Endpoint direct(Dialect dialect, String baseUrl, String key, String model) {
    return new Endpoint("direct", baseUrl, formatOf(dialect), key, model);
  }

  /** The client format that talks to a provider of this dialect. */
  static ClientFormat formatOf(Dialect d) {
    switch (d) {
      case ANTHROPIC:
        return ClientFormat.ANTHROPIC;
      case GEMINI:
        return ClientFormat.GEMINI;
      case AZURE:
        return ClientFormat.AZURE;
      default:
        return ClientFormat.OPENAI;
    }
  }

  /** The format a request goes out in: the endpoint's own, else the one the mix drew. */
  public ClientFormat format(ClientFormat drawn) {
    return fixedFormat != null ? fixedFormat : drawn;
  }

  /** The chat URL for a request in {@code format}. */
  public String url(ClientFormat format, boolean stream) {
    boolean gateway = fixedFormat == null;
    switch (format) {
      case ANTHROPIC:
        return root + "/v1/messages";
      case GEMINI:
        return root + "/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
      case AZURE:
        return root + "/deployments/" + model + "/chat/completions?api-version=" + AZURE_API_VERSION;
      default:
        return root + (gateway ? "/v1" : "") + "/chat/completions";
    }
  }

  /** Header name and value pairs carrying the key, as the format expects them. */
  public String[] headers(ClientFormat format) {
    switch (format) {
      case ANTHROPIC:
        return new String[] {"x-api-key", key, "anthropic-version", "2023-06-01"};
      case GEMINI:
        return new String[] {"x-goog-api-key", key};
      case AZURE:
        return new String[] {"api-key", key};
      default:
        return new String[] {"authorization", "Bearer " + key};
    }
  }
}
