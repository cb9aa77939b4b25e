package dev.ninelives.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a simulated provider does with one chat-completion request: answer normally, answer with
 * an error, or misbehave on the wire.
 *
 * <p>Immutable and thread-safe. Build one with the static factories; {@link #withHeader} and
 * {@link #withDelay} return changed copies.
 *
 * <p>Stream-shaped faults count <em>events</em>. In the OpenAI family these are the SSE {@code
 * data:} JSON events: the role chunk as event 1, then one per content token, then the finish chunk
 * and the optional usage chunk. {@code data: [DONE]} is not an event, and neither is Azure's
 * leading {@code prompt_filter_results} chunk (it goes out together with event 1). Anthropic's
 * event 1 is {@code message_start}, then one per content token (the first carries {@code
 * content_block_start} and {@code ping} along), then {@code content_block_stop}, {@code
 * message_delta} and {@code message_stop}. Gemini's event 1 is a chunk with empty text, then one
 * chunk per content token, then the chunk with the finish reason. So {@code cutAfterEvents(3)}
 * stops after two content tokens in every dialect. A tool call counts as one content event, all
 * its chunks or frames together.
 *
 * <p>Error faults ({@link #status}, {@link #rateLimited}, ...) and transport faults ({@link
 * #resetConnection}, {@link #hangBeforeHeaders}) act whatever key the request carries, as a
 * load balancer in front of the provider would. Answer-shaping faults ({@link #none}, {@link
 * #drip}, {@link #cutAfterEvents}, ...) apply only to requests that pass the key check; others get
 * the dialect's 401 instead.
 */
public final class Fault {

  /** The kinds of fault; {@link Fault#kind()} tells which one a fault is. */
  public enum Kind {
    NONE,
    STATUS,
    RATE_LIMITED,
    INSUFFICIENT_QUOTA,
    CONTEXT_LENGTH_EXCEEDED,
    CONTENT_POLICY,
    INVALID_REQUEST,
    RESET_CONNECTION,
    HANG_BEFORE_HEADERS,
    DELAY_FIRST_EVENT,
    STALL_AFTER_EVENTS,
    CUT_AFTER_EVENTS,
    ERROR_EVENT_AFTER_EVENTS,
    DRIP,
    EMPTY_ANSWER,
    MALFORMED_BODY,
    EMPTY_BODY,
    REFUSE,
    SLOW,
    WRONG_ANSWER,
    BAD_KEY;

    /**
     * True for kinds that answer with an HTTP error or break the connection before any answer,
     * whatever the request carries.
     */
    boolean actsBeforeAuth() {
      switch (this) {
        case STATUS:
        case RATE_LIMITED:
        case INSUFFICIENT_QUOTA:
        case CONTEXT_LENGTH_EXCEEDED:
        case CONTENT_POLICY:
        case INVALID_REQUEST:
        case RESET_CONNECTION:
        case HANG_BEFORE_HEADERS:
        case REFUSE:
        case BAD_KEY:
          return true;
        default:
          return false;
      }
    }

    /** True for kinds that answer 200 with an answer that is not the right one. */
    boolean degradesAnswer() {
      return this == EMPTY_ANSWER || this == WRONG_ANSWER;
    }
  }

  /** What {@link #wrongAnswer()} says when no text is given. */
  public static final String STALE_ANSWER = "Here is the summary you asked for: the meeting moved to Thursday.";

  private static final Fault NONE =
      new Fault(Kind.NONE, 0, 0, Duration.ZERO, null, Map.of(), Duration.ZERO, null, false);

  private final Kind kind;
  private final int httpStatus;
  private final int afterEvents;
  private final Duration duration;
  private final String message;
  private final Map<String, String> headers;
  private final Duration delay;
  private final Latency latency;
  private final boolean finishInFlight;

  private Fault(
      Kind kind,
      int httpStatus,
      int afterEvents,
      Duration duration,
      String message,
      Map<String, String> headers,
      Duration delay,
      Latency latency,
      boolean finishInFlight) {
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.afterEvents = afterEvents;
    this.duration = duration;
    this.message = message;
    this.headers = headers;
    this.delay = delay;
    this.latency = latency;
    this.finishInFlight = finishInFlight;
  }

  private static Fault of(Kind kind, int httpStatus, int afterEvents, Duration duration, String message) {
    return new Fault(kind, httpStatus, afterEvents, duration, message, Map.of(), Duration.ZERO, null, false);
  }

  /** A healthy answer. */
  public static Fault none() {
    return NONE;
  }

  /**
   * That HTTP status (400–599) with the dialect's error body for it, e.g. 401 {@code
   * invalid_api_key}, 429 {@code rate_limit_exceeded}, 503 "The engine is currently overloaded";
   * Anthropic 529 {@code overloaded_error}; Gemini 503 {@code UNAVAILABLE}.
   */
  public static Fault status(int code) {
    if (code < 400 || code > 599) {
      throw new IllegalArgumentException("status must be an error status 400-599, but was " + code);
    }
    return of(Kind.STATUS, code, 0, Duration.ZERO, null);
  }

  /**
   * 429 with {@code retry-after} (whole seconds, rounded up) and {@code retry-after-ms}. Gemini
   * sends no such headers: the delay is the error's {@code RetryInfo.retryDelay}.
   */
  public static Fault rateLimited(Duration retryAfter) {
    return of(Kind.RATE_LIMITED, 429, 0, nonNegative("retryAfter", retryAfter), null);
  }

  /**
   * Quota used up, so retrying the same key cannot help: 429 {@code insufficient_quota}; Anthropic
   * 402 {@code billing_error}; Gemini 429 with a per-day quota and no {@code RetryInfo}.
   */
  public static Fault insufficientQuota() {
    return of(Kind.INSUFFICIENT_QUOTA, 429, 0, Duration.ZERO, null);
  }

  /**
   * 400 saying the prompt is longer than the model's context (8192 tokens against 9000; Anthropic
   * "prompt is too long: 208656 tokens > 200000 maximum"; Gemini's input token count message).
   */
  public static Fault contextLengthExceeded() {
    return of(Kind.CONTEXT_LENGTH_EXCEEDED, 400, 0, Duration.ZERO, null);
  }

  /**
   * Content-policy rejection: 400 OpenAI {@code invalid_prompt}, Azure {@code content_filter},
   * Anthropic "Output blocked by content filtering policy"; Gemini answers 200 with {@code
   * promptFeedback.blockReason: SAFETY} and no candidates (a one-chunk stream when streaming).
   */
  public static Fault contentPolicy() {
    return of(Kind.CONTENT_POLICY, 400, 0, Duration.ZERO, null);
  }

  /** A generic 400 {@code invalid_request_error} carrying this message. */
  public static Fault invalidRequest(String message) {
    Objects.requireNonNull(message, "message");
    return of(Kind.INVALID_REQUEST, 400, 0, Duration.ZERO, message);
  }

  /** Closes the TCP connection as soon as the request has arrived, without any response. */
  public static Fault resetConnection() {
    return of(Kind.RESET_CONNECTION, 0, 0, Duration.ZERO, null);
  }

  /**
   * Never responds and keeps the connection open until the peer closes it; that close counts in
   * {@link SimulatedProvider#abortedByPeer()}.
   */
  public static Fault hangBeforeHeaders() {
    return of(Kind.HANG_BEFORE_HEADERS, 0, 0, Duration.ZERO, null);
  }

  /**
   * Stream: headers at once, the first event after the provider's latency plus {@code delay}.
   * Non-stream: the whole response after latency plus {@code delay}.
   */
  public static Fault delayFirstEvent(Duration delay) {
    return of(Kind.DELAY_FIRST_EVENT, 200, 0, nonNegative("delay", delay), null);
  }

  /**
   * Stream: sends {@code n} events, then stays silent with the connection open (n = 0: headers
   * only). Non-stream: headers with the full content-length, and a body that never comes.
   */
  public static Fault stallAfterEvents(int n) {
    return of(Kind.STALL_AFTER_EVENTS, 200, nonNegative("n", n), Duration.ZERO, null);
  }

  /**
   * Stream: sends {@code n} events, then closes the connection without {@code [DONE]}.
   * Non-stream: sends half of the body, then closes the connection.
   */
  public static Fault cutAfterEvents(int n) {
    return of(Kind.CUT_AFTER_EVENTS, 200, nonNegative("n", n), Duration.ZERO, null);
  }

  /**
   * Stream: sends {@code n} events, then an error event in the dialect's shape ({@code data:
   * {"error":{...}}}; vLLM: followed by {@code data: [DONE]}; Anthropic: {@code event: error} with
   * {@code overloaded_error}), then ends the response and closes the connection. Non-stream: a 500
   * server error.
   */
  public static Fault errorEventAfterEvents(int n) {
    return of(Kind.ERROR_EVENT_AFTER_EVENTS, 200, nonNegative("n", n), Duration.ZERO, null);
  }

  /**
   * Slow token drip: this gap before every stream event after the first, instead of the
   * provider's token interval. Non-stream: the response after {@code perEvent} times the number of
   * content tokens.
   */
  public static Fault drip(Duration perEvent) {
    return of(Kind.DRIP, 200, 0, nonNegative("perEvent", perEvent), null);
  }

  /**
   * 200 with content {@code ""}, even where tools would have been called (stream: the first and
   * the finishing events without any content token, e.g. role chunk, finish chunk, usage if asked,
   * [DONE]).
   */
  public static Fault emptyAnswer() {
    return of(Kind.EMPTY_ANSWER, 200, 0, Duration.ZERO, null);
  }

  /**
   * 200 whose JSON is cut off mid-object (stream: one cut-off event, e.g. {@code data:
   * {"choices":[{}, then what ends the dialect's stream, e.g. {@code data: [DONE]}).
   */
  public static Fault malformedBody() {
    return of(Kind.MALFORMED_BODY, 200, 0, Duration.ZERO, null);
  }

  /** 200 with a zero-length body (stream: the event-stream headers and no event at all). */
  public static Fault emptyBody() {
    return of(Kind.EMPTY_BODY, 200, 0, Duration.ZERO, null);
  }

  /**
   * The provider's port refuses connections while this fault is in force. Only meaningful as a
   * default ({@link SimulatedProvider#setDefault}) or in a {@link FaultSchedule}: a request that is
   * already connected cannot be refused, so {@link SimulatedProvider#enqueue} rejects it.
   */
  public static Fault refuse() {
    return of(Kind.REFUSE, 0, 0, Duration.ZERO, null);
  }

  /**
   * Like {@link #refuse()}, but gentler on what is already under way, as a load balancer that
   * loses its backends drains: new connections are refused and idle ones closed at once, while
   * answers in progress finish and their connections close right after.
   */
  public static Fault refuseLettingAnswersFinish() {
    return new Fault(Kind.REFUSE, 0, 0, Duration.ZERO, null, Map.of(), Duration.ZERO, null, true);
  }

  /**
   * A healthy answer that takes this long instead of the provider's own latency (before the
   * headers, or before a stream's first event). A {@link Latency#ramp ramp} climbs across the
   * fault's schedule window.
   */
  public static Fault slow(Latency latency) {
    Objects.requireNonNull(latency, "latency");
    return new Fault(Kind.SLOW, 200, 0, Duration.ZERO, null, Map.of(), Duration.ZERO, latency, false);
  }

  /**
   * Silent degradation: a well-formed 200 answer with the wrong content, e.g. another
   * conversation's answer served from a broken cache. It carries no {@link AnswerCheck} word, and
   * the response is marked with the header {@code x-simulator-degraded: wrong-answer}.
   */
  public static Fault wrongAnswer() {
    return wrongAnswer(STALE_ANSWER);
  }

  /** {@link #wrongAnswer()} with this text as the answer. */
  public static Fault wrongAnswer(String text) {
    Objects.requireNonNull(text, "text");
    return of(Kind.WRONG_ANSWER, 200, 0, Duration.ZERO, text);
  }

  /**
   * The dialect's answer to a bad key, whatever key the request carries, as when a provider's
   * session store is corrupted and every key fails authentication: 401 (Gemini: 400 {@code
   * API_KEY_INVALID}).
   */
  public static Fault badKey() {
    return of(Kind.BAD_KEY, 401, 0, Duration.ZERO, null);
  }

  /** A copy that also sends this response header (when the fault sends headers at all). */
  public Fault withHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isBlank()) {
      throw new IllegalArgumentException("header name must not be blank");
    }
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name.toLowerCase(Locale.ROOT), value);
    return new Fault(kind, httpStatus, afterEvents, duration, message, Collections.unmodifiableMap(copy), delay,
        latency, finishInFlight);
  }

  /** A copy that waits this long after the request has arrived before doing anything. */
  public Fault withDelay(Duration delay) {
    return new Fault(kind, httpStatus, afterEvents, duration, message, headers, nonNegative("delay", delay),
        latency, finishInFlight);
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The HTTP status this fault answers with: 200 for answer-shaping kinds, 0 when none is sent.
   * This is the OpenAI family's status; a dialect may answer otherwise where the real server does
   * (Anthropic's {@link #insufficientQuota} is 402, Gemini's {@link #contentPolicy} is 200).
   */
  public int httpStatus() {
    return httpStatus;
  }

  /** The event count of stall/cut/error-event faults, else 0. */
  public int afterEvents() {
    return afterEvents;
  }

  /**
   * The duration parameter: retry-after, first-event delay or drip interval; zero for other kinds.
   */
  public Duration duration() {
    return duration;
  }

  /** The message of {@link #invalidRequest} or the text of {@link #wrongAnswer}, else null. */
  public String message() {
    return message;
  }

  /** The latency of {@link #slow}, else null. */
  public Latency latency() {
    return latency;
  }

  /** True for {@link #refuseLettingAnswersFinish()}. */
  public boolean finishesInFlight() {
    return finishInFlight;
  }

  /** Extra response headers, lower-case names, in the order added. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The wait before acting, set by {@link #withDelay}. */
  public Duration delay() {
    return delay;
  }

  private static Duration nonNegative(String what, Duration d) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, but was " + d);
    }
    return d;
  }

  private static int nonNegative(String what, int n) {
    if (n < 0) {
      throw new IllegalArgumentException(what + " must not be negative, but was " + n);
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Fault)) {
      return false;
    }
    Fault f = (Fault) o;
    return kind == f.kind
        && httpStatus == f.httpStatus
        && afterEvents == f.afterEvents
        && duration.equals(f.duration)
        && Objects.equals(message, f.message)
        && headers.equals(f.headers)
        && delay.equals(f.delay)
        && Objects.equals(latency, f.latency)
        && finishInFlight == f.finishInFlight;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, httpStatus, afterEvents, duration, message, headers, delay, latency, finishInFlight);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Fault[").append(kind);
    if (kind == Kind.STATUS) {
      sb.append(' ').append(httpStatus);
    }
    if (kind == Kind.STALL_AFTER_EVENTS || kind == Kind.CUT_AFTER_EVENTS || kind == Kind.ERROR_EVENT_AFTER_EVENTS) {
      sb.append(" after ").append(afterEvents).append(" events");
    }
    if (!duration.isZero()) {
      sb.append(' ').append(duration);
    }
    if (message != null) {
      sb.append(" \"").append(message).append('"');
    }
    if (latency != null) {
      sb.append(' ').append(latency);
    }
    if (finishInFlight) {
      sb.append(" letting answers finish");
    }
    if (!delay.isZero()) {
      sb.append(" delayed ").append(delay);
    }
    if (!headers.isEmpty()) {
      sb.append(' ').append(headers);
    }
    return sb.append(']').toString();
  }
}
