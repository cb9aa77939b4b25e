package dev.ninelives.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.TargetRef;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/models}: every alias and every configured {@code provider/model} target, in
 * OpenAI's list shape. The body is built once: the configuration does not change while the
 * server runs.
 *
 * <p>Immutable and thread-safe.
 */
final class ModelsEndpoint {
  private final Buffer body;

  ModelsEndpoint(GatewayConfig config, long createdEpochSeconds) {
    Map<String, String> ids = new LinkedHashMap<>();
    for (ModelRoute route : config.models().values()) {
      ids.put(route.name(), "ninelives");
    }
    for (ModelRoute route : config.models().values()) {
      for (TargetRef t : route.targets()) {
        ids.putIfAbsent(t.id(), t.provider());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("object", "list");
      g.writeArrayFieldStart("data");
      for (Map.Entry<String, String> e : ids.entrySet()) {
        g.writeStartObject();
        g.writeStringField("id", e.getKey());
        g.writeStringField("object", "model");
        g.writeNumberField("created", createdEpochSeconds);
        g.writeStringField("owned_by", e.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.body = Buffer.buffer(out.toByteArray());
  }

  void handle(HttpServerRequest request) {
    Responses.json(request.response(), 200, body.copy());
  }
}
