package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plays out one request: waits, writes and closes as its fault says, one timer at a time.
 *
 * <p>Confined to the connection's event loop: created in the request handler, driven by timers
 * set from it, and abandoned from the connection's close handler, all on that loop.
 */
final class Exchange {

  /** The response header that marks a degraded answer ({@link Fault#wrongAnswer}, {@link Fault#emptyAnswer}). */
  static final String DEGRADED_HEADER = "x-simulator-degraded";

  private final Vertx vertx;
  private final ProviderState provider;
  private final HttpServerRequest request;
  private final TrackedConnection connection;
  private boolean done;
  private long timer = -1;
  private Future<Void> lastWrite = Future.succeededFuture();

  Exchange(Vertx vertx, ProviderState provider, HttpServerRequest request, TrackedConnection connection) {
    this.vertx = vertx;
    this.provider = provider;
    this.request = request;
    this.connection = connection;
  }

  /** True once the simulator has finished its answer or closed the connection itself. */
  boolean done() {
    return done;
  }

  /** The connection is gone: stop any pending step. */
  void abandon() {
    done = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Answers a chat request as planned, after the fault's own delay. */
  void chat(FaultPlan.Planned planned, String body, Route route, String key, Runnable onRefuse) {
    Fault fault = planned.fault();
    play(List.of(new Step(fault.delay(), () -> act(fault, planned.latency(), body, route, key, onRefuse))));
  }

  /** Sends an error after the provider's latency. */
  void error(ErrorReply reply) {
    error(reply, provider.sampleLatency());
  }

  private void error(ErrorReply reply, Duration latency) {
    play(List.of(new Step(latency, () -> sendError(reply, Map.of()))));
  }

  /** Answers {@code GET .../models} in the dialect's list shape. */
  void models(String key) {
    if (!provider.keyAccepted(key)) {
      error(provider.errors.unauthorized(key));
      return;
    }
    String list = Json.write(modelList(provider.dialect, provider.models));
    play(List.of(new Step(provider.sampleLatency(), () -> sendJson(200, list, Map.of()))));
  }

  private static ObjectNode modelList(Dialect dialect, List<String> ids) {
    ObjectNode list = JsonNodeFactory.instance.objectNode();
    switch (dialect) {
      case ANTHROPIC: {
        ArrayNode data = list.putArray("data");
        for (String id : ids) {
          ObjectNode model = data.addObject();
          model.put("type", "model");
          model.put("id", id);
          model.put("display_name", id);
          model.put("created_at", "2025-01-01T00:00:00Z");
        }
        list.put("has_more", false);
        String first = ids.isEmpty() ? null : ids.get(0);
        String last = ids.isEmpty() ? null : ids.get(ids.size() - 1);
        list.put("first_id", first);
        list.put("last_id", last);
        break;
      }
      case GEMINI: {
        ArrayNode models = list.putArray("models");
        for (String id : ids) {
          ObjectNode model = models.addObject();
          model.put("name", "models/" + id);
          model.put("version", "001");
          model.put("displayName", id);
          model.put("inputTokenLimit", GeminiErrors.CONTEXT_LIMIT);
          model.put("outputTokenLimit", 65536);
          ArrayNode methods = model.putArray("supportedGenerationMethods");
          methods.add("generateContent");
          methods.add("streamGenerateContent");
        }
        break;
      }
      default: {
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String id : ids) {
          ObjectNode model = data.addObject();
          model.put("id", id);
          model.put("object", "model");
          model.put("created", 1_700_000_000L);
          model.put("owned_by", "ninelives-simulator");
        }
        break;
      }
    }
    return list;
  }

  private void act(Fault fault, Duration latency, String body, Route route, String key, Runnable onRefuse) {
    switch (fault.kind()) {
      case RESET_CONNECTION:
        closeConnection();
        return;
      case REFUSE:
        // The port should already be closed; this request slipped in first. Drop it like a dead host.
        closeConnection();
        onRefuse.run();
        return;
      case HANG_BEFORE_HEADERS:
        // Nothing at all: only the peer's close ends this exchange.
        return;
      default:
        break;
    }
    if (fault.kind().actsBeforeAuth()) {
      ErrorReply reply = errorFor(fault, ChatRequest.modelOrUnknown(body, route.model()), key);
      if (reply.status() == 200 && route.streamByPath()) {
        // Gemini's blocked prompt: a 200 answer, so a stream request gets it as its only chunk.
        play(List.of(new Step(latency, () -> sendSingleChunkStream(reply, route.sse(), fault.headers()))));
        return;
      }
      play(List.of(new Step(latency, () -> sendError(reply, fault.headers()))));
      return;
    }
    if (!provider.keyAccepted(key)) {
      error(provider.errors.unauthorized(key), latency);
      return;
    }
    ChatRequest chat;
    try {
      chat = ChatRequest.parse(provider.dialect, body, route);
    } catch (ChatRequest.Invalid e) {
      error(provider.errors.invalidRequest(e.getMessage(), e.param(), e.code()), latency);
      return;
    }
    Fault shaping = fault;
    if (fault.kind().degradesAnswer()) {
      // Marked for whoever reads the raw response; a gateway in between may drop the header,
      // which is why answers are also checkable by their content (AnswerCheck).
      shaping = fault.withHeader(DEGRADED_HEADER, fault.kind() == Fault.Kind.WRONG_ANSWER ? "wrong-answer" : "empty-answer");
      provider.counters.increment(Counters.Name.DEGRADED_ANSWERS);
    }
    play(new AnswerScript(this, provider, shaping, latency, chat, route).steps());
  }

  private ErrorReply errorFor(Fault fault, String model, String key) {
    ErrorCatalog errors = provider.errors;
    switch (fault.kind()) {
      case STATUS:
        return errors.forStatus(fault.httpStatus(), model, key);
      case RATE_LIMITED:
        return errors.rateLimited(model, fault.duration());
      case INSUFFICIENT_QUOTA:
        return errors.insufficientQuota(model);
      case CONTEXT_LENGTH_EXCEEDED:
        return errors.contextLengthExceeded();
      case CONTENT_POLICY:
        return errors.contentPolicy(model);
      case INVALID_REQUEST:
        return errors.invalidRequest(fault.message(), null, null);
      case BAD_KEY:
        return errors.unauthorized(key);
      default:
        throw new IllegalStateException("not an error fault: " + fault);
    }
  }

  /** Runs steps in order; a step with a pause resumes the rest from a timer. */
  private void play(List<Step> steps) {
    play(steps.iterator());
  }

  private void play(Iterator<Step> steps) {
    while (steps.hasNext() && !done) {
      Step step = steps.next();
      if (step.pause().isZero()) {
        step.action().run();
        continue;
      }
      long millis = Math.max(1, Durations.ceilMillis(step.pause()));
      timer = vertx.setTimer(millis, id -> {
        timer = -1;
        if (!done) {
          step.action().run();
          play(steps);
        }
      });
      return;
    }
  }

  /** Sets status and headers (the dialect's request ids, then {@code extra}); sends nothing yet. */
  HttpServerResponse head(int status, String contentType, Map<String, String> extra) {
    HttpServerResponse r = request.response();
    r.setStatusCode(status);
    r.putHeader("content-type", contentType);
    if (provider.dialect == Dialect.OPENAI || provider.dialect == Dialect.AZURE) {
      String id = UUID.randomUUID().toString();
      r.putHeader("x-request-id", provider.dialect == Dialect.OPENAI ? "req_" + id.replace("-", "") : id);
      if (provider.dialect == Dialect.AZURE) {
        r.putHeader("apim-request-id", id);
      }
    } else if (provider.dialect == Dialect.ANTHROPIC) {
      // Error replies bring their own id, matching their body's request_id; it replaces this one.
      r.putHeader("request-id", "req_sim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
    }
    extra.forEach(r::putHeader);
    return r;
  }

  void sendError(ErrorReply reply, Map<String, String> extra) {
    head(reply.status(), provider.dialect == Dialect.GEMINI ? GeminiAnswer.JSON : "application/json", reply.headers());
    extra.forEach(request.response()::putHeader);
    end(Json.write(reply.body()).getBytes(StandardCharsets.UTF_8));
  }

  /** A 200 answer sent as a stream of one chunk (Gemini framing: SSE, or a JSON array). */
  private void sendSingleChunkStream(ErrorReply reply, boolean sse, Map<String, String> extra) {
    HttpServerResponse r = head(200, sse ? "text/event-stream" : GeminiAnswer.JSON, reply.headers());
    extra.forEach(r::putHeader);
    String json = Json.write(reply.body());
    end((sse ? "data: " + json + "\r\n\r\n" : "[" + json + "]").getBytes(StandardCharsets.UTF_8));
  }

  private void sendJson(int status, String json, Map<String, String> extra) {
    head(status, "application/json", extra);
    end(json.getBytes(StandardCharsets.UTF_8));
  }

  void writeHead() {
    lastWrite = request.response().writeHead();
  }

  void write(Buffer data) {
    lastWrite = request.response().write(data);
  }

  /** Finishes the response; the exchange is then done. */
  void end(byte[] bytes) {
    done = true;
    lastWrite = request.response().end(Buffer.buffer(bytes));
  }

  /**
   * Closes once everything written so far is out: Netty drops writes still unflushed at close, and
   * a cut must deliver exactly the events before it.
   */
  void closeConnection() {
    done = true;
    lastWrite.onComplete(ignored -> connection.closeByUs());
  }
}
