package dev.ninelives.simulator;

import io.vertx.core.http.HttpMethod;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a request goes, by dialect, method and path. Immutable.
 *
 * @param kind what the request asks for
 * @param deployment Azure's deployment from a classic path (it names the model), else null
 */
record Route(Kind kind, String deployment) {

  enum Kind {
    CHAT,
    MODELS,
    /** An Azure classic chat path without {@code api-version}: Azure answers 404. */
    CHAT_WITHOUT_API_VERSION,
    NOT_FOUND
  }

  private static final Pattern AZURE_CLASSIC = Pattern.compile("/openai/deployments/([^/]+)/chat/completions/?");

  static Route of(Dialect dialect, HttpMethod method, String path, String apiVersion) {
    if (dialect == Dialect.AZURE) {
      Matcher m = AZURE_CLASSIC.matcher(path);
      if (m.matches() && method == HttpMethod.POST) {
        return apiVersion == null || apiVersion.isEmpty()
            ? new Route(Kind.CHAT_WITHOUT_API_VERSION, null)
            : new Route(Kind.CHAT, m.group(1));
      }
      return plain(method, path, "/openai/v1");
    }
    return plain(method, path, "/v1");
  }

  private static Route plain(HttpMethod method, String path, String base) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (method == HttpMethod.POST && p.equals(base + "/chat/completions")) {
      return new Route(Kind.CHAT, null);
    }
    if (method == HttpMethod.GET && p.equals(base + "/models")) {
      return new Route(Kind.MODELS, null);
    }
    return new Route(Kind.NOT_FOUND, null);
  }
}
