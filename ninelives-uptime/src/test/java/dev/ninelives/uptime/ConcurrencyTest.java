package dev.ninelives.uptime;

import static dev.ninelives.uptime.Events.attempt;
import static dev.ninelives.uptime.Events.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Request threads count while the flusher writes and a minute ends: nothing lost or doubled. */
class ConcurrencyTest {

  @Test
  void everyEventIsCountedOnceWhileFlushesRunAlongside() throws Exception {
    ManualClock clock = Events.clock();
    UptimeHistory history = new UptimeHistory(new MemoryStore(), 0.999, clock,
        Retention.DEFAULT);
    UptimeRecorder rec = history.recorder();
    int threads = 4;
    int perThread = 50_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            rec.onAttempt("chat", attempt("p/m", i % 10 == 0 ? "server-error" : "success"));
            rec.onRequest(request("chat", "succeeded", i % 2 == 0));
          }
          return null;
        }));
      }
      start.countDown();
      // The minute ends once, mid-run, and the flusher keeps writing what has finished.
      // (The clock moves less than the retirement age, so no bucket is let go under a writer.)
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      int flushes = 0;
      while (!allDone(done) && System.nanoTime() < deadline) {
        if (flushes++ == 5) {
          clock.advance(Duration.ofSeconds(59));
        }
        history.flush();
        if (flushes % 3 == 0) {
          history.report(new ReportWindow(Events.START, Instant.parse("2026-11-24T11:00:00Z")));
        }
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    history.flush();
    UptimeReport r = history.report(new ReportWindow(Events.START,
        Instant.parse("2026-11-24T11:00:00Z")));
    long total = (long) threads * perThread;
    assertThat(r.clients().succeeded()).isEqualTo(total);
    assertThat(r.clients().failedOver()).isEqualTo(total / 2);
    UptimeReport.Upstream t = r.providers().get(0).targets().get(0);
    assertThat(t.answered() + t.failed()).isEqualTo(total);
    assertThat(t.failed()).isEqualTo(total / 10);
    assertThat(r.providers().get(0).totals().calls()).isEqualTo(total);
  }

  private static boolean allDone(List<Future<?>> fs) {
    for (Future<?> f : fs) {
      if (!f.isDone()) {
        return false;
      }
    }
    return true;
  }
}
