package dev.ninelives.simulator;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One request as a simulated provider received it. Immutable.
 *
 * @param method HTTP method, e.g. {@code POST}
 * @param path path without the query, e.g. {@code /v1/chat/completions}
 * @param query the raw query string without {@code ?}; empty when there is none
 * @param headers request headers with lower-case names; repeated headers joined with {@code ", "}
 * @param body the body as UTF-8 text; empty when there is none
 * @param key the credential seen: the {@code Authorization: Bearer} token, or first Azure's {@code
 *     api-key} or Anthropic's {@code x-api-key} header; for Gemini the {@code x-goog-api-key}
 *     header, else the {@code key} query parameter; null when the request carried none
 */
public record RecordedRequest(
    String method, String path, String query, Map<String, String> headers, String body, String key) {

  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = query == null ? "" : query;
    headers = Map.copyOf(headers);
    body = body == null ? "" : body;
  }

  /** The header's value, looked up case-insensitively; null when absent. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
