package dev.ninelives.drill;

/**
 * Receives a drill's progress as it runs: once at the start, a few times a second, for each
 * breaker or quarantine decision of the gateway, and at the end. Called from the drill's own
 * thread only, so implementations need no locking of their own.
 */
public interface DrillProgress {

  /** The load is about to start. */
  default void started(Timeline timeline, String gatewayUrl, String wiring) { }

  /** The drill as it stands. */
  default void tick(LiveStatus status) { }

  /** A gateway decision worth a line of its own ("breaker of primary/gpt-4.1 opened..."). */
  default void event(LiveStatus status, String text) { }

  /** The last answer is in (or the wait for it ended). */
  default void finished(LiveStatus status) { }

  /** Ignores everything. */
  DrillProgress NONE = new DrillProgress() { };
}
