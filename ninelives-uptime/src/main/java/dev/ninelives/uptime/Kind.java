package dev.ninelives.uptime;

import java.util.Locale;

/** What a series of counts is about. */
enum Kind {
  /** The gateway itself: a minute it was running, whether or not traffic came. */
  GATEWAY,
  /** A provider: every attempt on any of its targets. */
  PROVIDER,
  /** One {@code provider/model} target. */
  TARGET,
  /** A route (model alias or direct {@code provider/model}): what clients experienced. */
  ROUTE;

  /** The word used in stored lines. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Kind of(String label) {
    for (Kind k : values()) {
      if (k.label().equals(label)) {
        return k;
      }
    }
    return null;
  }

  /** Whether counts of this kind are upstream attempts (else client requests or ticks). */
  boolean attempts() {
    return this == PROVIDER || this == TARGET;
  }
}
