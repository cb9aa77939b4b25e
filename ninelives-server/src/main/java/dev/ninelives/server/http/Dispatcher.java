package dev.ninelives.server.http;

import dev.ninelives.metrics.GatewayMetrics;
import dev.ninelives.providers.codec.ClientFormat;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Sends each request to its endpoint by method and path. A handful of fixed paths needs no
 * router library; anything else gets a 404 or 405 in OpenAI's error format.
 *
 * <p>Thread-safe: immutable.
 */
final class Dispatcher implements Handler<HttpServerRequest> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Dispatcher.class);
  private static final Buffer OK = Buffer.buffer("{\"status\":\"ok\"}");

  private final IngressEndpoint chat;
  private final IngressEndpoint messages;
  private final ModelsEndpoint models;
  private final GatewayMetrics metrics;
  private final StatusEndpoints status;
  private final ReportEndpoint report;
  private final ClientFormat format;
  private final java.util.function.BooleanSupplier ready;

  Dispatcher(IngressEndpoint chat, IngressEndpoint messages, ModelsEndpoint models,
      GatewayMetrics metrics, StatusEndpoints status, ReportEndpoint report,
      java.util.function.BooleanSupplier ready) {
    this.metrics = metrics;
    this.status = status;
    this.report = report;
    this.chat = chat;
    this.messages = messages;
    this.models = models;
    this.format = chat.errors();
    this.ready = ready;
  }

  @Override
  public void handle(HttpServerRequest request) {
    try {
      dispatch(request);
    } catch (RuntimeException e) {
      // A bug of ours must not leave the client waiting: answer, say so, and log it.
      LOG.error("internal error on {} {}", request.method(), request.path(), e);
      if (!request.response().headWritten()) {
        Responses.json(request.response(), 500, Buffer.buffer(format.error(500,
            "Internal gateway error; it has been logged.", "internal_error")));
      } else if (!request.response().ended()) {
        request.connection().close();
      }
    }
  }

  private void dispatch(HttpServerRequest request) {
    String path = request.path();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    HttpMethod method = request.method();
    switch (path) {
      case "/v1/chat/completions":
      case "/chat/completions":
        if (method == HttpMethod.POST) {
          chat.handle(request);
        } else {
          notAllowed(request, "POST", format);
        }
        return;
      case "/v1/messages":
      case "/messages":
        if (method == HttpMethod.POST) {
          messages.handle(request);
        } else {
          notAllowed(request, "POST", messages.errors());
        }
        return;
      case "/v1/models":
      case "/models":
        if (method == HttpMethod.GET) {
          models.handle(request);
        } else {
          notAllowed(request, "GET", format);
        }
        return;
      case "/metrics":
        if (method == HttpMethod.GET) {
          request.response().putHeader("content-type", metrics.contentType())
              .end(metrics.scrape());
        } else {
          notAllowed(request, "GET", format);
        }
        return;
      case "/status":
      case "/status.json":
        if (method == HttpMethod.GET) {
          status.handle(request, path);
        } else {
          notAllowed(request, "GET", format);
        }
        return;
      case "/report":
        if (method == HttpMethod.GET) {
          report.handle(request);
        } else {
          notAllowed(request, "GET", format);
        }
        return;
      case "/healthz":
        Responses.json(request.response(), 200, OK.copy());
        return;
      case "/readyz":
        if (ready.getAsBoolean()) {
          Responses.json(request.response(), 200, OK.copy());
        } else {
          Responses.json(request.response(), 503,
              Buffer.buffer("{\"status\":\"starting or stopping\"}"));
        }
        return;
      default:
        if (method == HttpMethod.GET && path.startsWith(StatusEndpoints.INCIDENTS)) {
          status.handle(request, path);
          return;
        }
        Responses.json(request.response(), 404, Buffer.buffer(format.error(404, "Unknown path "
            + request.method() + " " + request.path() + ". This gateway serves POST "
            + "/v1/chat/completions, POST /v1/messages and GET /v1/models.", "unknown_url")));
    }
  }

  private static void notAllowed(HttpServerRequest request, String allowed,
      ClientFormat errors) {
    request.response().putHeader("allow", allowed);
    Responses.json(request.response(), 405, Buffer.buffer(errors.error(405, request.method()
        + " is not allowed on " + request.path() + "; use " + allowed + ".",
        "method_not_allowed")));
  }
}
