package dev.ninelives.server.http;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.policy.PolicyEngine;
import dev.ninelives.core.trace.RequestTracer;
import dev.ninelives.metrics.GatewayMetrics;
import dev.ninelives.status.StatusTracker;
import dev.ninelives.uptime.UptimeHistory;
import dev.ninelives.server.formats.Formats;
import dev.ninelives.server.protocol.ProviderSide;
import dev.ninelives.server.relay.UpstreamClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP side of the gateway: one server instance per event loop on a shared port (Vert.x
 * spreads connections across them), the endpoints, the upstream clients and the protocol of
 * each provider.
 *
 * <p>Thread-safe after {@link #listen()}.
 */
public final class HttpFrontEnd {
  private final Vertx vertx;
  private final GatewayConfig config;
  private final int instances;
  private final UpstreamClients clients;
  private final Dispatcher dispatcher;
  private final List<HttpServer> servers = new ArrayList<>();
  private final AtomicBoolean ready = new AtomicBoolean();
  private volatile int port;

  public HttpFrontEnd(Vertx vertx, PolicyEngine engine, GatewayMetrics metrics,
      StatusTracker status, int instances, RequestTracer tracer, UptimeHistory uptime) {
    this.vertx = vertx;
    this.config = engine.config();
    this.instances = instances;
    Map<String, ProviderSide> providers = new HashMap<>();
    for (ProviderConfig p : config.providers().values()) {
      providers.put(p.name(), Formats.provider(p));
    }
    this.clients = new UpstreamClients(vertx, config);
    java.time.Clock wall = java.time.Clock.systemUTC();
    IngressEndpoint chat = new IngressEndpoint(vertx, engine, clients, providers::get,
        Formats.openAiClients(wall), tracer, relay -> { });
    IngressEndpoint messages = new IngressEndpoint(vertx, engine, clients, providers::get,
        Formats.anthropicClients(), tracer, relay -> { });
    this.dispatcher = new Dispatcher(chat, messages,
        new ModelsEndpoint(config, engine.clock().epochMillis() / 1000), metrics,
        new StatusEndpoints(status),
        new ReportEndpoint(vertx, uptime, engine.clock(), chat.errors()), ready::get);
  }

  /** Binds every instance; completes when all listen. */
  public Future<Void> listen() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host())
        .setTcpNoDelay(true)
        .setCompressionSupported(false)
        .setMaxInitialLineLength(8192)
        .setMaxHeaderSize(64 * 1024)
        .setIdleTimeout(0);
    // Vert.x shares one listening socket among servers bound to the same host and port; a
    // negative port asks it to share one random port, which is what port 0 means to us.
    int bindPort = config.port() == 0 ? -1 : config.port();
    List<Future<HttpServer>> binding = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      binding.add(vertx.createHttpServer(options).requestHandler(dispatcher)
          .listen(bindPort, config.host()));
    }
    return Future.all(binding).map(all -> {
      for (Future<HttpServer> f : binding) {
        servers.add(f.result());
      }
      port = servers.get(0).actualPort();
      ready.set(true);
      return (Void) null;
    });
  }

  public int port() {
    return port;
  }

  public Future<Void> close() {
    ready.set(false);
    List<Future<Void>> closing = new ArrayList<>();
    for (HttpServer s : servers) {
      closing.add(s.close());
    }
    return Future.join(closing).transform(v -> clients.closeAll());
  }
}
