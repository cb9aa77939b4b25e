package dev.ninelives.simulator;

import io.vertx.core.http.HttpMethod;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a request goes, by dialect, method, path and query. Immutable.
 *
 * @param kind what the request asks for
 * @param model the model named by the path, which replaces the body's: Azure's deployment on a
 *     classic path, Gemini's {@code models/{model}}; else null
 * @param streamByPath true when the path itself asks for a stream (Gemini's {@code
 *     :streamGenerateContent}); the OpenAI family and Anthropic ask with {@code "stream": true}
 * @param sse for a Gemini stream, whether {@code alt=sse} asked for server-sent events rather than
 *     one JSON array delivered piece by piece
 */
record Route(Kind kind, String model, boolean streamByPath, boolean sse) {

  enum Kind {
    CHAT,
    MODELS,
    /** An Azure classic chat path without {@code api-version}: Azure answers 404. */
    CHAT_WITHOUT_API_VERSION,
    NOT_FOUND
  }

  private static final Pattern AZURE_CLASSIC = Pattern.compile("/openai/deployments/([^/]+)/chat/completions/?");
  /** Both API versions the Gemini SDKs can be set to; the model is one path segment. */
  private static final Pattern GEMINI_CHAT =
      Pattern.compile("/(?:v1beta|v1)/models/([^/:]+):(generateContent|streamGenerateContent)");
  private static final Pattern GEMINI_MODELS = Pattern.compile("/(?:v1beta|v1)/models/?");

  /**
   * @param apiVersion Azure's {@code api-version} query parameter, or null
   * @param alt Gemini's {@code alt} query parameter, which chooses the stream framing, or null
   */
  static Route of(Dialect dialect, HttpMethod method, String path, String apiVersion, String alt) {
    switch (dialect) {
      case AZURE: {
        Matcher m = AZURE_CLASSIC.matcher(path);
        if (m.matches() && method == HttpMethod.POST) {
          return apiVersion == null || apiVersion.isEmpty()
              ? simple(Kind.CHAT_WITHOUT_API_VERSION)
              : new Route(Kind.CHAT, m.group(1), false, false);
        }
        return plain(method, path, "/openai/v1", "/chat/completions");
      }
      case ANTHROPIC:
        return plain(method, path, "/v1", "/messages");
      case GEMINI:
        return gemini(method, path, alt);
      default:
        return plain(method, path, "/v1", "/chat/completions");
    }
  }

  private static Route gemini(HttpMethod method, String path, String alt) {
    // Google's front end accepts the colon percent-encoded too.
    String p = path.replace("%3A", ":").replace("%3a", ":");
    Matcher m = GEMINI_CHAT.matcher(p);
    if (m.matches() && method == HttpMethod.POST) {
      boolean stream = m.group(2).equals("streamGenerateContent");
      return new Route(Kind.CHAT, m.group(1), stream, stream && "sse".equals(alt));
    }
    if (method == HttpMethod.GET && GEMINI_MODELS.matcher(p).matches()) {
      return simple(Kind.MODELS);
    }
    return simple(Kind.NOT_FOUND);
  }

  private static Route plain(HttpMethod method, String path, String base, String chat) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (method == HttpMethod.POST && p.equals(base + chat)) {
      return simple(Kind.CHAT);
    }
    if (method == HttpMethod.GET && p.equals(base + "/models")) {
      return simple(Kind.MODELS);
    }
    return simple(Kind.NOT_FOUND);
  }

  private static Route simple(Kind kind) {
    return new Route(kind, null, false, false);
  }
}
