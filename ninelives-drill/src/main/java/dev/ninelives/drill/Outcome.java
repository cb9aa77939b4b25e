package dev.ninelives.drill;

/**
 * One request as its client experienced it. Times are nanoseconds; {@code sentNanos} counts
 * from the start of the replay. Immutable.
 *
 * @param seq the request's number within the run; the same number in both runs is the same request
 * @param sentNanos when it was sent
 * @param phase index of the phase it was sent in
 * @param format the format it was sent in
 * @param stream whether it asked for a stream
 * @param verdict how it was judged
 * @param reason why it failed or was wrong; empty for a right answer
 * @param status the HTTP status, 0 when none came
 * @param latencyNanos until the answer was complete, or the failure was known
 * @param ttftNanos until the first content arrived (streams), or -1
 * @param target the gateway's {@code x-ninelives-target}: the {@code provider/model} that answered,
 *     or null
 * @param attempts the gateway's {@code x-ninelives-attempts}: upstream calls it took, or 0
 */
public record Outcome(
    int seq,
    long sentNanos,
    int phase,
    ClientFormat format,
    boolean stream,
    Verdict verdict,
    String reason,
    int status,
    long latencyNanos,
    long ttftNanos,
    String target,
    int attempts) {

  /** The provider part of {@link #target}, or null. */
  public String provider() {
    if (target == null) {
      return null;
    }
    int slash = target.indexOf('/');
    return slash < 0 ? target : target.substring(0, slash);
  }

  /** A complete answer with HTTP 200, right or wrong. */
  public boolean answered() {
    return verdict != Verdict.FAILED;
  }
}
