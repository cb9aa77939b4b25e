package dev.ninelives.server.http;

import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.policy.PolicyEngine;
import dev.ninelives.providers.RequestProblem;
import dev.ninelives.providers.RequestScan;
import dev.ninelives.providers.ScannedRequest;
import dev.ninelives.providers.codec.ClientFormat;
import dev.ninelives.server.protocol.ClientSide;
import dev.ninelives.server.protocol.Inbound;
import dev.ninelives.server.relay.Relay;
import dev.ninelives.server.relay.UpstreamClients;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One ingress: {@code POST /v1/chat/completions} for OpenAI clients, {@code POST /v1/messages}
 * for Anthropic clients. Reads the body (bounded), reads just enough of it to route, and hands
 * the request to a {@link Relay}. Bad input gets a 4xx in the client's error format, never a
 * 500.
 *
 * <p>Thread-safe: holds only shared, thread-safe collaborators.
 */
final class IngressEndpoint {
  private final Vertx vertx;
  private final PolicyEngine engine;
  private final UpstreamClients clients;
  private final Relay.ProviderLookup providers;
  private final ClientSide client;
  private final ClientFormat errors;
  private final long maxBodyBytes;
  private final Consumer<Relay> onEnd;

  IngressEndpoint(Vertx vertx, PolicyEngine engine, UpstreamClients clients,
      Relay.ProviderLookup providers, ClientSide client, Consumer<Relay> onEnd) {
    this.vertx = vertx;
    this.engine = engine;
    this.clients = clients;
    this.providers = providers;
    this.client = client;
    this.errors = client.errors();
    this.maxBodyBytes = engine.config().maxRequestBytes();
    this.onEnd = onEnd;
  }

  ClientFormat errors() {
    return errors;
  }

  void handle(HttpServerRequest request) {
    BoundedBody.read(request, maxBodyBytes, body -> onBody(request, body),
        size -> Responses.json(request.response(), 413, Buffer.buffer(errors.error(413,
            "Request body is too large: " + size + " bytes, the limit is " + maxBodyBytes
                + " bytes.", "request_too_large"))));
  }

  private void onBody(HttpServerRequest request, Buffer body) {
    byte[] bytes = body.getBytes();
    RequestScan scan = client.scanner().apply(bytes);
    if (scan instanceof RequestProblem) {
      RequestProblem p = (RequestProblem) scan;
      Responses.json(request.response(), 400,
          Buffer.buffer(errors.error(400, p.message(), "invalid_request")));
      return;
    }
    ScannedRequest scanned = (ScannedRequest) scan;
    Optional<ModelRoute> route = engine.route(scanned.model());
    if (route.isEmpty()) {
      Responses.json(request.response(), 404, Buffer.buffer(errors.error(404, "The model '"
          + scanned.model() + "' does not exist here. Use one of the aliases or provider/model "
          + "names listed at GET /v1/models.", "model_not_found")));
      return;
    }
    Inbound inbound = new Inbound(bytes, scanned, route.get(), client);
    new Relay(vertx, engine.clock(), clients, providers,
        engine.begin(route.get(), scanned.stream()), inbound, request.response(), onEnd).start();
  }
}
