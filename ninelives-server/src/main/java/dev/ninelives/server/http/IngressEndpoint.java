package dev.ninelives.server.http;

import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.policy.PolicyEngine;
import dev.ninelives.core.trace.RequestTrace;
import dev.ninelives.core.trace.RequestTracer;
import dev.ninelives.core.trace.TraceStart;
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
  private final RequestTracer tracer;
  private final Consumer<Relay> onEnd;

  IngressEndpoint(Vertx vertx, PolicyEngine engine, UpstreamClients clients,
      Relay.ProviderLookup providers, ClientSide client, RequestTracer tracer,
      Consumer<Relay> onEnd) {
    this.vertx = vertx;
    this.engine = engine;
    this.clients = clients;
    this.providers = providers;
    this.client = client;
    this.errors = client.errors();
    this.maxBodyBytes = engine.config().maxRequestBytes();
    this.tracer = tracer;
    this.onEnd = onEnd;
  }

  ClientFormat errors() {
    return errors;
  }

  void handle(HttpServerRequest request) {
    long arrival = engine.clock().nanoTime();
    BoundedBody.read(request, maxBodyBytes, body -> onBody(request, body, arrival),
        size -> refuse(request, arrival, 413, errors.error(413,
            "Request body is too large: " + size + " bytes, the limit is " + maxBodyBytes
                + " bytes.", "request_too_large")));
  }

  private void onBody(HttpServerRequest request, Buffer body, long arrival) {
    byte[] bytes = body.getBytes();
    RequestScan scan = client.scanner().apply(bytes);
    if (scan instanceof RequestProblem) {
      RequestProblem p = (RequestProblem) scan;
      refuse(request, arrival, 400, errors.error(400, p.message(), "invalid_request"));
      return;
    }
    ScannedRequest scanned = (ScannedRequest) scan;
    Optional<ModelRoute> route = engine.route(scanned.model());
    if (route.isEmpty()) {
      refuse(request, arrival, 404, errors.error(404, "The model '" + scanned.model()
          + "' does not exist here. Use one of the aliases or provider/model names listed at "
          + "GET /v1/models.", "model_not_found"));
      return;
    }
    Inbound inbound = new Inbound(bytes, scanned, route.get(), client);
    RequestTrace trace = tracer.enabled()
        ? tracer.begin(traceStart(request, scanned.model(), scanned.stream(), arrival))
        : RequestTrace.NONE;
    new Relay(vertx, engine.clock(), clients, providers,
        engine.begin(route.get(), scanned.stream(), trace.events()), inbound, request.response(),
        arrival, engine.listener(), trace, onEnd).start();
  }

  private TraceStart traceStart(HttpServerRequest request, String model, boolean stream,
      long arrival) {
    return new TraceStart(model, client.format().name().toLowerCase(java.util.Locale.ROOT),
        stream, request.method().name(), request.path(), arrival, request::getHeader);
  }

  /** Answers a request that could not be routed, and counts it. */
  private void refuse(HttpServerRequest request, long arrival, int status, byte[] body) {
    Responses.json(request.response(), status, Buffer.buffer(body));
    long took = engine.clock().nanoTime() - arrival;
    RequestSummary summary = new RequestSummary(RequestSummary.NO_ROUTE,
        client.format().name().toLowerCase(java.util.Locale.ROOT), "invalid", status, null, 0,
        false, false, took, -1, took, -1, -1);
    engine.listener().onRequest(summary);
    if (tracer.enabled()) {
      tracer.begin(traceStart(request, null, false, arrival)).end(summary);
    }
  }
}
