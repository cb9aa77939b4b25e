package dev.ninelives.core.trace;

import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.policy.Attempt;

/**
 * The trace of one client request: its attempts, the targets it skipped, its failovers and how
 * it ended.
 *
 * <p>Confined to the request: called from its event loop, one call at a time. Every method
 * has a no-op default, so {@link #NONE} costs nothing.
 */
public interface RequestTrace {

  /**
   * Whether this request is being recorded (tracing is on and the request was sampled).
   * Callers use it to skip gathering details nobody will see; propagation to the upstream
   * happens whether or not it records.
   */
  default boolean recording() {
    return false;
  }

  /**
   * The listener to hand the request's policy execution, through which its skipped targets and
   * failover decisions reach this trace; {@link HealthListener#NONE} when not recording.
   */
  default HealthListener events() {
    return HealthListener.NONE;
  }

  /** An upstream attempt starts now. */
  default AttemptTrace attempt(Attempt attempt) {
    return AttemptTrace.NONE;
  }

  /** The request ended; the same summary the access log and the metrics get. */
  default void end(RequestSummary summary) {
  }

  /** Not traced. */
  RequestTrace NONE = new RequestTrace() {
    @Override
    public String toString() {
      return "RequestTrace.NONE";
    }
  };
}
