package dev.ninelives.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Small helpers for answers the gateway writes itself. */
final class Responses {
  private Responses() {
  }

  static void json(HttpServerResponse response, int status, Buffer body) {
    response.setStatusCode(status);
    response.putHeader("content-type", "application/json");
    response.end(body);
  }

}
