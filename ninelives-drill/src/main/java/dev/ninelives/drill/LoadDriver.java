package dev.ninelives.drill;

import dev.ninelives.simulator.AnswerCheck;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends the scenario's load at a steady wall-clock rate for the length of the replay, the same
 * request to every run at the same moment: the same stream flag, the same client format (where
 * the endpoint lets it choose) and a fresh check word. The request mix is drawn from a seeded
 * generator, so a replay sends the same sequence.
 *
 * <p>Thread-safe: one scheduler thread sends; outcomes arrive on HTTP client threads.
 */
final class LoadDriver {
  private static final String PROMPT = "Reply in one short sentence, and repeat this word at the end: ";

  private final Load load;
  private final Timeline timeline;
  private final List<DrillClient> clients;
  private final List<RunLog> logs;
  private final SplittableRandom random;
  private final List<CompletableFuture<Outcome>> pending = new ArrayList<>();
  private int seq;

  LoadDriver(Load load, Timeline timeline, List<DrillClient> clients, List<RunLog> logs) {
    this.load = load;
    this.timeline = timeline;
    this.clients = List.copyOf(clients);
    this.logs = List.copyOf(logs);
    this.random = new SplittableRandom(load.seed());
  }

  /** How many requests the replay sends: one every 1/rate seconds while it lasts. */
  int total() {
    return (int) Math.ceil(timeline.wallNanos() / 1e9 * load.rate());
  }

  /**
   * Starts sending on {@code scheduler}; the returned future completes when the last request
   * has been sent.
   */
  CompletableFuture<Void> start(ScheduledExecutorService scheduler) {
    CompletableFuture<Void> allSent = new CompletableFuture<>();
    long periodNanos = Math.round(1e9 / load.rate());
    int n = total();
    ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
    Runnable tick = () -> {
      synchronized (this) {
        if (seq >= n) {
          if (!allSent.isDone()) {
            allSent.complete(null);
            task[0].cancel(false);
          }
          return;
        }
        sendOne(seq++);
      }
    };
    synchronized (this) {
      task[0] = scheduler.scheduleAtFixedRate(tick, 0, periodNanos, TimeUnit.NANOSECONDS);
    }
    return allSent;
  }

  private void sendOne(int i) {
    boolean stream = random.nextDouble() < load.streaming();
    ClientFormat format = draw(random.nextDouble());
    byte[] nonce = new byte[8];
    random.nextBytes(nonce);
    String word = AnswerCheck.word(HexFormat.of().formatHex(nonce));
    for (int r = 0; r < clients.size(); r++) {
      RunLog log = logs.get(r);
      DrillClient client = clients.get(r);
      log.sent();
      CompletableFuture<Outcome> f = client.send(i, format, stream, PROMPT + word, word);
      pending.add(f.whenComplete((o, e) -> log.add(o)));
    }
  }

  private ClientFormat draw(double u) {
    double acc = 0;
    ClientFormat last = ClientFormat.OPENAI;
    for (Map.Entry<ClientFormat, Double> e : load.clients().entrySet()) {
      acc += e.getValue();
      last = e.getKey();
      if (u < acc) {
        return last;
      }
    }
    return last;
  }

  /** Every request sent so far. */
  synchronized List<CompletableFuture<Outcome>> pending() {
    return new ArrayList<>(pending);
  }
}
