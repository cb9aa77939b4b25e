package dev.ninelives.core.config;

/** How a route orders its targets for each request. */
public enum Strategy {
  /** Targets in the configured order; the next one only when the previous fails. */
  FAILOVER,
  /**
   * The first target is drawn at random by weight, the rest follow in configured order, so
   * traffic is shared while every target still backs up the others.
   */
  WEIGHTED
}
