package dev.ninelives.simulator;

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
  private final Exchange exchange;
  private final ProviderState provider;
  private final Fault fault;
  private final ChatRequest chat;
  private final Duration latency;
  private final Answer answer;
  private final AnswerFormat format;

  /**
   * @param latency the wait before the headers (whole answer) or the first event (stream)
   */
  AnswerScript(Exchange exchange, ProviderState provider, Fault fault, Duration latency, ChatRequest chat, Route route) {
    this.exchange = exchange;
    this.provider = provider;
    this.fault = fault;
    this.chat = chat;
    this.latency = latency;
    String reply = fault.kind() == Fault.Kind.WRONG_ANSWER
        ? fault.message()
        : AnswerCheck.echo(provider.reply, chat.userText());
    this.answer = Answer.decide(chat, reply, fault.kind() == Fault.Kind.EMPTY_ANSWER);
    this.format = AnswerFormat.of(provider, chat, answer, route);
  }

  List<Step> steps() {
    return chat.stream() ? stream() : whole();
  }

  private List<Step> whole() {
    Fault.Kind kind = fault.kind();
    if (kind == Fault.Kind.ERROR_EVENT_AFTER_EVENTS) {
      // A whole answer has no events to break off between; the failure shows as a 500.
      ErrorReply reply = provider.errors.forStatus(500, chat.model(), null);
      return List.of(new Step(latency, () -> exchange.sendError(reply, fault.headers())));
    }
    Duration wait = latency;
    if (kind == Fault.Kind.DELAY_FIRST_EVENT) {
      wait = wait.plus(fault.duration());
    } else if (kind == Fault.Kind.DRIP) {
      wait = wait.plus(fault.duration().multipliedBy(Math.max(answer.tokens().size(), answer.calls().size())));
    }
    String type = format.wholeContentType();
    byte[] body = Json.write(format.whole()).getBytes(StandardCharsets.UTF_8);
    byte[] half = Arrays.copyOf(body, body.length / 2);
    Runnable action;
    switch (kind) {
      case STALL_AFTER_EVENTS:
        action = () -> {
          // Promise the whole body, then never send it.
          exchange.head(200, type, fault.headers()).putHeader("content-length", Integer.toString(body.length));
          exchange.writeHead();
        };
        break;
      case CUT_AFTER_EVENTS:
        action = () -> {
          exchange.head(200, type, fault.headers()).putHeader("content-length", Integer.toString(body.length));
          exchange.write(Buffer.buffer(half));
          exchange.closeConnection();
        };
        break;
      case MALFORMED_BODY:
        action = () -> {
          exchange.head(200, type, fault.headers());
          exchange.end(half);
        };
        break;
      case EMPTY_BODY:
        action = () -> {
          exchange.head(200, type, fault.headers());
          exchange.end(new byte[0]);
        };
        break;
      default:
        action = () -> {
          exchange.head(200, type, fault.headers());
          exchange.end(body);
        };
        break;
    }
    return List.of(new Step(wait, action));
  }

  private List<Step> stream() {
    Fault.Kind kind = fault.kind();
    Duration first = latency;
    if (kind == Fault.Kind.DELAY_FIRST_EVENT) {
      first = first.plus(fault.duration());
    }
    Duration gap = kind == Fault.Kind.DRIP ? fault.duration() : provider.tokenInterval;
    List<Step> steps = new ArrayList<>();
    // Stream headers go out at once; latency only delays the first event.
    steps.add(new Step(Duration.ZERO, () -> {
      HttpServerResponse r = exchange.head(200, format.streamContentType(), fault.headers());
      r.putHeader("cache-control", "no-cache");
      r.setChunked(true);
      exchange.writeHead();
    }));
    if (kind == Fault.Kind.EMPTY_BODY) {
      steps.add(new Step(Duration.ZERO, () -> exchange.end(new byte[0])));
      return steps;
    }
    if (kind == Fault.Kind.MALFORMED_BODY) {
      steps.add(new Step(first, () -> exchange.write(Buffer.buffer(format.malformed()))));
      steps.add(new Step(gap, () -> exchange.end(bytes(format.end(1)))));
      return steps;
    }
    List<String> events = format.events();
    boolean limited = kind == Fault.Kind.STALL_AFTER_EVENTS
        || kind == Fault.Kind.CUT_AFTER_EVENTS
        || kind == Fault.Kind.ERROR_EVENT_AFTER_EVENTS;
    int count = limited ? Math.min(fault.afterEvents(), events.size()) : events.size();
    for (int i = 0; i < count; i++) {
      String text = events.get(i);
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
          exchange.end(bytes(format.errorEvent(count)));
          exchange.closeConnection();
        }));
        break;
      default:
        steps.add(new Step(next, () -> exchange.end(bytes(format.end(count)))));
        break;
    }
    return steps;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
