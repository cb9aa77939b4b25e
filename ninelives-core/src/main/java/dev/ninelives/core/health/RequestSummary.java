package dev.ninelives.core.health;

import java.util.Objects;

/**
 * One client request as it ended, for metrics and the access log. Holds no prompt, answer or
 * key.
 *
 * @param route the model alias or {@code provider/model} the client asked for, or
 *     {@link #NO_ROUTE} when the request was refused before routing
 * @param client the client's wire format, lower case ({@code openai}, {@code anthropic})
 * @param outcome how it ended: a {@code Verdict.Kind} label ({@code succeeded},
 *     {@code all-failed}, ...) or {@code invalid} for a request refused before routing
 * @param status the HTTP status the client received (200 for a stream that started)
 * @param target the {@code provider/model} that answered, or null
 * @param attempts upstream calls made
 * @param failedOver whether the answer came from a target other than the first of the request's
 *     plan (after failures, or because the first was skipped as unavailable)
 * @param streaming whether the client asked for a stream
 * @param durationNanos from the request's arrival to the end of the answer
 * @param ttftNanos time to the first content sent to the client, or -1
 * @param overheadNanos time spent in the gateway itself (the duration less upstream time and
 *     backoff waits), or -1 when not measured
 * @param inputTokens input tokens the answering target reported, or -1
 * @param outputTokens output tokens the answering target reported, or -1
 */
public record RequestSummary(
    String route,
    String client,
    String outcome,
    int status,
    String target,
    int attempts,
    boolean failedOver,
    boolean streaming,
    long durationNanos,
    long ttftNanos,
    long overheadNanos,
    long inputTokens,
    long outputTokens) {

  /** The route label of a request refused before it could be routed. */
  public static final String NO_ROUTE = "-";

  public RequestSummary {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(outcome, "outcome");
  }
}
