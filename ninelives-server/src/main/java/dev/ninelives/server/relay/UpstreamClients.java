package dev.ninelives.server.relay;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ProviderConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pooled HTTP client per provider, so a provider that hangs cannot exhaust the
 * connections another provider needs, and each pool is sized for streaming (a stream holds a
 * connection for its whole life).
 *
 * <p>Thread-safe after construction (read-only map of thread-safe clients).
 */
public final class UpstreamClients implements AutoCloseable {
  /** Connections per provider: enough for thousands of concurrent streams. */
  static final int MAX_CONNECTIONS_PER_PROVIDER = 4096;

  private final Map<String, HttpClientAgent> clients = new HashMap<>();

  public UpstreamClients(Vertx vertx, GatewayConfig config) {
    for (ProviderConfig p : config.providers().values()) {
      HttpClientOptions options = new HttpClientOptions()
          .setTcpNoDelay(true)
          .setKeepAlive(true)
          .setKeepAliveTimeout(30)
          .setMaxInitialLineLength(8192)
          .setConnectTimeout((int) config.resilience().timeouts().connect().toMillis());
      if (p.baseUrl().startsWith("https:")) {
        options.setSsl(true).setUseAlpn(true);
      }
      PoolOptions pool = new PoolOptions()
          .setHttp1MaxSize(MAX_CONNECTIONS_PER_PROVIDER)
          .setMaxWaitQueueSize(MAX_CONNECTIONS_PER_PROVIDER);
      clients.put(p.name(), vertx.createHttpClient(options, pool));
    }
  }

  /** The client of a configured provider. */
  public HttpClientAgent of(String provider) {
    HttpClientAgent c = clients.get(provider);
    if (c == null) {
      throw new IllegalArgumentException("no client for provider '" + provider + "'");
    }
    return c;
  }

  public Future<Void> closeAll() {
    List<Future<Void>> closing = new ArrayList<>();
    for (HttpClientAgent c : clients.values()) {
      closing.add(c.close());
    }
    return Future.all(closing).mapEmpty();
  }

  @Override
  public void close() {
    closeAll();
  }
}
