package dev.ninelives.core.policy;

/** What the relay does next for a request: make an attempt (maybe after a wait), or stop. */
public interface Step {

  /** Make {@code attempt} after waiting {@code delayNanos} (0: at once). */
  record Go(Attempt attempt, long delayNanos) implements Step { }

  /** Stop: the verdict says how the request ends. */
  record Done(Verdict verdict) implements Step { }
}
