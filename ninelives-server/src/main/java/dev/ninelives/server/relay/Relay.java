package dev.ninelives.server.relay;

import dev.ninelives.core.policy.Attempt;
import dev.ninelives.core.policy.AttemptResult;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.core.policy.RequestExecution;
import dev.ninelives.core.policy.Step;
import dev.ninelives.core.policy.Verdict;
import dev.ninelives.core.time.Clock;
import dev.ninelives.providers.InboundRequest;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.SseParser;
import dev.ninelives.providers.StreamEventKind;
import dev.ninelives.providers.StreamInspector;
import dev.ninelives.providers.UpstreamProtocol;
import dev.ninelives.providers.UpstreamRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Carries one client request through its {@link RequestExecution}: asks the engine for each
 * step, makes the upstream call, enforces the attempt's timeouts, commits a stream on its first
 * content and relays it, and answers the client when the engine is done.
 *
 * <p>This is the only place with callback code. It runs entirely on the client request's event
 * loop, so its fields need no locks.
 */
public final class Relay {
  /** The most of an upstream error body kept for classification and pass-through. */
  static final int MAX_ERROR_BODY = 1 << 20;
  /** The most of a non-streaming answer accepted from upstream. */
  static final int MAX_ANSWER_BODY = 64 << 20;

  private final Vertx vertx;
  private final Clock clock;
  private final UpstreamClients clients;
  private final ProtocolLookup protocols;
  private final ClientFormat format;
  private final RequestExecution execution;
  private final InboundRequest request;
  private final HttpServerResponse response;
  private final Consumer<Relay> onEnd;
  private final long startNanos;

  private AttemptRun current;
  private long backoffTimer = -1;
  private boolean clientGone;
  private boolean ended;
  private UpstreamError lastError;

  /** Finds the protocol of a target's provider. */
  @FunctionalInterface
  public interface ProtocolLookup {
    UpstreamProtocol forProvider(String provider);
  }

  public Relay(Vertx vertx, Clock clock, UpstreamClients clients, ProtocolLookup protocols,
      ClientFormat format, RequestExecution execution, InboundRequest request,
      HttpServerResponse response, Consumer<Relay> onEnd) {
    this.vertx = vertx;
    this.clock = clock;
    this.clients = clients;
    this.protocols = protocols;
    this.format = format;
    this.execution = execution;
    this.request = request;
    this.response = response;
    this.onEnd = onEnd;
    this.startNanos = clock.nanoTime();
  }

  public RequestExecution execution() {
    return execution;
  }

  public InboundRequest request() {
    return request;
  }

  /** Nanoseconds since the relay started. */
  public long elapsedNanos() {
    return clock.nanoTime() - startNanos;
  }

  /** Starts the first step. Call once, on the request's event loop. */
  public void start() {
    response.closeHandler(v -> onClientGone());
    step();
  }

  private void onClientGone() {
    if (ended || clientGone) {
      return;
    }
    clientGone = true;
    if (backoffTimer >= 0) {
      vertx.cancelTimer(backoffTimer);
      backoffTimer = -1;
    }
    if (current != null) {
      // Cancel the upstream at once: every further token would be billed for nobody.
      current.fail(new AttemptResult(OutcomeClass.CANCELLED, 0, null, "client closed the connection",
          -1, current.elapsed(), current.committed));
    } else {
      end();
    }
  }

  private void step() {
    if (clientGone) {
      end();
      return;
    }
    Step step = execution.next();
    if (step instanceof Step.Done) {
      finish(((Step.Done) step).verdict());
      return;
    }
    Step.Go go = (Step.Go) step;
    long delayMillis = TimeUnit.NANOSECONDS.toMillis(go.delayNanos());
    if (delayMillis <= 0) {
      launch(go.attempt());
    } else {
      backoffTimer = vertx.setTimer(delayMillis, id -> {
        backoffTimer = -1;
        launch(go.attempt());
      });
    }
  }

  private void launch(Attempt attempt) {
    UpstreamProtocol protocol = protocols.forProvider(attempt.target().ref().provider());
    current = new AttemptRun(attempt, protocol);
    current.start();
  }

  private void finish(Verdict verdict) {
    switch (verdict.kind()) {
      case SUCCEEDED:
      case FAILED_AFTER_COMMIT:
      case CANCELLED:
        break; // the answer (or its terminal error) was written as it streamed
      case REJECTED:
      case RATE_LIMITED:
        passOn(verdict);
        break;
      case DEADLINE_EXCEEDED:
        answerAllFailed(verdict, 504);
        break;
      default:
        answerAllFailed(verdict, 503);
    }
    end();
  }

  private void passOn(Verdict verdict) {
    UpstreamError e = lastError;
    if (e == null) {
      answerAllFailed(verdict, 503);
      return;
    }
    commonHeaders(verdict.decidingAttempt());
    response.setStatusCode(e.status);
    response.putHeader("content-type", "application/json");
    response.putHeader("x-should-retry", Boolean.toString(verdict.kind() == Verdict.Kind.RATE_LIMITED));
    if (verdict.retryAfterSeconds() > 0) {
      response.putHeader("retry-after", Long.toString(verdict.retryAfterSeconds()));
    }
    response.end(format.passThroughError(e.status, e.body, e.message));
  }

  private void answerAllFailed(Verdict verdict, int status) {
    if (response.headWritten()) {
      response.end();
      return;
    }
    response.setStatusCode(status);
    response.putHeader("content-type", "application/json");
    response.putHeader("x-ninelives-attempts", Integer.toString(verdict.attemptCount()));
    response.putHeader("x-should-retry", Boolean.toString(verdict.shouldRetry()));
    if (verdict.retryAfterSeconds() > 0) {
      response.putHeader("retry-after", Long.toString(verdict.retryAfterSeconds()));
    }
    response.end(format.allFailed(request.scan().model(), verdict));
  }

  private void commonHeaders(Attempt attempt) {
    if (attempt != null) {
      response.putHeader("x-ninelives-target", attempt.target().id());
    }
    response.putHeader("x-ninelives-attempts", Integer.toString(execution.attemptCount()));
  }

  private void end() {
    if (ended) {
      return;
    }
    ended = true;
    if (!clientGone && !response.ended() && !response.closed()) {
      response.end();
    }
    onEnd.accept(this);
  }

  /** An upstream error answer, kept for passing on to the client. */
  private static final class UpstreamError {
    final int status;
    final byte[] body;
    final String message;

    UpstreamError(int status, byte[] body, String message) {
      this.status = status;
      this.body = body;
      this.message = message;
    }
  }

  /** One upstream attempt: its connection, timers, stream reading and commit. */
  private final class AttemptRun {
    private final Attempt attempt;
    private final UpstreamProtocol protocol;
    private final long sentAt;
    private final long firstTokenDeadline;
    private final long responseDeadline;
    private final long stallNanos;
    private HttpClientRequest upstreamRequest;
    private HttpClientResponse upstreamResponse;
    private long watchdog = -1;
    private long lastEventAt = -1;
    private long ttft = -1;
    private boolean committed;
    private boolean done;
    private boolean upstreamEnded;
    private boolean paused;
    private List<Buffer> held;
    private StreamInspector inspector;
    private SseParser parser;
    private Buffer body;

    AttemptRun(Attempt attempt, UpstreamProtocol protocol) {
      this.attempt = attempt;
      this.protocol = protocol;
      this.sentAt = clock.nanoTime();
      var t = attempt.timeouts();
      long deadline = attempt.deadlineNanos();
      this.firstTokenDeadline = Math.min(deadline, sentAt + t.firstToken().toNanos());
      this.responseDeadline = Math.min(deadline, sentAt + t.response().toNanos());
      this.stallNanos = t.stall().toNanos();
    }

    long elapsed() {
      return clock.nanoTime() - sentAt;
    }

    void start() {
      UpstreamRequest up = protocol.prepare(attempt, request);
      long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(
          attempt.deadlineNanos() - sentAt));
      RequestOptions options = new RequestOptions()
          .setMethod(HttpMethod.valueOf(up.method()))
          .setAbsoluteURI(up.url())
          .setConnectTimeout(Math.min(attempt.timeouts().connect().toMillis(), remainingMillis));
      for (UpstreamRequest.Header h : up.headers()) {
        options.addHeader(h.name(), h.value());
      }
      armWatchdog();
      clients.of(attempt.target().ref().provider()).request(options)
          .onComplete(ar -> {
            if (ar.failed()) {
              failBeforeResponse(ar.cause());
              return;
            }
            HttpClientRequest req = ar.result();
            if (done) {
              req.reset(); // cancelled or timed out while connecting
              return;
            }
            upstreamRequest = req;
            req.send(Buffer.buffer(up.body())).onComplete(sent -> {
              if (sent.failed()) {
                failBeforeResponse(sent.cause());
              } else {
                onResponse(sent.result());
              }
            });
          });
    }

    private void failBeforeResponse(Throwable cause) {
      if (done) {
        return;
      }
      String what = cause.getClass().getSimpleName();
      boolean timeout = what.contains("Timeout");
      fail(AttemptResult.failure(Classification.of(
          timeout ? OutcomeClass.TIMEOUT : OutcomeClass.CONNECT_FAILURE,
          (timeout ? "connect timed out: " : "connection failed: ") + safeMessage(cause)),
          0, elapsed()));
    }

    private void onResponse(HttpClientResponse resp) {
      if (done) {
        return;
      }
      upstreamResponse = resp;
      int status = resp.statusCode();
      resp.exceptionHandler(this::onUpstreamBroken);
      if (status < 200 || status >= 300) {
        body = Buffer.buffer();
        resp.handler(chunk -> {
          if (body.length() < MAX_ERROR_BODY) {
            body.appendBuffer(chunk);
          }
        });
        resp.endHandler(v -> {
          upstreamEnded = true;
          onErrorAnswer(status);
        });
        return;
      }
      if (request.streaming()) {
        String type = resp.getHeader("content-type");
        if (type != null && !type.contains("event-stream")) {
          fail(AttemptResult.failure(Classification.of(OutcomeClass.DEGRADED,
              "expected an event stream, got " + type), status, elapsed()));
          return;
        }
        inspector = protocol.newStreamInspector();
        held = new ArrayList<>(2);
        lastEventAt = clock.nanoTime();
        cancelWatchdog();
        armWatchdog(); // from now on the stall timeout applies too
        parser = new SseParser(this::onEvent);
        resp.handler(chunk -> {
          if (!done) {
            byte[] bytes = chunk.getBytes();
            parser.feed(bytes, 0, bytes.length);
          }
        });
        resp.endHandler(v -> {
          upstreamEnded = true;
          onStreamEnd();
        });
      } else {
        body = Buffer.buffer();
        resp.handler(chunk -> {
          body.appendBuffer(chunk);
          if (body.length() > MAX_ANSWER_BODY) {
            fail(AttemptResult.failure(Classification.of(OutcomeClass.DEGRADED,
                "answer larger than " + MAX_ANSWER_BODY + " bytes"), status, elapsed()));
          }
        });
        resp.endHandler(v -> {
          upstreamEnded = true;
          onAnswer(status);
        });
      }
    }

    private void onErrorAnswer(int status) {
      if (done) {
        return;
      }
      byte[] bytes = body.getBytes();
      Classification c = protocol.classifyError(status, upstreamResponse::getHeader, bytes,
          clock.epochMillis());
      lastError = new UpstreamError(status, bytes, c.message());
      fail(AttemptResult.failure(c, status, elapsed()));
    }

    private void onAnswer(int status) {
      if (done) {
        return;
      }
      byte[] bytes = body.getBytes();
      String problem = protocol.problemWithAnswer(bytes);
      if (problem != null) {
        fail(AttemptResult.failure(Classification.of(OutcomeClass.DEGRADED, problem), status,
            elapsed()));
        return;
      }
      execution.commit(attempt);
      committed = true;
      recordSuccess(status);
      commonHeaders(attempt);
      response.setStatusCode(200);
      response.putHeader("content-type", "application/json");
      response.end(Buffer.buffer(bytes));
      step();
    }

    private void onEvent(SseEvent event) {
      if (done) {
        return;
      }
      lastEventAt = clock.nanoTime();
      StreamEventKind kind = inspector.inspect(event);
      if (kind == StreamEventKind.METADATA) {
        return;
      }
      if (!committed) {
        switch (kind) {
          case CONTENT:
            commit(event);
            return;
          case ERROR:
            fail(AttemptResult.failure(inspector.error(), 200, elapsed()));
            return;
          case DONE:
            fail(AttemptResult.failure(Classification.of(OutcomeClass.DEGRADED,
                "stream ended without content"), 200, elapsed()));
            return;
          case MALFORMED:
            fail(AttemptResult.failure(Classification.of(OutcomeClass.DEGRADED,
                "unreadable stream event"), 200, elapsed()));
            return;
          default:
            held.add(Buffer.buffer(event.raw())); // lifecycle frames wait for the commit
            return;
        }
      }
      switch (kind) {
        case ERROR:
          Classification c = inspector.error();
          fail(new AttemptResult(c.outcome() == OutcomeClass.SUCCESS ? OutcomeClass.STREAM_ERROR
              : c.outcome(), 200, null, c.message(), ttft, elapsed(), true));
          return;
        case MALFORMED:
          fail(new AttemptResult(OutcomeClass.STREAM_ERROR, 200, null, "unreadable stream event",
              ttft, elapsed(), true));
          return;
        case DONE:
          recordSuccess(200);
          response.end(Buffer.buffer(event.raw()));
          step();
          return;
        default:
          write(Buffer.buffer(event.raw()));
      }
    }

    private void commit(SseEvent first) {
      ttft = clock.nanoTime() - sentAt;
      execution.commit(attempt);
      committed = true;
      commonHeaders(attempt);
      response.setStatusCode(200);
      response.putHeader("content-type", "text/event-stream; charset=utf-8");
      response.putHeader("cache-control", "no-cache");
      response.setChunked(true);
      for (Buffer b : held) {
        response.write(b);
      }
      held = null;
      write(Buffer.buffer(first.raw()));
    }

    private void write(Buffer b) {
      response.write(b);
      if (response.writeQueueFull() && upstreamResponse != null && !paused) {
        // A slow client: stop reading upstream until it catches up, so memory stays bounded.
        // The silence that follows is ours, not the upstream's: no stall is counted meanwhile.
        paused = true;
        upstreamResponse.pause();
        response.drainHandler(v -> {
          paused = false;
          lastEventAt = clock.nanoTime();
          if (!done) {
            upstreamResponse.resume();
          }
        });
      }
    }

    private void onStreamEnd() {
      if (done) {
        return;
      }
      parser.finish();
      if (done) {
        return;
      }
      if (!committed) {
        fail(AttemptResult.failure(Classification.of(OutcomeClass.STREAM_ERROR,
            "stream ended before any content"), 200, elapsed()));
      } else if (inspector.finished()) {
        // The answer is complete; only the end marker is missing. Add it for the client.
        recordSuccess(200);
        response.end(format.endOfStream());
        step();
      } else {
        fail(new AttemptResult(OutcomeClass.STREAM_ERROR, 200, null,
            "upstream stream ended before the answer was complete", ttft, elapsed(), true));
      }
    }

    private void onUpstreamBroken(Throwable cause) {
      if (done) {
        return;
      }
      fail(new AttemptResult(committed ? OutcomeClass.STREAM_ERROR : OutcomeClass.CONNECT_FAILURE,
          upstreamResponse == null ? 0 : upstreamResponse.statusCode(), null,
          "upstream connection broke: " + safeMessage(cause), ttft, elapsed(), committed));
    }

    private void armWatchdog() {
      long now = clock.nanoTime();
      long due = attempt.deadlineNanos();
      if (request.streaming()) {
        if (!committed) {
          due = Math.min(due, firstTokenDeadline);
        }
        if (lastEventAt >= 0) {
          due = Math.min(due, lastEventAt + stallNanos);
        }
      } else {
        due = Math.min(due, responseDeadline);
      }
      long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(due - now) + 1);
      watchdog = vertx.setTimer(millis, id -> onWatchdog());
    }

    private void onWatchdog() {
      watchdog = -1;
      if (done) {
        return;
      }
      long now = clock.nanoTime();
      String timeout = null;
      if (now >= attempt.deadlineNanos()) {
        timeout = "request deadline of " + attempt.timeouts().total().toMillis() + " ms passed";
      } else if (request.streaming() && !committed && now >= firstTokenDeadline) {
        timeout = "no content within the first-token timeout of "
            + attempt.timeouts().firstToken().toMillis() + " ms";
      } else if (request.streaming() && !paused && lastEventAt >= 0
          && now - lastEventAt >= stallNanos) {
        timeout = "stream stalled for " + attempt.timeouts().stall().toMillis() + " ms";
      } else if (!request.streaming() && now >= responseDeadline) {
        timeout = "no answer within the response timeout of "
            + attempt.timeouts().response().toMillis() + " ms";
      }
      if (timeout == null) {
        armWatchdog();
        return;
      }
      int status = upstreamResponse == null ? 0 : upstreamResponse.statusCode();
      fail(new AttemptResult(committed ? OutcomeClass.STREAM_ERROR : OutcomeClass.TIMEOUT, status,
          null, timeout, ttft, elapsed(), committed));
    }

    /**
     * Records the success before the answer's last bytes go out, so that anything the client
     * does next already sees the target's health updated.
     */
    private void recordSuccess(int status) {
      done = true;
      cancelWatchdog();
      current = null;
      execution.record(attempt, AttemptResult.success(status, ttft, elapsed()));
    }

    /** Ends the attempt with a failure: closes the upstream and, if committed, the client stream. */
    void fail(AttemptResult result) {
      if (done) {
        return;
      }
      done = true;
      cancelWatchdog();
      current = null;
      if (upstreamRequest != null && !upstreamEnded) {
        // Closes the connection, so the upstream stops generating (and billing). A fully read
        // answer leaves its connection in the pool instead.
        upstreamRequest.reset();
      }
      execution.record(attempt, result);
      if (committed && !clientGone && !response.ended()) {
        // Streaming contract §3: a terminal error event, never a silent truncation or [DONE].
        response.end(format.terminalStreamError(
            "The upstream failed after the answer had started (" + result.message() + ")",
            "upstream_error"));
      }
      step();
    }

    private void cancelWatchdog() {
      if (watchdog >= 0) {
        vertx.cancelTimer(watchdog);
        watchdog = -1;
      }
    }
  }

  private static String safeMessage(Throwable t) {
    String m = t.getMessage();
    if (m == null) {
      return t.getClass().getSimpleName();
    }
    return m.length() > 200 ? m.substring(0, 200) : m;
  }
}
