package dev.ninelives.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo's client: a steady rate of requests to the gateway (every other one streaming),
 * each judged on what came back — a complete answer, not just a 200 — and a line per second
 * of what the client saw. Bounded in time: it stops sending when the timeline ends and waits
 * at most 30 s for the last answers.
 */
final class DemoLoad {
  private static final String ASK = "{\"model\":\"chat\",\"stream\":%s,\"messages\":"
      + "[{\"role\":\"user\",\"content\":\"Say hello\"}]}";

  private final String url;
  private final int rate;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final ConcurrentLinkedQueue<DemoReport.Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final List<CompletableFuture<?>> inFlight = new ArrayList<>();

  DemoLoad(String url, int rate, PrintStream out) {
    this.url = url;
    this.rate = rate;
    this.out = out;
  }

  DemoReport run(DemoTimeline timeline) throws InterruptedException {
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-load");
      t.setDaemon(true);
      return t;
    });
    long start = System.nanoTime();
    long periodMicros = 1_000_000L / rate;
    long[] sent = {0};
    int[] printedSecond = {0};
    List<DemoReport.Outcome> all = new ArrayList<>();
    clock.scheduleAtFixedRate(() -> {
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      if (elapsed >= timeline.durationMillis()) {
        return;
      }
      DemoTimeline.Phase phase = timeline.apply(elapsed);
      boolean stream = (sent[0]++ & 1) == 1;
      send(stream, phase, (int) (elapsed / 1000));
      int second = (int) (elapsed / 1000);
      if (second > printedSecond[0]) {
        print(printedSecond[0], timeline, all);
        printedSecond[0] = second;
      }
    }, 0, periodMicros, TimeUnit.MICROSECONDS);
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeline.durationMillis());
    while (System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    clock.shutdown();
    clock.awaitTermination(5, TimeUnit.SECONDS);
    CompletableFuture<?>[] pending;
    synchronized (inFlight) {
      pending = inFlight.toArray(new CompletableFuture<?>[0]);
    }
    try {
      CompletableFuture.allOf(pending).get(30, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      out.println("(some answers did not arrive within 30 s)");
    }
    print(printedSecond[0], timeline, all);
    return new DemoReport(all);
  }

  private void send(boolean stream, DemoTimeline.Phase phase, int second) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(String.format(ASK, stream)))
        .build();
    long sentAt = System.nanoTime();
    CompletableFuture<?> f = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle((r, err) -> {
          long millis = (System.nanoTime() - sentAt) / 1_000_000;
          boolean ok = err == null && r.statusCode() == 200 && complete(r.body(), stream);
          String target = err == null ? r.headers().firstValue("x-ninelives-target").orElse("-")
              : "-";
          outcomes.add(new DemoReport.Outcome(second, phase, ok, target, millis));
          return null;
        });
    synchronized (inFlight) {
      inFlight.add(f);
    }
  }

  /** A complete answer: a streamed one ends with [DONE] and carries no error event. */
  private static boolean complete(String body, boolean stream) {
    if (stream) {
      return body.endsWith("data: [DONE]\n\n") && !body.contains("data: {\"error\"");
    }
    return body.contains("\"choices\"") && body.contains("\"content\"");
  }

  private void print(int second, DemoTimeline timeline, List<DemoReport.Outcome> all) {
    List<DemoReport.Outcome> batch = new ArrayList<>();
    for (DemoReport.Outcome o; (o = outcomes.poll()) != null; ) {
      batch.add(o);
    }
    all.addAll(batch);
    DemoTimeline.Phase phase = timeline.phaseAt(second * 1000L);
    out.println(DemoReport.line(second, phase, batch));
    for (String event : timeline.drainEvents()) {
      out.println("        * " + event);
    }
    out.flush();
  }
}
