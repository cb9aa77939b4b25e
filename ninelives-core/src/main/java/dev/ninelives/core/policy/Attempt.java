package dev.ninelives.core.policy;

import dev.ninelives.core.breaker.CircuitBreaker;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.keys.KeyLease;
import dev.ninelives.core.routing.Target;

/**
 * One upstream call the engine asks the relay to make: which target, with which key, which
 * retry it is, and the timeouts it runs under. Finish it with
 * {@link RequestExecution#record(Attempt, AttemptResult)}.
 */
public final class Attempt {
  private final Target target;
  private final KeyLease key;
  final CircuitBreaker.Permit permit;
  private final int number;
  private final int retry;
  private final boolean forced;
  private final long startDeadlineNanos;
  private final ResilienceConfig.Timeouts timeouts;

  Attempt(Target target, KeyLease key, CircuitBreaker.Permit permit, int number, int retry,
      boolean forced, long deadlineNanos, ResilienceConfig.Timeouts timeouts) {
    this.target = target;
    this.key = key;
    this.permit = permit;
    this.number = number;
    this.retry = retry;
    this.forced = forced;
    this.startDeadlineNanos = deadlineNanos;
    this.timeouts = timeouts;
  }

  public Target target() {
    return target;
  }

  /** The key to send, or null when the provider takes none. */
  public Secret key() {
    return key.secret();
  }

  KeyLease lease() {
    return key;
  }

  /** The key's label for logs ("key#1a2b"). */
  public String keyLabel() {
    return key.label();
  }

  /** 1 for the request's first upstream call, 2 for the next, and so on. */
  public int number() {
    return number;
  }

  /** 0 for the first call to this target in this request, 1 for its first retry, ... */
  public int retry() {
    return retry;
  }

  /** Whether this is a trial forced because every target of the route was unavailable. */
  public boolean forced() {
    return forced;
  }

  /** The request deadline (clock nanos): no part of this attempt may run past it. */
  public long deadlineNanos() {
    return startDeadlineNanos;
  }

  public ResilienceConfig.Timeouts timeouts() {
    return timeouts;
  }

  @Override
  public String toString() {
    return "Attempt[#" + number + " " + target.id() + " retry " + retry + (forced ? " forced" : "")
        + "]";
  }
}
