package dev.ninelives.status;

import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.policy.OutcomeClass;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** How the status page reads outcome labels: what counts against a target, in plain words. */
final class Outcomes {
  /** What an attempt says about its target's health. */
  enum Kind {
    /** A usable answer. */
    SUCCESS,
    /** Counts against the target: errors, timeouts, rate limits, refused keys, bad answers. */
    FAILURE,
    /** Says nothing about the target (the caller's mistake, the client hung up). */
    NEUTRAL,
    /** Passed by without a network call: breaker open or provider quarantined. */
    SKIP,
    /** Not sent for another reason (the target's format cannot carry the request). */
    IGNORED
  }

  private static final Map<String, OutcomeClass> BY_LABEL = new HashMap<>();

  static {
    for (OutcomeClass c : OutcomeClass.values()) {
      BY_LABEL.put(c.label(), c);
    }
  }

  /** Slots of the per-outcome counters: one per outcome class, plus one for unknown labels. */
  static final int SLOTS = OutcomeClass.values().length + 1;
  static final int OTHER = SLOTS - 1;

  private Outcomes() {
  }

  static Kind kind(AttemptRecord r) {
    if (!r.network()) {
      return AttemptRecord.BREAKER_OPEN.equals(r.outcome())
          || AttemptRecord.PROVIDER_QUARANTINED.equals(r.outcome()) ? Kind.SKIP : Kind.IGNORED;
    }
    OutcomeClass c = BY_LABEL.get(r.outcome());
    if (c == null) {
      return Kind.FAILURE; // an outcome this module does not know yet: not a success
    }
    switch (c.health()) {
      case SUCCESS:
        return Kind.SUCCESS;
      case NONE:
        return Kind.NEUTRAL;
      default:
        return Kind.FAILURE;
    }
  }

  static int slot(String label) {
    OutcomeClass c = BY_LABEL.get(label);
    return c == null ? OTHER : c.ordinal();
  }

  static String slotLabel(int slot) {
    return slot == OTHER ? "other" : OutcomeClass.values()[slot].label();
  }

  /** An outcome label in plain words ("a server error"), for timelines. */
  static String describe(String label) {
    OutcomeClass c = BY_LABEL.get(label);
    if (c == null) {
      return label == null ? "an error" : "an error (" + label + ")";
    }
    switch (c) {
      case SUCCESS:
        return "a good answer";
      case CONNECT_FAILURE:
        return "no connection";
      case TIMEOUT:
        return "no answer in time";
      case SERVER_ERROR:
        return "a server error";
      case RATE_LIMITED:
        return "too many requests (rate limited)";
      case AUTH:
        return "a refused API key";
      case CONTEXT_LENGTH:
        return "a request too long for the model";
      case CONTENT_POLICY:
        return "a content policy refusal";
      case CALLER_ERROR:
        return "a rejected request";
      case NOT_FOUND:
        return "model not found";
      case DEGRADED:
        return "an unusable answer";
      case STREAM_ERROR:
        return "an answer that broke off";
      case UNSUPPORTED:
        return "a request it cannot take";
      case CANCELLED:
        return "a cancelled request";
      default:
        return c.label().toLowerCase(Locale.ROOT);
    }
  }

  /** "a server error (server-error, HTTP 503)": plain words, then the label and status. */
  static String describeAttempt(AttemptRecord r) {
    return describe(r.outcome()) + " (" + r.outcome()
        + (r.status() > 0 ? ", HTTP " + r.status() : "") + ")";
  }
}
