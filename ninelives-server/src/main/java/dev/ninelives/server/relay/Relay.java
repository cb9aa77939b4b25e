package dev.ninelives.server.relay;

import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.policy.Attempt;
import dev.ninelives.core.policy.AttemptResult;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.core.policy.RequestExecution;
import dev.ninelives.core.policy.Step;
import dev.ninelives.core.policy.Verdict;
import dev.ninelives.core.time.Clock;
import dev.ninelives.core.trace.AttemptTrace;
import dev.ninelives.core.trace.RequestTrace;
import dev.ninelives.providers.AttemptSummary;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.SseParser;
import dev.ninelives.providers.StreamEventKind;
import dev.ninelives.providers.UpstreamRequest;
import dev.ninelives.providers.codec.ClientFormat;
import dev.ninelives.providers.codec.TranslationException;
import dev.ninelives.providers.codec.UnsupportedRequestException;
import dev.ninelives.server.protocol.FormatBridge;
import dev.ninelives.server.protocol.Inbound;
import dev.ninelives.server.protocol.ProviderSide;
import dev.ninelives.server.protocol.StreamRelay;
import java.io.ByteArrayOutputStream;
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
  private final ProviderLookup providers;
  private final ClientFormat format;
  private final RequestExecution execution;
  private final Inbound request;
  private final HttpServerResponse response;
  private final Consumer<Relay> onEnd;
  private final HealthListener listener;
  private final RequestTrace trace;
  private final long startNanos;
  private long upstreamNanos;
  private long waitNanos;
  private long firstContentNanos = -1;
  private String answeredBy;
  private Usage usage = Usage.UNKNOWN;

  private AttemptRun current;
  private long backoffTimer = -1;
  private boolean clientGone;
  private boolean ended;
  private UpstreamError lastError;

  /** Finds the provider side of a target's provider. */
  @FunctionalInterface
  public interface ProviderLookup {
    ProviderSide forProvider(String provider);
  }

  /**
   * @param arrivalNanos when the request arrived (clock nanos), for its duration
   * @param listener receives the request's summary when it ends
   * @param trace the request's trace ({@link RequestTrace#NONE} when not traced)
   */
  public Relay(Vertx vertx, Clock clock, UpstreamClients clients, ProviderLookup providers,
      RequestExecution execution, Inbound request, HttpServerResponse response,
      long arrivalNanos, HealthListener listener, RequestTrace trace, Consumer<Relay> onEnd) {
    this.vertx = vertx;
    this.clock = clock;
    this.clients = clients;
    this.providers = providers;
    this.format = request.client().errors();
    this.execution = execution;
    this.request = request;
    this.response = response;
    this.onEnd = onEnd;
    this.listener = listener;
    this.trace = trace;
    this.startNanos = arrivalNanos;
  }

  public RequestExecution execution() {
    return execution;
  }

  public Inbound request() {
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
      waitNanos += TimeUnit.MILLISECONDS.toNanos(delayMillis);
      backoffTimer = vertx.setTimer(delayMillis, id -> {
        backoffTimer = -1;
        launch(go.attempt());
      });
    }
  }

  private void launch(Attempt attempt) {
    ProviderSide provider = providers.forProvider(attempt.target().ref().provider());
    FormatBridge bridge = FormatBridge.between(request.client(), provider);
    UpstreamRequest up;
    try {
      up = bridge.prepare(attempt, request);
    } catch (UnsupportedRequestException e) {
      lastError = new UpstreamError(400, format.error(400, e.getMessage(), "unsupported_request"),
          e.getMessage(), true);
      execution.record(attempt, AttemptResult.notSent(OutcomeClass.UNSUPPORTED, e.getMessage()));
      step();
      return;
    } catch (TranslationException e) {
      lastError = new UpstreamError(400, format.error(400, e.getMessage(), "invalid_request"),
          e.getMessage(), true);
      execution.record(attempt, AttemptResult.notSent(OutcomeClass.CALLER_ERROR, e.getMessage()));
      step();
      return;
    }
    current = new AttemptRun(attempt, provider, bridge, up);
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
    commonHeaders(verdict.decidingAttempt(), null);
    response.setStatusCode(e.status);
    response.putHeader("content-type", "application/json");
    response.putHeader("x-should-retry",
        Boolean.toString(verdict.kind() == Verdict.Kind.RATE_LIMITED));
    if (verdict.retryAfterSeconds() > 0) {
      response.putHeader("retry-after", Long.toString(verdict.retryAfterSeconds()));
    }
    response.end(Buffer.buffer(e.clientShaped ? e.body
        : format.passThroughError(e.status, e.upstreamFormat, e.body, e.message)));
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
    response.end(Buffer.buffer(format.allFailed(status, allFailedMessage(verdict),
        verdict.kind() == Verdict.Kind.DEADLINE_EXCEEDED ? "deadline_exceeded"
            : "all_targets_failed", summaries(verdict))));
  }

  private String allFailedMessage(Verdict verdict) {
    StringBuilder text = new StringBuilder(verdict.kind() == Verdict.Kind.DEADLINE_EXCEEDED
        ? "The request deadline passed before any target of '" + request.scan().model()
            + "' answered"
        : "Every target of '" + request.scan().model() + "' failed");
    String sep = ": ";
    for (var r : verdict.attempts()) {
      text.append(sep).append(r.target()).append(' ').append(r.outcome());
      if (r.status() > 0) {
        text.append(" (").append(r.status()).append(')');
      }
      sep = "; ";
    }
    return text.append('.').toString();
  }

  private static List<AttemptSummary> summaries(Verdict verdict) {
    List<AttemptSummary> out = new ArrayList<>();
    for (var r : verdict.attempts()) {
      out.add(new AttemptSummary(r.target(), r.outcome(), r.status(),
          r.durationNanos() / 1_000_000, r.message()));
    }
    return out;
  }

  private void commonHeaders(Attempt attempt, FormatBridge bridge) {
    if (attempt != null) {
      response.putHeader("x-ninelives-target", attempt.target().id());
    }
    List<String> dropped = bridge == null ? List.of() : bridge.dropped(request);
    if (!dropped.isEmpty()) {
      // Fields the target's format could not carry were left out: say which.
      response.putHeader("x-ninelives-dropped", String.join(",", dropped));
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
    RequestSummary summary = summary();
    listener.onRequest(summary);
    trace.end(summary);
    onEnd.accept(this);
  }

  private RequestSummary summary() {
    Verdict v = execution.verdict();
    String outcome = v == null ? (clientGone ? "cancelled" : "unknown")
        : v.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    int status = clientGone && !response.headWritten() ? 499 : response.getStatusCode();
    long duration = clock.nanoTime() - startNanos;
    return new RequestSummary(request.route().name(),
        request.client().format().name().toLowerCase(java.util.Locale.ROOT), outcome, status,
        answeredBy, execution.attemptCount(),
        answeredBy != null && !answeredBy.equals(execution.plan().get(0).id()),
        request.streaming(), duration,
        firstContentNanos < 0 ? -1 : firstContentNanos - startNanos,
        Math.max(0, duration - upstreamNanos - waitNanos), usage.inputTokens(),
        usage.outputTokens());
  }

  /** An error answer kept for passing on to the client. */
  private static final class UpstreamError {
    final int status;
    final byte[] body;
    final String message;
    final dev.ninelives.core.model.WireFormat upstreamFormat;
    final boolean clientShaped;

    UpstreamError(int status, byte[] body, String message, boolean clientShaped) {
      this(status, body, message, null, clientShaped);
    }

    UpstreamError(int status, byte[] body, String message,
        dev.ninelives.core.model.WireFormat upstreamFormat, boolean clientShaped) {
      this.status = status;
      this.body = body;
      this.message = message;
      this.upstreamFormat = upstreamFormat;
      this.clientShaped = clientShaped;
    }
  }

  /** One upstream attempt: its connection, timers, stream reading and commit. */
  private final class AttemptRun {
    private final Attempt attempt;
    private final ProviderSide provider;
    private final FormatBridge bridge;
    private final UpstreamRequest up;
    private final AttemptTrace span;
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
    private ByteQueue held;
    private final ByteQueue out = new ByteQueue(512);
    // The client's bytes for every event parsed in one turn of the event loop, written by one
    // task queued behind that turn: one write (and one syscall) per upstream read rather than
    // per event or per HTTP chunk, as a plain reverse proxy would do.
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(1024);
    private boolean drainQueued;
    private StreamRelay stream;
    private SseParser parser;
    private Buffer body;

    AttemptRun(Attempt attempt, ProviderSide provider, FormatBridge bridge, UpstreamRequest up) {
      this.attempt = attempt;
      this.provider = provider;
      this.bridge = bridge;
      this.up = up;
      this.span = trace.attempt(attempt);
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
      long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(
          attempt.deadlineNanos() - sentAt));
      RequestOptions options = new RequestOptions()
          .setMethod(HttpMethod.valueOf(up.method()))
          .setAbsoluteURI(up.url())
          .setConnectTimeout(Math.min(attempt.timeouts().connect().toMillis(), remainingMillis));
      for (UpstreamRequest.Header h : up.headers()) {
        options.addHeader(h.name(), h.value());
      }
      if (span != AttemptTrace.NONE) {
        span.inject(options::addHeader); // W3C traceparent: the upstream may continue the trace
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
        stream = bridge.newStream(request, attempt.target().ref().model());
        held = new ByteQueue(256);
        lastEventAt = clock.nanoTime();
        cancelWatchdog();
        armWatchdog(); // from now on the stall timeout applies too
        parser = new SseParser(this::onEvent);
        resp.handler(chunk -> {
          if (!done) {
            byte[] bytes = chunk.getBytes();
            parser.feed(bytes, 0, bytes.length);
            queueDrain();
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
      Classification c = provider.classify(status, upstreamResponse::getHeader, bytes,
          clock.epochMillis());
      lastError = new UpstreamError(status, bytes, c.message(), provider.format(), false);
      fail(AttemptResult.failure(c, status, elapsed()));
    }

    private void onAnswer(int status) {
      if (done) {
        return;
      }
      FormatBridge.Answered answer;
      try {
        answer = bridge.answer(request, attempt.target().ref().model(), body.getBytes());
      } catch (TranslationException e) {
        fail(AttemptResult.failure(Classification.of(OutcomeClass.DEGRADED, e.getMessage()),
            status, elapsed()));
        return;
      }
      execution.commit(attempt);
      committed = true;
      if (span.recording()) {
        AttemptTracing.answered(span, bridge, request, attempt.target().ref().model(), answer);
      }
      recordSuccess(status);
      commonHeaders(attempt, bridge);
      response.setStatusCode(200);
      response.putHeader("content-type", "application/json");
      usage = answer.usage();
      firstContentNanos = clock.nanoTime();
      response.end(Buffer.buffer(answer.body()));
      step();
    }

    private void onEvent(SseEvent event) {
      if (done) {
        return;
      }
      lastEventAt = clock.nanoTime();
      out.reset();
      StreamEventKind kind = stream.onEvent(event, out);
      if (!committed) {
        switch (kind) {
          case CONTENT:
            commit();
            return;
          case ERROR:
            fail(AttemptResult.failure(stream.error(), 200, elapsed()));
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
            out.appendTo(held); // lifecycle frames wait for the commit
            return;
        }
      }
      switch (kind) {
        case ERROR:
        case MALFORMED:
          flushOut(); // content that came with the error still belongs to the answer
          Classification c = stream.error();
          String message = c == null ? "unreadable stream event" : c.message();
          fail(new AttemptResult(c == null || c.outcome() == OutcomeClass.SUCCESS
              ? OutcomeClass.STREAM_ERROR : c.outcome(), 200, null, message, ttft, elapsed(),
              true));
          return;
        case DONE:
          recordSuccess(200);
          endWithPending();
          step();
          return;
        default:
          flushOut();
      }
    }

    /** Queues this event's client bytes; {@link #queueDrain} writes them. */
    private void flushOut() {
      out.appendTo(pending);
    }

    private void queueDrain() {
      if (pending.size() > 0 && !drainQueued) {
        drainQueued = true;
        // Tasks run after the event loop has handled everything its last read brought, so
        // the chunks of one read (one per upstream HTTP chunk) leave in one write.
        vertx.getOrCreateContext().runOnContext(v -> drain());
      }
    }

    private void drain() {
      drainQueued = false;
      if (pending.size() > 0 && !response.ended()) {
        write(Buffer.buffer(pending.toByteArray()));
      }
      pending.reset();
    }

    /** Ends the client's answer with what is queued and the current event's bytes. */
    private void endWithPending() {
      out.appendTo(pending);
      response.end(Buffer.buffer(pending.toByteArray()));
      pending.reset();
    }

    private void commit() {
      ttft = clock.nanoTime() - sentAt;
      firstContentNanos = clock.nanoTime();
      execution.commit(attempt);
      committed = true;
      commonHeaders(attempt, bridge);
      response.setStatusCode(200);
      response.putHeader("content-type", "text/event-stream; charset=utf-8");
      response.putHeader("cache-control", "no-cache");
      response.setChunked(true);
      held.appendTo(pending);
      held = null;
      flushOut();
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
      out.reset();
      StreamEventKind end = stream.onEnd(out);
      if (!committed) {
        fail(AttemptResult.failure(Classification.of(OutcomeClass.STREAM_ERROR,
            "stream ended before any content"), 200, elapsed()));
      } else if (end == StreamEventKind.DONE) {
        recordSuccess(200);
        endWithPending();
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
      upstreamNanos += elapsed();
      answeredBy = attempt.target().id();
      if (stream != null) {
        usage = stream.usage();
        if (span.recording()) {
          AttemptTracing.streamed(span, stream, request);
        }
      }
      AttemptResult result = AttemptResult.success(status, ttft, elapsed());
      span.end(result);
      execution.record(attempt, result);
    }

    /** Ends the attempt with a failure: closes the upstream and, if committed, the client stream. */
    void fail(AttemptResult result) {
      if (done) {
        return;
      }
      done = true;
      cancelWatchdog();
      current = null;
      upstreamNanos += elapsed();
      if (committed) {
        answeredBy = attempt.target().id();
        usage = stream == null ? usage : stream.usage();
      }
      if (upstreamRequest != null && !upstreamEnded) {
        // Closes the connection, so the upstream stops generating (and billing). A fully read
        // answer leaves its connection in the pool instead.
        upstreamRequest.reset();
      }
      if (committed && stream != null && span.recording()) {
        AttemptTracing.streamed(span, stream, request);
      }
      span.end(result);
      execution.record(attempt, result);
      if (committed && !clientGone && !response.ended()) {
        // Streaming contract §3: a terminal error event, never a silent truncation or [DONE].
        // Content queued from the same read goes first: it belongs to the answer.
        pending.writeBytes(format.terminalStreamError(
            "The upstream failed after the answer had started (" + result.message() + ")"));
        response.end(Buffer.buffer(pending.toByteArray()));
      }
      pending.reset();
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
