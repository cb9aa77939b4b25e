package dev.ninelives.server.http;

import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.policy.PolicyEngine;
import dev.ninelives.providers.RequestProblem;
import dev.ninelives.providers.RequestScan;
import dev.ninelives.providers.ScannedRequest;
import dev.ninelives.providers.openai.OpenAiRequestScanner;
import dev.ninelives.server.relay.ClientFormat;
import dev.ninelives.providers.InboundRequest;
import dev.ninelives.server.relay.Relay;
import dev.ninelives.server.relay.UpstreamClients;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code POST /v1/chat/completions}: the OpenAI-compatible ingress. Reads the body (bounded),
 * reads just enough of it to route, and hands the request to a {@link Relay}. Bad input gets a
 * 4xx in OpenAI's error format, never a 500.
 *
 * <p>Thread-safe: holds only shared, thread-safe collaborators.
 */
final class ChatCompletionsEndpoint {
  private final Vertx vertx;
  private final PolicyEngine engine;
  private final UpstreamClients clients;
  private final Relay.ProtocolLookup protocols;
  private final ClientFormat format;
  private final long maxBodyBytes;
  private final Consumer<Relay> onEnd;

  ChatCompletionsEndpoint(Vertx vertx, PolicyEngine engine, UpstreamClients clients,
      Relay.ProtocolLookup protocols, ClientFormat format, Consumer<Relay> onEnd) {
    this.vertx = vertx;
    this.engine = engine;
    this.clients = clients;
    this.protocols = protocols;
    this.format = format;
    this.maxBodyBytes = engine.config().maxRequestBytes();
    this.onEnd = onEnd;
  }

  void handle(HttpServerRequest request) {
    BoundedBody.read(request, maxBodyBytes, body -> onBody(request, body),
        size -> Responses.json(request.response(), 413, format.error(
            "Request body is too large: " + size + " bytes, the limit is " + maxBodyBytes
                + " bytes.", "invalid_request_error", "request_too_large")));
  }

  private void onBody(HttpServerRequest request, Buffer body) {
    byte[] bytes = body.getBytes();
    RequestScan scan = OpenAiRequestScanner.scan(bytes);
    if (scan instanceof RequestProblem) {
      RequestProblem p = (RequestProblem) scan;
      Responses.json(request.response(), 400,
          format.error(p.message(), "invalid_request_error", null));
      return;
    }
    ScannedRequest scanned = (ScannedRequest) scan;
    Optional<ModelRoute> route = engine.route(scanned.model());
    if (route.isEmpty()) {
      Responses.json(request.response(), 404, format.error("The model '" + scanned.model()
          + "' does not exist here. Use one of the aliases or provider/model names listed at "
          + "GET /v1/models.", "invalid_request_error", "model_not_found"));
      return;
    }
    InboundRequest inbound = new InboundRequest(bytes, scanned, route.get());
    new Relay(vertx, engine.clock(), clients, protocols, format,
        engine.begin(route.get(), scanned.stream()), inbound, request.response(), onEnd).start();
  }
}
