package dev.ninelives.providers.gemini;

import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.providers.HeaderLookup;
import dev.ninelives.providers.UpstreamRequest;
import dev.ninelives.providers.UpstreamRequest.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds upstream requests for one provider of type {@code gemini} (the Gemini Developer API,
 * {@code generativelanguage.googleapis.com}) and classifies its failures.
 *
 * <p>Endpoints, with {@code base_url} the host root as Google's SDKs take it:
 * <ul>
 *   <li>{@code POST {base_url}/v1beta/models/{model}:generateContent};
 *   <li>{@code POST {base_url}/v1beta/models/{model}:streamGenerateContent?alt=sse} for a
 *       stream (without {@code alt=sse} Gemini streams one JSON array instead of events).
 * </ul>
 * A base URL that already ends in an API version ({@code /v1beta}, {@code /v1},
 * {@code /v1alpha}) is used as it is instead of getting {@code /v1beta} appended. The model may
 * be written as Gemini names resources: a leading {@code models/} is dropped, and
 * {@code tunedModels/{id}} addresses a tuned model; anything else is percent-encoded into one
 * path segment, so a model name can never add path segments.
 *
 * <p>Headers, in order: {@code content-type}, {@code accept} ({@code text/event-stream} for a
 * stream), {@code x-goog-api-key} when a key is given, then the provider's configured headers
 * (replacing a default of the same name, except the key header: the key pool is what rotates and
 * gets quarantined). The key never goes in the query string ({@code ?key=}), since URLs end up
 * in access logs and traces.
 *
 * <p>Immutable and thread-safe: build one per provider and share it.
 */
public final class GeminiAdapter {
  /** The API version added to a base URL that names none. */
  public static final String DEFAULT_API_VERSION = "v1beta";
  /** The header that carries the API key, as Google's SDKs send it. */
  public static final String KEY_HEADER = "x-goog-api-key";

  private final ProviderConfig config;
  private final String apiBase;
  private final List<Header> configHeaders;
  private final List<Secret> knownSecrets;

  /** @throws IllegalArgumentException when the provider is not of type {@code gemini} */
  public GeminiAdapter(ProviderConfig config) {
    if (config.type() != ProviderType.GEMINI) {
      throw new IllegalArgumentException("provider '" + config.name() + "' has type "
          + config.type().configName() + ", not gemini");
    }
    this.config = config;
    String b = config.baseUrl();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    this.apiBase = b.endsWith("/v1beta") || b.endsWith("/v1") || b.endsWith("/v1alpha")
        ? b : b + "/" + DEFAULT_API_VERSION;
    // Sorted so the header order does not depend on the map's iteration order.
    List<Header> hs = new ArrayList<>();
    List<Secret> secrets = new ArrayList<>(config.apiKeys());
    for (Map.Entry<String, String> e : new TreeMap<>(config.headers()).entrySet()) {
      hs.add(new Header(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
      secrets.add(Secret.of(e.getValue()));
    }
    this.configHeaders = List.copyOf(hs);
    this.knownSecrets = List.copyOf(secrets);
  }

  /** The provider this adapter sends to. */
  public ProviderConfig config() {
    return config;
  }

  /**
   * The request to send for one attempt.
   *
   * @param model the provider's model name, e.g. {@code gemini-2.5-pro} or
   *     {@code models/gemini-2.5-pro}
   * @param key the credential to use, or null for a server that needs none (a local fake)
   * @param body the {@code GenerateContentRequest} body, e.g. from {@link GeminiRequestEncoder}
   * @param stream whether to ask for a server-sent event stream
   * @throws IllegalArgumentException when the model name is empty
   */
  public UpstreamRequest prepare(String model, Secret key, byte[] body, boolean stream) {
    String url = apiBase + "/" + modelPath(model)
        + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    List<Header> headers = new ArrayList<>(3 + configHeaders.size());
    headers.add(new Header("content-type", "application/json"));
    headers.add(new Header("accept", stream ? "text/event-stream" : "application/json"));
    if (key != null) {
      headers.add(new Header(KEY_HEADER, key.reveal()));
    }
    for (Header h : configHeaders) {
      if (key != null && h.name().equals(KEY_HEADER)) {
        continue;
      }
      int existing = indexOf(headers, h.name());
      if (existing >= 0) {
        headers.set(existing, h);
      } else {
        headers.add(h);
      }
    }
    return new UpstreamRequest("POST", url, headers, body);
  }

  /**
   * Classifies a failed response from this provider, scrubbing its keys and configured header
   * values from the message. See {@link GeminiErrors#classify}.
   */
  public Classification classify(
      int status, HeaderLookup headers, byte[] body, long nowEpochMillis) {
    return GeminiErrors.classify(status, headers, body, nowEpochMillis, knownSecrets);
  }

  /** A decoder for one stream from this provider, scrubbing its secrets from error messages. */
  public GeminiStreamDecoder newStreamDecoder(String model) {
    return new GeminiStreamDecoder(displayName(model), knownSecrets);
  }

  /** A decoder for complete answers from this provider to requests for {@code model}. */
  public GeminiResponseDecoder responseDecoder(String model) {
    return new GeminiResponseDecoder(displayName(model), knownSecrets);
  }

  /**
   * The secrets this provider is configured with (its keys and extra header values), for
   * scrubbing upstream text. Never log these.
   */
  public List<Secret> knownSecrets() {
    return knownSecrets;
  }

  /** The URL path of a model resource, relative to the API version: {@code models/{id}}. */
  static String modelPath(String model) {
    Objects.requireNonNull(model, "model");
    String collection = "models/";
    String id = model;
    if (id.startsWith("models/")) {
      id = id.substring("models/".length());
    } else if (id.startsWith("tunedModels/")) {
      collection = "tunedModels/";
      id = id.substring("tunedModels/".length());
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException("empty Gemini model name '" + model + "'");
    }
    return collection + encodePathSegment(id);
  }

  private static String displayName(String model) {
    return model.startsWith("models/") ? model.substring("models/".length()) : model;
  }

  private static int indexOf(List<Header> headers, String name) {
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Percent-encodes one path segment (RFC 3986: only unreserved characters stay literal); "."
   * and ".." are encoded too, since clients and proxies would otherwise normalize them away.
   */
  static String encodePathSegment(String s) {
    if (s.equals(".") || s.equals("..")) {
      return s.replace(".", "%2E");
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(bytes.length + 8);
    for (byte x : bytes) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }
}
