package dev.ninelives.core.breaker;

/** Told of every state change of a breaker. Called under the breaker's lock: keep it short. */
@FunctionalInterface
public interface BreakerListener {
  void onTransition(String target, BreakerState from, BreakerState to, long atNanos);

  BreakerListener NONE = (target, from, to, at) -> { };
}
