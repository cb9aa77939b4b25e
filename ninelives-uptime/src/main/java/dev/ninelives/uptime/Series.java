package dev.ninelives.uptime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The per-minute counts of one target, provider, route or of the gateway: a ring of the last
 * few minutes' buckets. A request thread finds its minute's bucket without a lock; the first
 * event of a new minute installs a fresh bucket with a compare-and-set. A bucket still in the
 * ring when its slot is needed again (the flusher fell behind) is moved to {@link #displaced}
 * rather than lost.
 *
 * <p>Thread-safe.
 */
final class Series {
  /** Minutes held in the ring: the flusher takes buckets well before their slot comes round. */
  static final int RING = 4;

  final Kind kind;
  final String name;
  final Outcomes.Labels labels;
  /** For a target, its provider's series; else null. */
  final Series provider;
  private final AtomicReferenceArray<Bucket> ring = new AtomicReferenceArray<>(RING);
  final ConcurrentLinkedQueue<Bucket> displaced = new ConcurrentLinkedQueue<>();
  /** The breaker is open (target) or every key is quarantined (provider) right now. */
  volatile boolean outNow;

  Series(Kind kind, String name, Series provider) {
    this.kind = kind;
    this.name = name;
    this.labels = Outcomes.labels(kind);
    this.provider = provider;
  }

  /** The bucket of {@code minute}, created on its first use. */
  Bucket bucket(long minute) {
    int i = (int) Math.floorMod(minute, (long) RING);
    Bucket b = ring.get(i);
    if (b != null && b.minute == minute) {
      return b;
    }
    Bucket fresh = new Bucket(minute, labels.size());
    while (true) {
      if (ring.compareAndSet(i, b, fresh)) {
        if (b != null) {
          displaced.add(b);
        }
        return fresh;
      }
      b = ring.get(i);
      if (b != null && b.minute == minute) {
        return b; // another thread installed it first
      }
    }
  }

  void add(long minute, int slot) {
    bucket(minute).counts[slot].increment();
  }

  /** Every bucket held: the ring's and the displaced ones. */
  List<Bucket> buckets() {
    List<Bucket> out = new ArrayList<>(RING);
    for (int i = 0; i < RING; i++) {
      Bucket b = ring.get(i);
      if (b != null) {
        out.add(b);
      }
    }
    out.addAll(displaced);
    return out;
  }

  /**
   * Lets go of a bucket whose counts are stored. An increment that still reaches it after this
   * would be lost; buckets are retired only minutes after their minute ended, long after any
   * request that read the clock in it has counted.
   */
  void retire(Bucket b) {
    int i = (int) Math.floorMod(b.minute, (long) RING);
    if (!ring.compareAndSet(i, b, null)) {
      displaced.remove(b);
    }
  }
}
