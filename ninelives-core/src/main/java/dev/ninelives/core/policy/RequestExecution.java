package dev.ninelives.core.policy;

import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.breaker.CallResult;
import dev.ninelives.core.breaker.CircuitBreaker;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.keys.KeyLease;
import dev.ninelives.core.keys.KeyPool;
import dev.ninelives.core.retry.Backoff;
import dev.ninelives.core.routing.Target;
import dev.ninelives.core.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy for one client request, streaming or not: a loop the relay drives by asking
 * {@link #next()} what to do and telling {@link #record} how each attempt went.
 *
 * <p>Policies nest in this order, outermost first: request deadline, then failover across the
 * route's targets, then retries of one target (backoff with full jitter, retry-after, retry
 * budget), then the attempt itself under the target's breaker permit and a key from its
 * provider's pool. Each retry or failover decision follows {@link OutcomeClass}.
 *
 * <p>Once the answer has started reaching the client (the stream is committed) there is no
 * retry and no failover: the client already holds part of one answer and a second one cannot
 * be spliced onto it.
 *
 * <p>Not thread-safe: one request is driven from one thread (its event loop) at a time. The
 * shared health state it touches (breakers, budgets, key pools) is thread-safe.
 */
public final class RequestExecution {
  private final ModelRoute route;
  private final List<Target> plan;
  private final boolean streaming;
  private final Clock clock;
  private final Backoff backoff;
  private final dev.ninelives.core.health.HealthListener listener;
  private final ResilienceConfig.Retries retries;
  private final ResilienceConfig.Timeouts timeouts;
  private final long deadline;

  private final List<AttemptRecord> records = new ArrayList<>();
  private final List<Target> unavailable = new ArrayList<>();
  private int index = -1;
  private int triesOnTarget;
  private int retriesOnTarget;
  private int attemptNumber;
  private long pendingDelay = -1;
  private boolean largerContextOnly;
  private boolean forcedTried;
  private Target lastAttempted;
  private String lastFailureReason;
  private Attempt inFlight;
  private Attempt lastRecorded;
  private boolean committed;
  private Verdict verdict;
  private long minRetryAfterNanos = Long.MAX_VALUE;

  RequestExecution(ModelRoute route, List<Target> plan, boolean streaming, Clock clock,
      Backoff backoff, dev.ninelives.core.health.HealthListener listener) {
    this.route = route;
    this.plan = plan;
    this.streaming = streaming;
    this.clock = clock;
    this.backoff = backoff;
    this.listener = listener;
    this.retries = route.resilience().retries();
    this.timeouts = route.resilience().timeouts();
    this.deadline = clock.nanoTime() + timeouts.total().toNanos();
  }

  public ModelRoute route() {
    return route;
  }

  public boolean streaming() {
    return streaming;
  }

  /** The request deadline in clock nanos. */
  public long deadlineNanos() {
    return deadline;
  }

  /** The targets in the order this request tries them. */
  public List<Target> plan() {
    return plan;
  }

  /** Every step so far. */
  public List<AttemptRecord> records() {
    return List.copyOf(records);
  }

  /** Upstream calls made so far (attempts given up before sending do not count). */
  public int attemptCount() {
    int n = 0;
    for (AttemptRecord r : records) {
      if (r.network()) {
        n++;
      }
    }
    return inFlight == null ? n : n + 1;
  }

  /** The verdict once the request has ended, else null. */
  public Verdict verdict() {
    return verdict;
  }

  /**
   * What to do next. Call again after recording each attempt until the answer is
   * {@link Step.Done}.
   *
   * @throws IllegalStateException if an attempt is still in flight
   */
  public Step next() {
    if (verdict != null) {
      return new Step.Done(verdict);
    }
    if (inFlight != null) {
      throw new IllegalStateException("record " + inFlight + " before asking for the next step");
    }
    if (clock.nanoTime() >= deadline) {
      return finish(Verdict.Kind.DEADLINE_EXCEEDED, null);
    }
    if (pendingDelay >= 0) {
      long delay = pendingDelay;
      pendingDelay = -1;
      Step retry = retryCurrent(delay);
      if (retry != null) {
        return retry;
      }
    }
    while (++index < plan.size()) {
      Target t = plan.get(index);
      if (largerContextOnly && !t.ref().largerContext()) {
        continue;
      }
      Step go = firstAttempt(t);
      if (go != null) {
        return go;
      }
    }
    if (attemptNumber == 0 && !forcedTried && !unavailable.isEmpty()) {
      forcedTried = true;
      Step forced = forceLongestUnavailable();
      if (forced != null) {
        return forced;
      }
    }
    return finishFailed();
  }

  private Step firstAttempt(Target t) {
    if (t.keys().allUsableKeysCooling()) {
      // Deferred, not dropped: when no other target can serve, the forced trial below still
      // calls it, and a retry-after that fits the deadline is then waited out.
      skipped(t, AttemptRecord.RATE_LIMIT_COOLING, "rate limited by provider '"
          + t.ref().provider() + "': waiting for its retry-after");
      return null;
    }
    CircuitBreaker.Permit permit = t.breaker().tryAcquire();
    if (permit == null) {
      skipped(t, AttemptRecord.BREAKER_OPEN, "circuit breaker open");
      return null;
    }
    KeyLease key = t.keys().acquire();
    if (key == null) {
      t.breaker().onResult(permit, CallResult.IGNORED, 0);
      skipped(t, AttemptRecord.PROVIDER_QUARANTINED, "every key of provider '"
          + t.ref().provider() + "' is quarantined");
      return null;
    }
    triesOnTarget = 0;
    retriesOnTarget = 0;
    t.budget().recordFirstAttempt();
    if (lastAttempted != null && lastAttempted != t) {
      listener.onFailover(route.name(), lastAttempted.id(), t.id(), lastFailureReason);
    }
    return go(t, key, permit, false, 0);
  }

  private Step retryCurrent(long delay) {
    Target t = plan.get(index);
    CircuitBreaker.Permit permit = t.breaker().tryAcquire();
    if (permit == null) {
      // The breaker opened while we waited (other requests failed too): stop retrying here.
      skipped(t, AttemptRecord.BREAKER_OPEN, "circuit breaker opened");
      return null;
    }
    KeyLease key = t.keys().acquire();
    if (key == null) {
      t.breaker().onResult(permit, CallResult.IGNORED, 0);
      skipped(t, AttemptRecord.PROVIDER_QUARANTINED, "every key is quarantined");
      return null;
    }
    return go(t, key, permit, false, delay);
  }

  private Step forceLongestUnavailable() {
    Target oldest = null;
    for (Target t : unavailable) {
      if (oldest == null || t.unavailableSinceNanos() < oldest.unavailableSinceNanos()) {
        oldest = t;
      }
    }
    CircuitBreaker.Permit permit = oldest.breaker().state() == BreakerState.CLOSED
        ? oldest.breaker().tryAcquire() : oldest.breaker().forceTrial();
    if (permit == null) {
      permit = oldest.breaker().forceTrial();
    }
    KeyLease key = oldest.keys().acquire();
    if (key == null) {
      key = oldest.keys().forceProbe();
    }
    if (key == null) {
      oldest.breaker().onResult(permit, CallResult.IGNORED, 0);
      return null;
    }
    index = plan.size(); // after the forced trial there is nowhere left to fail over to
    triesOnTarget = 0;
    retriesOnTarget = retries.max(); // and no retries of it either
    return go(oldest, key, permit, true, 0);
  }

  private Step go(Target t, KeyLease key, CircuitBreaker.Permit permit, boolean forced,
      long delay) {
    int retry = triesOnTarget;
    triesOnTarget++;
    attemptNumber++;
    lastAttempted = t;
    inFlight = new Attempt(t, key, permit, attemptNumber, retry, forced, deadline, timeouts);
    return new Step.Go(inFlight, delay);
  }

  private void skipped(Target t, String outcome, String message) {
    unavailable.add(t);
    AttemptRecord r = new AttemptRecord(t.id(), null, outcome, 0, 0, -1, message, false, 0);
    records.add(r);
    listener.onAttempt(route.name(), r);
  }

  /**
   * Tells the engine that the attempt's answer has started reaching the client (the first
   * content of a stream, or a complete non-streaming answer). From here on nothing is
   * retried or failed over.
   */
  public void commit(Attempt attempt) {
    if (attempt != inFlight) {
      throw new IllegalStateException("only the attempt in flight can commit, not " + attempt);
    }
    committed = true;
  }

  /** Whether the answer has started reaching the client. */
  public boolean committed() {
    return committed;
  }

  /**
   * Records how the attempt in flight ended: updates the target's breaker and key pool, and
   * decides whether the next step is a retry, a failover or the end.
   */
  public void record(Attempt attempt, AttemptResult result) {
    if (attempt != inFlight) {
      throw new IllegalStateException("record the attempt in flight, " + inFlight + ", not "
          + attempt);
    }
    inFlight = null;
    lastRecorded = attempt;
    Target t = attempt.target();
    OutcomeClass outcome = result.outcome();
    long latency = streaming && result.ttftNanos() >= 0 ? result.ttftNanos()
        : result.durationNanos();
    if (result.sent()) {
      t.breaker().onResult(attempt.permit, breakerResult(outcome), latency);
      releaseKey(t.keys(), attempt.lease(), result);
    } else {
      t.breaker().onResult(attempt.permit, CallResult.IGNORED, 0);
      t.keys().releaseNeutral(attempt.lease());
    }
    AttemptRecord r = new AttemptRecord(t.id(), result.sent() ? attempt.keyLabel() : null,
        outcome.label(), result.status(), result.durationNanos(), result.ttftNanos(),
        result.message(), result.sent(), attempt.retry());
    records.add(r);
    listener.onAttempt(route.name(), r);
    lastFailureReason = outcome.label();
    if (result.retryAfter() != null) {
      minRetryAfterNanos = Math.min(minRetryAfterNanos, result.retryAfter().toNanos());
    }

    if (outcome == OutcomeClass.SUCCESS) {
      finish(Verdict.Kind.SUCCEEDED, attempt);
      return;
    }
    if (outcome == OutcomeClass.CANCELLED) {
      finish(Verdict.Kind.CANCELLED, attempt);
      return;
    }
    if (committed || result.committed()) {
      // The client holds part of this answer: no retry, no failover (streaming contract §3).
      finish(Verdict.Kind.FAILED_AFTER_COMMIT, attempt);
      return;
    }
    if (decideRetry(t, attempt, result)) {
      return;
    }
    decideFailover(result);
  }

  private static CallResult breakerResult(OutcomeClass outcome) {
    switch (outcome.health()) {
      case SUCCESS:
        return CallResult.SUCCESS;
      case FAILURE:
      case DEGRADED:
      case MISCONFIGURED:
        return CallResult.FAILURE;
      default:
        return CallResult.IGNORED;
    }
  }

  private static void releaseKey(KeyPool pool, KeyLease lease, AttemptResult result) {
    switch (result.outcome()) {
      case SUCCESS:
      case CALLER_ERROR:
      case CONTEXT_LENGTH:
      case CONTENT_POLICY:
        pool.releaseSuccess(lease); // the provider accepted the key
        break;
      case AUTH:
        pool.releaseRejected(lease);
        break;
      case RATE_LIMITED:
        pool.releaseRateLimited(lease,
            result.retryAfter() == null ? 0 : result.retryAfter().toNanos());
        break;
      default:
        pool.releaseNeutral(lease);
    }
  }

  /** Schedules a retry of the same target if the outcome, budget and deadline allow it. */
  private boolean decideRetry(Target t, Attempt attempt, AttemptResult result) {
    long remaining = deadline - clock.nanoTime();
    long retryAfter = result.retryAfter() == null ? -1 : result.retryAfter().toNanos();
    if (attempt.forced()) {
      return false;
    }
    switch (result.outcome().retry()) {
      case ONCE_FAST:
        if (retriesOnTarget == 0 && retries.max() > 0 && t.budget().tryAcquireRetry()) {
          return scheduleRetry(Math.max(0, retryAfter), true);
        }
        return false;
      case BACKOFF: {
        if (retriesOnTarget >= retries.max()) {
          return false;
        }
        long delay = Math.max(backoff.delayNanos(retriesOnTarget + 1), retryAfter);
        if (delay >= remaining || !t.budget().tryAcquireRetry()) {
          return false;
        }
        return scheduleRetry(delay, true);
      }
      case IF_RETRY_AFTER_FITS:
        if (retriesOnTarget >= retries.max()) {
          return false;
        }
        if (t.keys().hasFreshKey() && t.budget().tryAcquireRetry()) {
          return scheduleRetry(0, true); // rotate to another key of the pool at once
        }
        if (hasAvailableTargetAfterCurrent()) {
          return false; // serving from the next target beats waiting for this one
        }
        if (retryAfter >= 0 && retryAfter < remaining && t.budget().tryAcquireRetry()) {
          return scheduleRetry(retryAfter, true);
        }
        return false;
      default:
        if (result.outcome() == OutcomeClass.AUTH && triesOnTarget <= t.keys().size()
            && t.keys().available()) {
          // Another key of the pool may work: this is not a retry of the same call, so it
          // neither waits nor spends retry budget.
          return scheduleRetry(0, false);
        }
        return false;
    }
  }

  private boolean scheduleRetry(long delayNanos, boolean countsAsRetry) {
    if (countsAsRetry) {
      retriesOnTarget++;
    }
    pendingDelay = delayNanos;
    return true;
  }

  private boolean hasAvailableTargetAfterCurrent() {
    for (int i = index + 1; i < plan.size(); i++) {
      Target t = plan.get(i);
      if (largerContextOnly && !t.ref().largerContext()) {
        continue;
      }
      if (t.breaker().state() != BreakerState.OPEN && t.keys().available()) {
        return true;
      }
    }
    return false;
  }

  private void decideFailover(AttemptResult result) {
    switch (result.outcome().failover()) {
      case NO:
        finish(Verdict.Kind.REJECTED, lastRecorded);
        return;
      case LARGER_CONTEXT_ONLY:
        largerContextOnly = true;
        for (int i = index + 1; i < plan.size(); i++) {
          if (plan.get(i).ref().largerContext()) {
            return;
          }
        }
        finish(Verdict.Kind.REJECTED, lastRecorded);
        return;
      case IF_ROUTE_ALLOWS:
        if (!route.failoverOnContentPolicy()) {
          finish(Verdict.Kind.REJECTED, lastRecorded);
        }
        return;
      default:
        // YES: next() moves on to the next target.
    }
  }

  private Step finishFailed() {
    boolean allUnsupported = !records.isEmpty();
    for (AttemptRecord r : records) {
      allUnsupported &= r.outcome().equals(OutcomeClass.UNSUPPORTED.label());
    }
    if (allUnsupported) {
      // No target's format can carry this request: that is the caller's to fix.
      return finish(Verdict.Kind.REJECTED, lastRecorded);
    }
    boolean allRateLimited = lastRecorded != null;
    for (AttemptRecord r : records) {
      if (r.network() && !r.outcome().equals(OutcomeClass.RATE_LIMITED.label())) {
        allRateLimited = false;
      }
    }
    return finish(allRateLimited ? Verdict.Kind.RATE_LIMITED : Verdict.Kind.ALL_FAILED,
        lastRecorded);
  }

  private Step finish(Verdict.Kind kind, Attempt deciding) {
    boolean failed = kind != Verdict.Kind.SUCCEEDED && kind != Verdict.Kind.CANCELLED;
    verdict = new Verdict(kind, deciding, records, failed ? retryAfterSeconds() : -1,
        failed && shouldRetry());
    return new Step.Done(verdict);
  }

  /**
   * When a client retry could first succeed: the earliest moment an open breaker lets trials
   * through or a quarantined provider's key is due for a probe; failing that, the shortest
   * retry-after an upstream asked for. -1 when nothing is known.
   */
  private long retryAfterSeconds() {
    long best = Long.MAX_VALUE;
    for (Target t : plan) {
      long wait = t.breaker().snapshot().reopensInNanos();
      if (t.keys().providerQuarantined()) {
        wait = Math.max(wait, t.keys().nanosUntilAvailable());
      }
      if (wait > 0) {
        best = Math.min(best, wait);
      }
    }
    if (best == Long.MAX_VALUE) {
      best = minRetryAfterNanos;
    }
    if (best == Long.MAX_VALUE) {
      return -1;
    }
    return Math.max(1, (best + 999_999_999L) / 1_000_000_000L);
  }

  private boolean shouldRetry() {
    for (AttemptRecord r : records) {
      String o = r.outcome();
      if (!o.equals(OutcomeClass.AUTH.label()) && !o.equals(OutcomeClass.NOT_FOUND.label())
          && !o.equals(OutcomeClass.CALLER_ERROR.label())
          && !o.equals(OutcomeClass.CONTEXT_LENGTH.label())
          && !o.equals(OutcomeClass.CONTENT_POLICY.label())
          && !o.equals(OutcomeClass.UNSUPPORTED.label())
          && !o.equals(AttemptRecord.PROVIDER_QUARANTINED)) {
        return true;
      }
    }
    return false;
  }
}
