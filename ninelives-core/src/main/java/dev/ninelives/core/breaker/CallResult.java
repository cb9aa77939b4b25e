package dev.ninelives.core.breaker;

/** How a call that held a breaker permit ended, as far as the breaker is concerned. */
public enum CallResult {
  SUCCESS,
  FAILURE,
  /**
   * The call says nothing about the target's health (the client hung up, the caller sent a bad
   * request, the target was rate-limited): the permit is returned and nothing is recorded.
   */
  IGNORED
}
