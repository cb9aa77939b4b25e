package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the script of one 200 answer, whole or streamed, as an answer-shaping fault bends it:
 * what is written, after which pause, and where it stops, breaks or goes silent. The steps run on
 * an {@link Exchange}. Not thread-safe; built and run on one event loop.
 */
final class AnswerScript {
  private static final String DONE = "data: [DONE]\n\n";
  private static final String JSON = "application/json";

  private final Exchange exchange;
  private final ProviderState provider;
  private final Fault fault;
  private final ChatRequest chat;
  private final Answer answer;
  private final CompletionJson json;

  AnswerScript(Exchange exchange, ProviderState provider, Fault fault, ChatRequest chat) {
    this.exchange = exchange;
    this.provider = provider;
    this.fault = fault;
    this.chat = chat;
    this.answer = Answer.of(fault.kind() == Fault.Kind.EMPTY_ANSWER ? "" : provider.reply, chat.maxTokens());
    this.json = new CompletionJson(provider.dialect, provider.nextCompletionId(), System.currentTimeMillis() / 1000,
        chat.model(), chat.stream() && chat.includeUsage());
  }

  List<Step> steps() {
    return chat.stream() ? stream() : whole();
  }

  private List<Step> whole() {
    Fault.Kind kind = fault.kind();
    if (kind == Fault.Kind.ERROR_EVENT_AFTER_EVENTS) {
      // A whole answer has no events to break off between; the failure shows as a 500.
      ErrorReply reply = provider.errors.forStatus(500, chat.model(), null);
      return List.of(new Step(provider.latency, () -> exchange.sendError(reply, fault.headers())));
    }
    Duration wait = provider.latency;
    if (kind == Fault.Kind.DELAY_FIRST_EVENT) {
      wait = wait.plus(fault.duration());
    } else if (kind == Fault.Kind.DRIP) {
      wait = wait.plus(fault.duration().multipliedBy(answer.tokens().size()));
    }
    byte[] body = Json.write(json.completion(answer.content(), answer.finishReason(), chat.promptTokens(),
        answer.tokens().size())).getBytes(StandardCharsets.UTF_8);
    byte[] half = Arrays.copyOf(body, body.length / 2);
    Runnable action;
    switch (kind) {
      case STALL_AFTER_EVENTS:
        action = () -> {
          // Promise the whole body, then never send it.
          exchange.head(200, JSON, fault.headers()).putHeader("content-length", Integer.toString(body.length));
          exchange.writeHead();
        };
        break;
      case CUT_AFTER_EVENTS:
        action = () -> {
          exchange.head(200, JSON, fault.headers()).putHeader("content-length", Integer.toString(body.length));
          exchange.write(Buffer.buffer(half));
          exchange.closeConnection();
        };
        break;
      case MALFORMED_BODY:
        action = () -> {
          exchange.head(200, JSON, fault.headers());
          exchange.end(half);
        };
        break;
      case EMPTY_BODY:
        action = () -> {
          exchange.head(200, JSON, fault.headers());
          exchange.end(new byte[0]);
        };
        break;
      default:
        action = () -> {
          exchange.head(200, JSON, fault.headers());
          exchange.end(body);
        };
        break;
    }
    return List.of(new Step(wait, action));
  }

  private List<Step> stream() {
    Fault.Kind kind = fault.kind();
    Duration first = provider.latency;
    if (kind == Fault.Kind.DELAY_FIRST_EVENT) {
      first = first.plus(fault.duration());
    }
    Duration gap = kind == Fault.Kind.DRIP ? fault.duration() : provider.tokenInterval;
    List<Step> steps = new ArrayList<>();
    // Stream headers go out at once; latency only delays the first event.
    steps.add(new Step(Duration.ZERO, () -> {
      HttpServerResponse r = exchange.head(200, "text/event-stream", fault.headers());
      r.putHeader("cache-control", "no-cache");
      r.setChunked(true);
      exchange.writeHead();
    }));
    if (kind == Fault.Kind.EMPTY_BODY) {
      steps.add(new Step(Duration.ZERO, () -> exchange.end(new byte[0])));
      return steps;
    }
    if (kind == Fault.Kind.MALFORMED_BODY) {
      steps.add(new Step(first, () -> exchange.write(Buffer.buffer("data: {\"choices\":[{\n\n"))));
      steps.add(new Step(gap, () -> exchange.end(bytes(DONE))));
      return steps;
    }
    List<JsonNode> events = events();
    boolean limited = kind == Fault.Kind.STALL_AFTER_EVENTS
        || kind == Fault.Kind.CUT_AFTER_EVENTS
        || kind == Fault.Kind.ERROR_EVENT_AFTER_EVENTS;
    int count = limited ? Math.min(fault.afterEvents(), events.size()) : events.size();
    for (int i = 0; i < count; i++) {
      String data = sse(events.get(i));
      // Azure's prompt-filter chunk is not an event of its own; it rides along with event 1.
      String text = i == 0 && provider.dialect == Dialect.AZURE ? sse(json.azurePreamble()) + data : data;
      steps.add(new Step(i == 0 ? first : gap, () -> exchange.write(Buffer.buffer(text))));
    }
    // What follows the last event; it waits like an event would.
    Duration next = count == 0 ? first : gap;
    switch (kind) {
      case STALL_AFTER_EVENTS:
        break;
      case CUT_AFTER_EVENTS:
        steps.add(new Step(Duration.ZERO, exchange::closeConnection));
        break;
      case ERROR_EVENT_AFTER_EVENTS:
        steps.add(new Step(next, () -> {
          // Real vLLM still terminates the stream properly after reporting the error.
          String tail = provider.dialect == Dialect.VLLM ? DONE : "";
          exchange.end(bytes(sse(provider.errors.streamError()) + tail));
          exchange.closeConnection();
        }));
        break;
      default:
        steps.add(new Step(next, () -> exchange.end(bytes(DONE))));
        break;
    }
    return steps;
  }

  private List<JsonNode> events() {
    List<JsonNode> events = new ArrayList<>();
    events.add(json.roleChunk());
    for (String token : answer.tokens()) {
      events.add(json.contentChunk(token));
    }
    events.add(json.finishChunk(answer.finishReason()));
    if (chat.includeUsage()) {
      events.add(json.usageChunk(chat.promptTokens(), answer.tokens().size()));
    }
    return events;
  }

  private static String sse(JsonNode event) {
    return "data: " + Json.write(event) + "\n\n";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
