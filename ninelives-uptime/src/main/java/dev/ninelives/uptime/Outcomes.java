package dev.ninelives.uptime;

import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.core.policy.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome labels the recorder counts and what each says about availability. The same
 * reading as the status page: what counts against a target there counts against it here.
 */
final class Outcomes {
  /** What one counted outcome says about availability. */
  enum Judgement {
    /** Answered: counts as available. */
    GOOD,
    /** Counts against availability. */
    BAD,
    /**
     * Passed by without a network call because the target was unavailable (breaker open,
     * provider quarantined): counts against it, listed apart from failures.
     */
    SKIP,
    /** Says nothing about availability: the caller's own mistake, or the client hung up. */
    NEUTRAL
  }

  /** The label of counts whose outcome this version does not know. */
  static final String OTHER = "other";
  /** The gateway series counts its flush ticks under this label. */
  static final String TICK = "tick";

  static final String SUCCEEDED = label(Verdict.Kind.SUCCEEDED);
  static final String REJECTED = label(Verdict.Kind.REJECTED);
  static final String CANCELLED = label(Verdict.Kind.CANCELLED);

  /** Attempt labels, in the order of the recorder's counters. */
  static final Labels ATTEMPTS;
  /** Client request labels, in the order of the recorder's counters. */
  static final Labels REQUESTS;
  static final Labels TICKS = new Labels(List.of(TICK));

  static {
    List<String> attempts = new ArrayList<>();
    for (OutcomeClass c : OutcomeClass.values()) {
      attempts.add(c.label());
    }
    attempts.add(AttemptRecord.BREAKER_OPEN);
    attempts.add(AttemptRecord.PROVIDER_QUARANTINED);
    attempts.add(OTHER);
    ATTEMPTS = new Labels(attempts);
    List<String> requests = new ArrayList<>();
    for (Verdict.Kind k : Verdict.Kind.values()) {
      requests.add(label(k));
    }
    requests.add("unknown"); // the relay's word for a request that ended without a verdict
    requests.add(OTHER);
    REQUESTS = new Labels(requests);
  }

  private static final Map<String, OutcomeClass> CLASSES = new HashMap<>();

  static {
    for (OutcomeClass c : OutcomeClass.values()) {
      CLASSES.put(c.label(), c);
    }
  }

  private Outcomes() {
  }

  private static String label(Verdict.Kind k) {
    return k.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether an attempt record is counted at all: network calls and skips as unavailable. */
  static boolean counted(AttemptRecord r) {
    return r.network() || isSkip(r.outcome());
  }

  static boolean isSkip(String label) {
    return AttemptRecord.BREAKER_OPEN.equals(label)
        || AttemptRecord.PROVIDER_QUARANTINED.equals(label);
  }

  /**
   * What an attempt's outcome says about its target: a usable answer is good; the caller's
   * mistakes (other 4xx, context length, content policy), a request the target's format cannot
   * carry and a cancelled call are neutral; everything else — errors, timeouts, rate limits,
   * refused keys, unusable answers, an unknown label — counts against it.
   */
  static Judgement attempt(String label) {
    if (isSkip(label)) {
      return Judgement.SKIP;
    }
    OutcomeClass c = CLASSES.get(label);
    if (c == null) {
      return Judgement.BAD;
    }
    switch (c.health()) {
      case SUCCESS:
        return Judgement.GOOD;
      case NONE:
        return Judgement.NEUTRAL;
      default:
        return Judgement.BAD;
    }
  }

  /**
   * What a client request's outcome says about the service clients got: answered is good;
   * the upstream's answer to the caller's own mistake ({@code rejected}) and a client that hung
   * up ({@code cancelled}) are neutral; everything else — every target failed, the deadline
   * passed, a stream broke after it started, a rate limit nothing could wait out — is bad.
   */
  static Judgement request(String label) {
    if (SUCCEEDED.equals(label)) {
      return Judgement.GOOD;
    }
    if (REJECTED.equals(label) || CANCELLED.equals(label)) {
      return Judgement.NEUTRAL;
    }
    return Judgement.BAD;
  }

  static Judgement judge(Kind kind, String label) {
    return kind.attempts() ? attempt(label) : request(label);
  }

  static Labels labels(Kind kind) {
    switch (kind) {
      case GATEWAY:
        return TICKS;
      case ROUTE:
        return REQUESTS;
      default:
        return ATTEMPTS;
    }
  }

  /** A fixed list of labels and the counter index of each; unknown labels go to the last. */
  static final class Labels {
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    Labels(List<String> names) {
      this.names = List.copyOf(names);
      for (int i = 0; i < names.size(); i++) {
        index.put(names.get(i), i);
      }
    }

    int size() {
      return names.size();
    }

    String name(int i) {
      return names.get(i);
    }

    /** The counter for {@code label}; the last one when it is unknown. */
    int index(String label) {
      Integer i = index.get(label);
      return i == null ? names.size() - 1 : i;
    }
  }
}
