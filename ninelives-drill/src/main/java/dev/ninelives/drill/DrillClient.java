package dev.ninelives.drill;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Sends one drill request and judges what comes back, reading the body as it arrives so that
 * time to first token is measured and a stalled answer can be given up on. Every request ends
 * within the load's timeout: the client gives up then, as an application would.
 *
 * <p>Thread-safe: each call has its own state; the HTTP client and the timer are shared.
 */
final class DrillClient {
  private final HttpClient http;
  private final Endpoint endpoint;
  private final Duration timeout;
  private final ScheduledExecutorService timer;
  private final LongSupplier clock;
  private final Timeline timeline;

  /**
   * @param clock nanoseconds from the start of the replay
   * @param timeline tells the phase a request is sent in
   */
  DrillClient(HttpClient http, Endpoint endpoint, Duration timeout, ScheduledExecutorService timer,
      LongSupplier clock, Timeline timeline) {
    this.http = http;
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.timer = timer;
    this.clock = clock;
    this.timeline = timeline;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  /** Sends request {@code seq}; the future always completes, with the outcome, never exceptionally. */
  CompletableFuture<Outcome> send(int seq, ClientFormat drawn, boolean stream, String prompt, String checkWord) {
    ClientFormat format = endpoint.format(drawn);
    HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url(format, stream)))
        // The client's own deadline below comes first; this only makes the HTTP client close a
        // connection that never answered, shortly after.
        .timeout(timeout.plusSeconds(1))
        .header("content-type", "application/json")
        .headers(endpoint.headers(format))
        .POST(HttpRequest.BodyPublishers.ofString(RequestBodies.body(format, endpoint.model(), stream, prompt)))
        .build();
    long now = clock.getAsLong();
    Call call = new Call(seq, timeline.spanAt(now).index(), format, stream, checkWord, now);
    long deadline = TimeUnit.NANOSECONDS.toMillis(timeout.toNanos());
    timer.schedule(() -> call.giveUp("timeout after " + Durations.human(timeout)), deadline, TimeUnit.MILLISECONDS);
    http.sendAsync(request, call::subscriber).whenComplete((response, error) -> {
      if (error != null) {
        call.failed(error);
      } else {
        call.bodyDone();
      }
    });
    return call.result;
  }

  /** One request in flight. The first of answer, failure and deadline decides the outcome. */
  private final class Call implements Flow.Subscriber<String> {
    private final int seq;
    private final int phase;
    private final ClientFormat format;
    private final boolean stream;
    private final long sentNanos;
    private final AnswerReader reader;
    private final CompletableFuture<Outcome> result = new CompletableFuture<>();
    private final AtomicBoolean decided = new AtomicBoolean();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private volatile int status;
    private volatile String target;
    private volatile int attempts;

    Call(int seq, int phase, ClientFormat format, boolean stream, String checkWord, long sentNanos) {
      this.seq = seq;
      this.phase = phase;
      this.format = format;
      this.stream = stream;
      this.sentNanos = sentNanos;
      this.reader = new AnswerReader(format, stream, checkWord, sentNanos);
    }

    HttpResponse.BodySubscriber<Void> subscriber(HttpResponse.ResponseInfo info) {
      status = info.statusCode();
      HttpHeaders h = info.headers();
      target = h.firstValue("x-ninelives-target").orElse(null);
      attempts = h.firstValue("x-ninelives-attempts").map(DrillClient::parseInt).orElse(0);
      return HttpResponse.BodySubscribers.fromLineSubscriber(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription.set(s);
      if (decided.get()) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(String line) {
      synchronized (reader) {
        reader.line(line, clock.getAsLong());
      }
    }

    @Override
    public void onError(Throwable t) {
      // The send future fails too and reports it.
    }

    @Override
    public void onComplete() {
      // bodyDone runs when the send future completes.
    }

    void bodyDone() {
      if (status != 200) {
        decide(Verdict.FAILED, "HTTP " + status, -1);
        return;
      }
      AnswerReader.Judgement j;
      long ttft;
      synchronized (reader) {
        j = reader.finish();
        ttft = reader.firstContentNanos();
      }
      decide(j.verdict(), j.reason(), stream ? ttft : -1);
    }

    void failed(Throwable error) {
      Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      decide(Verdict.FAILED, describe(e), -1);
    }

    void giveUp(String why) {
      if (decide(Verdict.FAILED, why, -1)) {
        Flow.Subscription s = subscription.get();
        if (s != null) {
          s.cancel();
        }
      }
    }

    private boolean decide(Verdict verdict, String reason, long ttft) {
      if (!decided.compareAndSet(false, true)) {
        return false;
      }
      long now = clock.getAsLong();
      result.complete(new Outcome(seq, sentNanos, phase, format, stream, verdict, reason, status,
          now - sentNanos, ttft, target, attempts));
      return true;
    }
  }

  private static String describe(Throwable e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof HttpTimeoutException) {
      return "timeout";
    }
    if (e instanceof IOException) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      if (m.contains("header parser received no bytes") || m.contains("closed") || m.contains("reset")
          || m.contains("EOF")) {
        return "connection closed without an answer";
      }
      return "connection failed";
    }
    return e.getClass().getSimpleName();
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
