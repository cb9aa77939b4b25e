package dev.ninelives.drill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outcomes of one run (through the gateway, or straight to the primary) as they arrive, with
 * running counts for the live view. Thread-safe: outcomes arrive on HTTP client threads.
 */
final class RunLog {
  private final String label;
  private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger ok = new AtomicInteger();
  private final AtomicInteger wrong = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  RunLog(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  void sent() {
    sent.incrementAndGet();
  }

  void add(Outcome o) {
    outcomes.add(o);
    switch (o.verdict()) {
      case OK:
        ok.incrementAndGet();
        break;
      case WRONG:
        wrong.incrementAndGet();
        break;
      default:
        failed.incrementAndGet();
        break;
    }
  }

  int sentCount() {
    return sent.get();
  }

  int okCount() {
    return ok.get();
  }

  int wrongCount() {
    return wrong.get();
  }

  int failedCount() {
    return failed.get();
  }

  int doneCount() {
    return ok.get() + wrong.get() + failed.get();
  }

  /** Every outcome so far, in the order the requests were sent. */
  List<Outcome> outcomes() {
    List<Outcome> list = new ArrayList<>(outcomes);
    list.sort(Comparator.comparingInt(Outcome::seq));
    return list;
  }

  /** The outcomes that completed since {@code sinceNanos}. */
  List<Outcome> completedSince(long sinceNanos) {
    List<Outcome> list = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.sentNanos() + o.latencyNanos() >= sinceNanos) {
        list.add(o);
      }
    }
    return list;
  }
}
