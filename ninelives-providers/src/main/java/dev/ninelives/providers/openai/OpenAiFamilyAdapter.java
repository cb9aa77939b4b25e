package dev.ninelives.providers.openai;

import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.providers.BodyRewriter;
import dev.ninelives.providers.HeaderLookup;
import dev.ninelives.providers.ScannedRequest;
import dev.ninelives.providers.UpstreamRequest;
import dev.ninelives.providers.UpstreamRequest.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds upstream Chat Completions requests for one provider of the OpenAI family
 * ({@code openai}, {@code openai-compatible}, {@code azure-openai}) when the client also speaks
 * OpenAI: the body is forwarded with only {@code model} replaced.
 *
 * <p>Endpoints, with {@code base_url} including its version segment as the SDKs expect:
 * <ul>
 *   <li>openai, openai-compatible: {@code POST {base_url}/chat/completions}, key as
 *       {@code Authorization: Bearer};
 *   <li>azure-openai with a base URL ending in {@code /v1} (the v1 API):
 *       {@code POST {base_url}/chat/completions}, the deployment name as body model;
 *   <li>azure-openai otherwise (classic):
 *       {@code POST {base_url}/deployments/{model}/chat/completions?api-version=…}, with the
 *       configured {@code api_version} or {@value #DEFAULT_AZURE_API_VERSION};
 *       Azure keys go in {@code api-key}.
 * </ul>
 * Headers, in order: {@code content-type}, {@code accept} ({@code text/event-stream} for a
 * streaming body), the key header when a key is given, then the provider's configured headers.
 * A configured header replaces a default of the same name (so an operator can send an Entra ID
 * {@code Authorization} to Azure), except the key header when a key is given: the key pool is
 * what rotates and gets quarantined, and a fixed header would defeat that.
 *
 * <p>Immutable and thread-safe: build one per provider and share it.
 */
public final class OpenAiFamilyAdapter {
  /** Azure's GA {@code api-version} used when the config sets none. */
  public static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";

  private final ProviderConfig config;
  private final String base;
  private final boolean azure;
  private final boolean azureClassic;
  private final String azureQuery;
  private final String fixedUrl;
  private final List<Header> configHeaders;
  private final List<Secret> knownSecrets;

  public OpenAiFamilyAdapter(ProviderConfig config) {
    if (!config.type().speaksOpenAi()) {
      throw new IllegalArgumentException("provider '" + config.name() + "' has type "
          + config.type().configName() + ", not one of the OpenAI family");
    }
    this.config = config;
    String b = config.baseUrl();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    this.base = b;
    this.azure = config.type() == ProviderType.AZURE_OPENAI;
    this.azureClassic = azure && !b.endsWith("/v1");
    String version = config.apiVersion() == null || config.apiVersion().isBlank()
        ? DEFAULT_AZURE_API_VERSION : config.apiVersion().trim();
    this.azureQuery = "?api-version=" + encodeQueryValue(version);
    this.fixedUrl = azureClassic ? null : b + "/chat/completions";
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
   * @param model the provider's model name (for classic Azure, the deployment)
   * @param key the credential to use, or null for servers that need none
   * @param clientBody the client's Chat Completions body, exactly as scanned
   * @param scan the scan of {@code clientBody}
   */
  public UpstreamRequest prepare(
      String model, Secret key, byte[] clientBody, ScannedRequest scan) {
    return send(model, key, BodyRewriter.withModel(clientBody, scan, model), scan.stream());
  }

  /**
   * The request for a body already in this family's format (translated from another client
   * format), addressed and authenticated like {@link #prepare}.
   *
   * @param model the provider's model name (for classic Azure, the deployment)
   * @param key the credential to use, or null for servers that need none
   * @param body the Chat Completions body, with {@code model} already set
   * @param stream whether the body asks for a stream
   */
  public UpstreamRequest send(String model, Secret key, byte[] body, boolean stream) {
    String url = azureClassic
        ? base + "/deployments/" + encodePathSegment(model) + "/chat/completions" + azureQuery
        : fixedUrl;
    List<Header> headers = new ArrayList<>(4 + configHeaders.size());
    headers.add(new Header("content-type", "application/json"));
    headers.add(new Header("accept", stream ? "text/event-stream" : "application/json"));
    String keyHeader = null;
    if (key != null) {
      keyHeader = azure ? "api-key" : "authorization";
      headers.add(new Header(keyHeader, azure ? key.reveal() : "Bearer " + key.reveal()));
    }
    for (Header h : configHeaders) {
      if (h.name().equals(keyHeader)) {
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
   * values from the message. See {@link OpenAiFamilyErrors#classify}.
   */
  public Classification classify(
      int status, HeaderLookup headers, byte[] body, long nowEpochMillis) {
    return OpenAiFamilyErrors.classify(status, headers, body, nowEpochMillis, knownSecrets);
  }

  /**
   * A stream inspector for one response of this provider, scrubbing its keys and configured
   * header values from error messages.
   */
  public OpenAiStreamInspector newStreamInspector() {
    return new OpenAiStreamInspector(knownSecrets);
  }

  /** Checks a non-streaming 200 from this provider; see {@link OpenAiResponseCheck}. */
  public OpenAiResponseCheck.Result checkResponse(byte[] body) {
    return OpenAiResponseCheck.check(body, knownSecrets);
  }

  /**
   * The secrets this provider is configured with (its keys and extra header values), for
   * scrubbing upstream text. Never log these.
   */
  public List<Secret> knownSecrets() {
    return knownSecrets;
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
   * Percent-encodes one path segment (RFC 3986: only unreserved characters stay literal), so a
   * deployment name can never add path segments; "." and ".." are encoded too, since clients
   * and proxies would otherwise normalize them away.
   */
  static String encodePathSegment(String s) {
    if (s.equals(".") || s.equals("..")) {
      return s.replace(".", "%2E");
    }
    return percentEncode(s);
  }

  private static String encodeQueryValue(String s) {
    return percentEncode(s);
  }

  private static String percentEncode(String s) {
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
