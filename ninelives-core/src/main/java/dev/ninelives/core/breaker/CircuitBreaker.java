package dev.ninelives.core.breaker;

import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.time.Clock;
import java.util.Objects;

/**
 * A circuit breaker for one target: failure rate and slow-call rate over a sliding time
 * window, a minimum number of calls before either rate is judged, an open duration, and
 * half-open trial calls that must all succeed before traffic returns.
 *
 * <p>Every permit handed out by {@link #tryAcquire()} or {@link #forceTrial()} must be
 * finished exactly once with {@link #onResult}. A slow call is a success that took longer
 * than the slow-call threshold (for streams the caller measures time to first token, since a
 * long stream is not a slow one).
 *
 * <p>We keep our own small state machine rather than a library's because the gateway needs
 * (a) the moment a breaker opened, to try the longest-open target when every target is open,
 * (b) forced trials outside the half-open schedule, (c) the gateway's injected nanosecond
 * clock, and later (d) state that can be shared across replicas.
 *
 * <p>Thread-safe: all state is guarded by this object's monitor; calls are short and never
 * block on I/O.
 */
public final class CircuitBreaker {

  /** A permission to make one call. Finish it with {@link CircuitBreaker#onResult}. */
  public static final class Permit {
    private final long generation;
    private final Kind kind;
    private boolean finished;

    Permit(long generation, Kind kind) {
      this.generation = generation;
      this.kind = kind;
    }

    /** Whether this permit is a trial that decides the breaker's next state. */
    public boolean isTrial() {
      return kind != Kind.NORMAL;
    }

    @Override
    public String toString() {
      return "Permit[" + kind + "]";
    }
  }

  enum Kind {
    NORMAL,
    TRIAL,
    FORCED
  }

  private static final int BUCKETS = 10;

  private final String target;
  private final ResilienceConfig.Breaker config;
  private final Clock clock;
  private final BreakerListener listener;
  private final long bucketNanos;
  private final long openForNanos;
  private final long slowCallNanos;

  // Sliding window: a ring of buckets, each tagged with the bucket index it counts for, so a
  // stale bucket is recognised and reset lazily instead of by a timer.
  private final long[] bucketEpoch = new long[BUCKETS];
  private final int[] bucketCalls = new int[BUCKETS];
  private final int[] bucketFailures = new int[BUCKETS];
  private final int[] bucketSlow = new int[BUCKETS];

  private BreakerState state = BreakerState.CLOSED;
  /** Bumped on every transition: results of permits from an earlier state are not counted. */
  private long generation;
  private long openedAt = Long.MIN_VALUE;
  private int trialsInFlight;
  private int trialsSucceeded;

  public CircuitBreaker(String target, ResilienceConfig.Breaker config, Clock clock,
      BreakerListener listener) {
    this.target = Objects.requireNonNull(target, "target");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.bucketNanos = Math.max(1, config.window().toNanos() / BUCKETS);
    this.openForNanos = config.openFor().toNanos();
    this.slowCallNanos = config.slowCall().toNanos();
    java.util.Arrays.fill(bucketEpoch, Long.MIN_VALUE);
  }

  public String target() {
    return target;
  }

  /** The slow-call threshold in nanoseconds, for callers that judge slowness themselves. */
  public long slowCallNanos() {
    return slowCallNanos;
  }

  /**
   * Asks to make a call. Returns null when the breaker is open (or half-open with all trial
   * calls already out): the caller skips this target without touching the network.
   */
  public synchronized Permit tryAcquire() {
    long now = clock.nanoTime();
    if (state == BreakerState.OPEN && now - openedAt >= openForNanos) {
      transition(BreakerState.HALF_OPEN, now);
    }
    switch (state) {
      case CLOSED:
        return new Permit(generation, Kind.NORMAL);
      case HALF_OPEN:
        if (trialsInFlight + trialsSucceeded < config.halfOpenCalls()) {
          trialsInFlight++;
          return new Permit(generation, Kind.TRIAL);
        }
        return null;
      default:
        return null;
    }
  }

  /**
   * A trial call outside the schedule, used when every target of a route is unavailable and
   * the gateway would rather try the longest-open one than fail at once. Its success closes
   * the breaker; its failure restarts the open period.
   */
  public synchronized Permit forceTrial() {
    return new Permit(generation, Kind.FORCED);
  }

  /**
   * Finishes a permit.
   *
   * @param permit the permit from {@link #tryAcquire()} or {@link #forceTrial()}
   * @param result how the call went
   * @param latencyNanos time to first token (streams) or to the response (non-streaming),
   *     judged against the slow-call threshold; ignored unless the result is SUCCESS
   */
  public synchronized void onResult(Permit permit, CallResult result, long latencyNanos) {
    Objects.requireNonNull(permit, "permit");
    if (permit.finished) {
      throw new IllegalStateException("a breaker permit must be finished exactly once");
    }
    permit.finished = true;
    long now = clock.nanoTime();
    boolean slow = result == CallResult.SUCCESS && latencyNanos > slowCallNanos;
    if (permit.kind == Kind.FORCED) {
      onForcedResult(result, slow, now);
      return;
    }
    if (permit.generation != generation) {
      return; // issued before the last transition: it says nothing about the current state
    }
    if (permit.kind == Kind.TRIAL) {
      onTrialResult(result, slow, now);
      return;
    }
    if (result == CallResult.IGNORED || state != BreakerState.CLOSED) {
      return;
    }
    record(result == CallResult.FAILURE, slow, now);
    evaluate(now);
  }

  private void onTrialResult(CallResult result, boolean slow, long now) {
    trialsInFlight--;
    if (result == CallResult.IGNORED) {
      return; // the slot is free for another trial
    }
    if (result == CallResult.FAILURE || slow) {
      transition(BreakerState.OPEN, now);
      return;
    }
    trialsSucceeded++;
    if (trialsSucceeded >= config.halfOpenCalls()) {
      transition(BreakerState.CLOSED, now);
    }
  }

  private void onForcedResult(CallResult result, boolean slow, long now) {
    if (result == CallResult.IGNORED) {
      return;
    }
    if (result == CallResult.FAILURE || slow) {
      if (state != BreakerState.CLOSED) {
        transition(BreakerState.OPEN, now); // restart the open period
      }
      return;
    }
    if (state != BreakerState.CLOSED) {
      transition(BreakerState.CLOSED, now);
    }
  }

  private void record(boolean failure, boolean slow, long now) {
    long epoch = Math.floorDiv(now, bucketNanos);
    int i = (int) Math.floorMod(epoch, (long) BUCKETS);
    if (bucketEpoch[i] != epoch) {
      bucketEpoch[i] = epoch;
      bucketCalls[i] = 0;
      bucketFailures[i] = 0;
      bucketSlow[i] = 0;
    }
    bucketCalls[i]++;
    if (failure) {
      bucketFailures[i]++;
    }
    if (slow) {
      bucketSlow[i]++;
    }
  }

  private void evaluate(long now) {
    long epoch = Math.floorDiv(now, bucketNanos);
    int calls = 0;
    int failures = 0;
    int slow = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (bucketEpoch[i] > epoch - BUCKETS) {
        calls += bucketCalls[i];
        failures += bucketFailures[i];
        slow += bucketSlow[i];
      }
    }
    if (calls < config.minimumCalls()) {
      return;
    }
    if (failures >= config.failureRate() * calls || slow >= config.slowCallRate() * calls) {
      transition(BreakerState.OPEN, now);
    }
  }

  private void transition(BreakerState to, long now) {
    BreakerState from = state;
    state = to;
    generation++;
    trialsInFlight = 0;
    trialsSucceeded = 0;
    if (to == BreakerState.OPEN) {
      openedAt = now;
    }
    if (to == BreakerState.CLOSED) {
      java.util.Arrays.fill(bucketEpoch, Long.MIN_VALUE); // a closed breaker starts afresh
    }
    listener.onTransition(target, from, to, now);
  }

  /** The current state; an open breaker whose open period has passed reads as half-open. */
  public synchronized BreakerState state() {
    if (state == BreakerState.OPEN && clock.nanoTime() - openedAt >= openForNanos) {
      return BreakerState.HALF_OPEN;
    }
    return state;
  }

  /** When the breaker last opened, in clock nanos, or {@link Long#MIN_VALUE} if never. */
  public synchronized long openedAtNanos() {
    return openedAt;
  }

  public synchronized BreakerSnapshot snapshot() {
    long now = clock.nanoTime();
    long epoch = Math.floorDiv(now, bucketNanos);
    int calls = 0;
    int failures = 0;
    int slow = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (bucketEpoch[i] > epoch - BUCKETS) {
        calls += bucketCalls[i];
        failures += bucketFailures[i];
        slow += bucketSlow[i];
      }
    }
    BreakerState s = state();
    long reopensIn = state == BreakerState.OPEN ? Math.max(0, openedAt + openForNanos - now) : 0;
    return new BreakerSnapshot(s, calls, calls == 0 ? 0 : (double) failures / calls,
        calls == 0 ? 0 : (double) slow / calls, openedAt, reopensIn);
  }

  @Override
  public String toString() {
    return "CircuitBreaker[" + target + ", " + state + "]";
  }
}
