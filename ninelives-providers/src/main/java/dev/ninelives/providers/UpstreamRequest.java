package dev.ninelives.providers;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One HTTP request for the relay to send upstream, built by a provider adapter.
 *
 * <p>{@link #toString()} never shows a credential: header values are shown only for a few
 * harmless names (content-type, accept, …) and the body only by size, since it holds the user's
 * prompt.
 *
 * <p>Immutable apart from {@code body}, which is not copied (it can be megabytes): neither the
 * adapter nor the relay modifies it after building the request. Safe to share between threads.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param url the absolute URL, query included
 * @param headers the headers in sending order; names are lower case
 * @param body the body bytes
 */
public record UpstreamRequest(String method, String url, List<Header> headers, byte[] body) {
  private static final Set<String> SHOWN_HEADERS = Set.of(
      "content-type", "accept", "accept-encoding", "user-agent", "anthropic-version",
      "anthropic-beta");
  private static final Set<String> SHOWN_QUERY_PARAMS = Set.of("api-version", "alt");

  public UpstreamRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /**
   * One header. Its {@code toString} hides the value unless the name is known to be harmless.
   *
   * @param name the header name, lower case
   * @param value the value, possibly a credential
   */
  public record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return name + ": " + (SHOWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))
          ? value : Redactor.REDACTED);
    }
  }

  /** The value of the first header named {@code name} (any case), or null. */
  public String header(String name) {
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return h.value();
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpstreamRequest
        && ((UpstreamRequest) o).method.equals(method)
        && ((UpstreamRequest) o).url.equals(url)
        && ((UpstreamRequest) o).headers.equals(headers)
        && Arrays.equals(((UpstreamRequest) o).body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, url, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "UpstreamRequest[" + method + " " + shownUrl() + ", headers=" + headers + ", body="
        + body.length + " bytes]";
  }

  // Query strings can carry keys (Gemini's ?key=, signed URLs), so only values of known
  // harmless parameters are shown.
  private String shownUrl() {
    int q = url.indexOf('?');
    if (q < 0) {
      return url;
    }
    StringBuilder b = new StringBuilder(url.length()).append(url, 0, q + 1);
    String[] params = url.substring(q + 1).split("&", -1);
    for (int i = 0; i < params.length; i++) {
      if (i > 0) {
        b.append('&');
      }
      String p = params[i];
      int eq = p.indexOf('=');
      String name = eq < 0 ? p : p.substring(0, eq);
      boolean shown = eq < 0 || SHOWN_QUERY_PARAMS.contains(name.toLowerCase(Locale.ROOT));
      b.append(shown ? p : name + "=" + Redactor.REDACTED);
    }
    return b.toString();
  }
}
