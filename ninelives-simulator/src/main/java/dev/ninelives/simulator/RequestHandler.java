package dev.ninelives.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server side of one provider: tracks connections, records each request, routes it and hands
 * it to an {@link Exchange}.
 *
 * <p>Thread-safe: handlers run on event loops; the open-connection map is concurrent because
 * {@link #closeAll()} is called from whichever thread changes the port's state.
 */
final class RequestHandler {
  private final Vertx vertx;
  private final ProviderState state;
  private final Runnable onRefuseFault;
  private final Map<HttpConnection, TrackedConnection> open = new ConcurrentHashMap<>();

  /**
   * @param onRefuseFault called when a request meets a refuse fault before the port was closed
   */
  RequestHandler(Vertx vertx, ProviderState state, Runnable onRefuseFault) {
    this.vertx = vertx;
    this.state = state;
    this.onRefuseFault = onRefuseFault;
  }

  void onConnection(HttpConnection http) {
    TrackedConnection tracked = new TrackedConnection(http);
    open.put(http, tracked);
    state.counters.increment(Counters.Name.CONNECTIONS_OPENED);
    http.closeHandler(ignored -> {
      open.remove(http);
      // Count the abort before the close, so whoever waits for the close also sees the abort.
      if (tracked.onClosed()) {
        state.counters.increment(Counters.Name.ABORTED_BY_PEER);
      }
      state.counters.increment(Counters.Name.CONNECTIONS_CLOSED);
    });
  }

  void onRequest(HttpServerRequest req) {
    TrackedConnection connection = open.get(req.connection());
    if (connection == null) {
      // The connection handler always runs first on HTTP/1.1; this only guards against surprises.
      req.connection().close();
      return;
    }
    Exchange exchange = new Exchange(vertx, state, req, connection);
    connection.carry(exchange);
    Route route = Route.of(state.dialect, req.method(), req.path(), req.getParam("api-version"), req.getParam("alt"));
    req.body().onSuccess(buffer -> {
      String body = buffer.toString(StandardCharsets.UTF_8);
      String key = credential(req);
      state.record(new RecordedRequest(req.method().name(), req.path(), req.query(), headers(req), body, key));
      switch (route.kind()) {
        case CHAT:
          state.counters.increment(Counters.Name.REQUESTS);
          exchange.chat(state.plan.next(state.latency), body, route, key, onRefuseFault);
          break;
        case CHAT_WITHOUT_API_VERSION:
          state.counters.increment(Counters.Name.REQUESTS);
          exchange.error(state.errors.azureResourceNotFound());
          break;
        case MODELS:
          exchange.models(key);
          break;
        default:
          exchange.error(state.errors.routeNotFound(req.method().name(), req.path()));
          break;
      }
    });
  }

  /** Closes every open connection, as a dying host would drop them. */
  void closeAll() {
    open.values().forEach(TrackedConnection::closeByUs);
  }

  /**
   * The key a request carries, where its dialect looks first: Azure's {@code api-key}, Anthropic's
   * {@code x-api-key}, then a Bearer token; Gemini's {@code x-goog-api-key}, then {@code ?key=}.
   */
  private String credential(HttpServerRequest req) {
    switch (state.dialect) {
      case AZURE:
      case ANTHROPIC: {
        String apiKey = req.getHeader(state.dialect == Dialect.AZURE ? "api-key" : "x-api-key");
        if (apiKey != null) {
          return apiKey;
        }
        break;
      }
      case GEMINI: {
        String apiKey = req.getHeader("x-goog-api-key");
        return apiKey != null ? apiKey : req.getParam("key");
      }
      default:
        break;
    }
    String auth = req.getHeader("authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = auth.substring(7).trim();
      return token.isEmpty() ? null : token;
    }
    return null;
  }

  private static Map<String, String> headers(HttpServerRequest req) {
    Map<String, String> headers = new LinkedHashMap<>();
    req.headers().forEach(e -> headers.merge(e.getKey().toLowerCase(Locale.ROOT), e.getValue(), (a, b) -> a + ", " + b));
    return headers;
  }
}
