package dev.ninelives.providers.anthropic;

import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.providers.BodyRewriter;
import dev.ninelives.providers.HeaderLookup;
import dev.ninelives.providers.ScannedRequest;
import dev.ninelives.providers.UpstreamRequest;
import dev.ninelives.providers.UpstreamRequest.Header;
import dev.ninelives.providers.codec.TranslationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds upstream requests for one provider of type {@code anthropic}:
 * {@code POST {base_url}/v1/messages}, with {@code base_url} the host root as Anthropic's SDKs
 * take it ({@code https://api.anthropic.com}; a trailing {@code /v1} is tolerated and not
 * doubled).
 *
 * <p>Headers, in order: {@code content-type}, {@code accept} ({@code text/event-stream} for a
 * stream), {@code x-api-key} when a key is given, {@code anthropic-version: }{@value #API_VERSION},
 * then the provider's configured headers (e.g. {@code anthropic-beta}). A configured header
 * replaces a default of the same name, so an operator can pin another
 * {@code anthropic-version}, except {@code x-api-key} when a key is given: the key pool is what
 * rotates and gets quarantined, and a fixed header would defeat that.
 *
 * <p>The version is the one the Messages API documents as required and every Anthropic SDK
 * accepts; the gateway does not forward the client's {@code anthropic-version}, since the body
 * it sends was checked against this version's schema (or is the client's own, which newer
 * versions keep accepting).
 *
 * <p>Immutable and thread-safe: build one per provider and share it.
 */
public final class AnthropicAdapter {
  /** The {@code anthropic-version} sent unless the provider's headers set another. */
  public static final String API_VERSION = "2023-06-01";

  private final ProviderConfig config;
  private final String url;
  private final List<Header> configHeaders;
  private final List<Secret> knownSecrets;
  private final AnthropicResponseDecoder answerCheck;

  /**
   * @throws IllegalArgumentException when the provider is not of type {@code anthropic}
   */
  public AnthropicAdapter(ProviderConfig config) {
    if (config.type() != ProviderType.ANTHROPIC) {
      throw new IllegalArgumentException("provider '" + config.name() + "' has type "
          + config.type().configName() + ", not anthropic");
    }
    this.config = config;
    String b = config.baseUrl();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    if (b.endsWith("/v1")) {
      b = b.substring(0, b.length() - 3);
    }
    this.url = b + "/v1/messages";
    // Sorted so the header order does not depend on the map's iteration order.
    List<Header> hs = new ArrayList<>();
    List<Secret> secrets = new ArrayList<>(config.apiKeys());
    for (Map.Entry<String, String> e : new TreeMap<>(config.headers()).entrySet()) {
      hs.add(new Header(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
      secrets.add(Secret.of(e.getValue()));
    }
    this.configHeaders = List.copyOf(hs);
    this.knownSecrets = List.copyOf(secrets);
    this.answerCheck = new AnthropicResponseDecoder(knownSecrets);
  }

  /** The provider this adapter sends to. */
  public ProviderConfig config() {
    return config;
  }

  /** The Messages endpoint, {@code {base_url}/v1/messages}. */
  public String url() {
    return url;
  }

  /**
   * The request for one attempt whose body is already final: encoded by
   * {@link AnthropicRequestEncoder} for {@code model}, or rewritten by {@link BodyRewriter}.
   *
   * @param model the provider's model name, which Anthropic reads from the body (it is not
   *     part of the URL); must not be empty
   * @param key the credential, or null for an endpoint that needs none (a local simulator, or
   *     one whose auth header is configured)
   * @param body the Messages body, sent as is (not copied)
   * @param stream whether the body asks for a stream (it decides the {@code accept} header)
   */
  public UpstreamRequest prepare(String model, Secret key, byte[] body, boolean stream) {
    Objects.requireNonNull(model, "model");
    if (model.isEmpty()) {
      throw new IllegalArgumentException("model must not be empty");
    }
    List<Header> headers = new ArrayList<>(4 + configHeaders.size());
    headers.add(new Header("content-type", "application/json"));
    headers.add(new Header("accept", stream ? "text/event-stream" : "application/json"));
    if (key != null) {
      headers.add(new Header("x-api-key", key.reveal()));
    }
    headers.add(new Header("anthropic-version", API_VERSION));
    for (Header h : configHeaders) {
      if (key != null && h.name().equals("x-api-key")) {
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
   * The request for one attempt on the same-format fast path: the Anthropic client's body with
   * only {@code model} replaced.
   *
   * @param clientBody the client's Messages body, exactly as scanned
   * @param scan the scan of {@code clientBody} by {@link AnthropicRequestScanner}
   */
  public UpstreamRequest prepare(String model, Secret key, byte[] clientBody,
      ScannedRequest scan) {
    return prepare(model, key, BodyRewriter.withModel(clientBody, scan, model), scan.stream());
  }

  /**
   * Classifies a failed response from this provider, scrubbing its keys and configured header
   * values from the message. See {@link AnthropicErrors#classify}.
   */
  public Classification classify(
      int status, HeaderLookup headers, byte[] body, long nowEpochMillis) {
    return AnthropicErrors.classify(status, headers, body, nowEpochMillis, knownSecrets);
  }

  /** A stream inspector for one response of this provider, scrubbing its secrets. */
  public AnthropicStreamInspector newStreamInspector() {
    return new AnthropicStreamInspector(knownSecrets);
  }

  /** A stream decoder for one response of this provider, scrubbing its secrets. */
  public AnthropicStreamDecoder newStreamDecoder() {
    return new AnthropicStreamDecoder(knownSecrets);
  }

  /** A response decoder scrubbing this provider's secrets from error-object messages. */
  public AnthropicResponseDecoder responseDecoder() {
    return answerCheck;
  }

  /**
   * Judges a complete non-streaming 200 answer: null when usable, else why not (empty,
   * malformed, an error object, no content); the attempt then counts as degraded.
   */
  public String problemWithAnswer(byte[] body) {
    try {
      answerCheck.decode(body);
      return null;
    } catch (TranslationException e) {
      return e.getMessage();
    }
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
}
