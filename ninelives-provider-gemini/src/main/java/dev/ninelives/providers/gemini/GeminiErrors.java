package dev.ninelives.providers.gemini;

import dev.ninelives.providers.ErrorText;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.HeaderLookup;
import dev.ninelives.providers.Redactor;
import dev.ninelives.providers.RetryAfter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The error classification table of the Gemini API: maps a failed response's status and Google
 * RPC error body ({@code error.status} and {@code error.details}, see {@link GeminiErrorBody})
 * onto an {@link OutcomeClass}, with the wait the upstream asked for and a short message safe to
 * log and show. Gemini cannot be classified by the HTTP code alone: a bad API key is a 400, the
 * same code as a malformed body, and a 429 may mean "wait a few seconds" or "this key is done
 * for the day".
 *
 * <table>
 *   <caption>status and body → class</caption>
 *   <tr><th>status</th><th>class</th></tr>
 *   <tr><td>408, 409, any 5xx (INTERNAL, UNAVAILABLE, DEADLINE_EXCEEDED…)</td>
 *       <td>SERVER_ERROR</td></tr>
 *   <tr><td>429 RESOURCE_EXHAUSTED</td><td>RATE_LIMITED; AUTH when a QuotaFailure names a
 *       per-day quota ({@code …PerDay…}, {@code …per_day…}) or a quota of 0 ("limit: 0": this
 *       key's tier may not use the model at all): no wait short of tomorrow helps that key</td></tr>
 *   <tr><td>401 UNAUTHENTICATED, 402, 403 PERMISSION_DENIED</td><td>AUTH</td></tr>
 *   <tr><td>404 NOT_FOUND</td><td>NOT_FOUND</td></tr>
 *   <tr><td>400 and other 4xx</td><td>AUTH for a bad key (ErrorInfo reason
 *       {@code API_KEY_INVALID}, or "API key not valid" / "API key expired"), for
 *       FAILED_PRECONDITION (free tier unavailable in the region, billing required),
 *       UNAUTHENTICATED and PERMISSION_DENIED; RATE_LIMITED/AUTH for RESOURCE_EXHAUSTED as for
 *       429; NOT_FOUND for NOT_FOUND and for a model name Gemini cannot read (the gateway chose
 *       it); CONTEXT_LENGTH for "The input token count (N) exceeds the maximum number of tokens
 *       allowed (M)"; otherwise CALLER_ERROR (INVALID_ARGUMENT, OUT_OF_RANGE, 413…)</td></tr>
 *   <tr><td>3xx</td><td>NOT_FOUND: an API endpoint that redirects means a wrong base_url</td></tr>
 *   <tr><td>anything else</td><td>SERVER_ERROR</td></tr>
 * </table>
 *
 * <p>The wait comes from {@code RetryInfo.retryDelay} ({@code "12s"}, {@code "1.5s"}), else
 * from {@code retry-after-ms} / {@code retry-after} headers (see {@link RetryAfter}), on any
 * status. The message reads like {@code 400 INVALID_ARGUMENT API_KEY_INVALID: API key not
 * valid…}, at most {@value #MAX_MESSAGE} characters, with credentials scrubbed by
 * {@link Redactor} (Gemini keys start with {@code AIza}).
 *
 * <p>Stateless and thread-safe.
 */
public final class GeminiErrors {
  /** The longest message put in a classification. */
  public static final int MAX_MESSAGE = 200;

  // Error bodies past this size are HTML pages or worse; the start says all there is to say.
  private static final int MAX_PARSED_BYTES = 256 * 1024;

  private static final List<String> BAD_KEY_REASONS = List.of("API_KEY_INVALID");
  private static final List<String> BAD_KEY_PHRASES = List.of(
      "api key not valid", "api key expired", "api_key_invalid");
  // "The input token count (1048577) exceeds the maximum number of tokens allowed (1048576)."
  private static final List<String> CONTEXT_PHRASES = List.of(
      "exceeds the maximum number of tokens");
  // Gemini answers 400 for a model name it cannot parse; 404 for one it does not know.
  private static final List<String> MODEL_PHRASES = List.of(
      "unexpected model name format", "is not found for api version",
      "is not supported for generatecontent");
  private static final List<String> DAILY_QUOTA_MARKS = List.of("perday", "per_day");
  private static final Pattern ZERO_LIMIT = Pattern.compile("limit: 0(?![0-9])");

  private GeminiErrors() {}

  /** {@link #classify(int, HeaderLookup, byte[], long, Collection)} with no known secrets. */
  public static Classification classify(
      int status, HeaderLookup headers, byte[] body, long nowEpochMillis) {
    return classify(status, headers, body, nowEpochMillis, List.of());
  }

  /**
   * Classifies one failed upstream response.
   *
   * @param status the HTTP status
   * @param headers the response headers (null means none)
   * @param body the response body, possibly empty, truncated, HTML or null
   * @param nowEpochMillis the current time, for an HTTP-date {@code retry-after}
   * @param knownSecrets credentials to scrub verbatim from the message (the provider's keys)
   */
  public static Classification classify(int status, HeaderLookup headers, byte[] body,
      long nowEpochMillis, Collection<Secret> knownSecrets) {
    int len = body == null ? 0 : Math.min(body.length, MAX_PARSED_BYTES);
    GeminiErrorBody f = len == 0 ? null : GeminiErrorBody.parse(body, len);
    GeminiErrorBody fields = f == null ? new GeminiErrorBody() : f;
    OutcomeClass outcome = outcomeFor(status, fields);
    Duration retryAfter = retryDelay(fields.retryDelay);
    if (retryAfter == null && headers != null) {
      retryAfter = RetryAfter.fromHeaders(headers, nowEpochMillis);
    }
    String text;
    if (len == 0) {
      text = status + " (empty body)";
    } else if (f == null) {
      text = status + " " + ErrorText.nonJsonSummary(body, len);
    } else {
      text = describe(Integer.toString(status), fields);
    }
    return new Classification(outcome, retryAfter,
        Redactor.summarize(text, knownSecrets, MAX_MESSAGE));
  }

  /**
   * Classifies an error object that arrived in a {@code data:} line of a 200 stream. Its
   * {@code code} (or, failing that, the HTTP code of its RPC status) is read through the same
   * table; an error that names neither is a {@link OutcomeClass#STREAM_ERROR}.
   */
  static Classification classifyStreamError(GeminiErrorBody f, Collection<Secret> knownSecrets) {
    int status = f.code >= 400 && f.code <= 599 ? f.code : httpStatusOf(f.status);
    OutcomeClass outcome = status < 0 ? OutcomeClass.STREAM_ERROR : outcomeFor(status, f);
    return new Classification(outcome, retryDelay(f.retryDelay),
        Redactor.summarize(describe("stream error", f), knownSecrets, MAX_MESSAGE));
  }

  /** A one-line, scrubbed description of an error object, e.g. "503 UNAVAILABLE: overloaded". */
  static String summary(GeminiErrorBody f, Collection<Secret> knownSecrets) {
    String prefix = f.code > 0 ? Integer.toString(f.code) : "error";
    return Redactor.summarize(describe(prefix, f), knownSecrets, MAX_MESSAGE);
  }

  static OutcomeClass outcomeFor(int status, GeminiErrorBody f) {
    if (status >= 500 && status <= 599 || status == 408 || status == 409) {
      return OutcomeClass.SERVER_ERROR;
    }
    switch (status) {
      case 429:
        return quotaOutcome(f);
      case 401:
      case 402:
      case 403:
        return OutcomeClass.AUTH;
      case 404:
        return OutcomeClass.NOT_FOUND;
      default:
        break;
    }
    if (status >= 400 && status <= 499) {
      return clientErrorOutcome(f);
    }
    if (status >= 300 && status <= 399) {
      return OutcomeClass.NOT_FOUND;
    }
    return OutcomeClass.SERVER_ERROR;
  }

  /** A 400 (or other 4xx without a class of its own): the body's RPC status and details decide. */
  private static OutcomeClass clientErrorOutcome(GeminiErrorBody f) {
    // Checked before the RPC status: the bad-key answer is a 400 INVALID_ARGUMENT.
    if (isBadKey(f)) {
      return OutcomeClass.AUTH;
    }
    String rpc = f.status == null ? "" : f.status;
    switch (rpc) {
      case "FAILED_PRECONDITION": // "User location is not supported", "enable billing"
      case "UNAUTHENTICATED":
      case "PERMISSION_DENIED":
        return OutcomeClass.AUTH;
      case "RESOURCE_EXHAUSTED":
        return quotaOutcome(f);
      case "NOT_FOUND":
        return OutcomeClass.NOT_FOUND;
      default:
        break;
    }
    if (mentions(f, CONTEXT_PHRASES)) {
      return OutcomeClass.CONTEXT_LENGTH;
    }
    // The gateway, not the client, chose the model: an unreadable model name is our
    // misconfiguration, not the caller's fault.
    if (mentions(f, MODEL_PHRASES)) {
      return OutcomeClass.NOT_FOUND;
    }
    return OutcomeClass.CALLER_ERROR;
  }

  private static OutcomeClass quotaOutcome(GeminiErrorBody f) {
    for (String q : f.quotaIds) {
      String lower = q.toLowerCase(Locale.ROOT);
      for (String mark : DAILY_QUOTA_MARKS) {
        if (lower.contains(mark)) {
          return OutcomeClass.AUTH;
        }
      }
    }
    if (f.zeroQuota || (f.message != null && ZERO_LIMIT.matcher(f.message).find())) {
      return OutcomeClass.AUTH;
    }
    return OutcomeClass.RATE_LIMITED;
  }

  private static boolean isBadKey(GeminiErrorBody f) {
    for (String r : f.reasons) {
      if (BAD_KEY_REASONS.contains(r.toUpperCase(Locale.ROOT))) {
        return true;
      }
    }
    return mentions(f, BAD_KEY_PHRASES);
  }

  private static boolean mentions(GeminiErrorBody f, List<String> phrases) {
    if (f.message == null) {
      return false;
    }
    String m = f.message.toLowerCase(Locale.ROOT);
    for (String p : phrases) {
      if (m.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** The HTTP status Google's RPC mapping gives a status name, or -1 for none or unknown. */
  private static int httpStatusOf(String rpc) {
    if (rpc == null) {
      return -1;
    }
    switch (rpc) {
      case "INVALID_ARGUMENT":
      case "FAILED_PRECONDITION":
      case "OUT_OF_RANGE":
        return 400;
      case "UNAUTHENTICATED":
        return 401;
      case "PERMISSION_DENIED":
        return 403;
      case "NOT_FOUND":
        return 404;
      case "ABORTED":
      case "ALREADY_EXISTS":
        return 409;
      case "RESOURCE_EXHAUSTED":
        return 429;
      case "CANCELLED":
        return 499;
      case "INTERNAL":
      case "UNKNOWN":
      case "DATA_LOSS":
        return 500;
      case "UNIMPLEMENTED":
        return 501;
      case "UNAVAILABLE":
        return 503;
      case "DEADLINE_EXCEEDED":
        return 504;
      default:
        return -1;
    }
  }

  /** Parses a proto Duration such as {@code 12s} or {@code 1.5s}; null if unusable. */
  static Duration retryDelay(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    if (v.endsWith("s")) {
      v = v.substring(0, v.length() - 1);
    }
    // Only plain seconds: RetryAfter.parse would also read an HTTP date, which this is not.
    if (v.isEmpty() || !(Character.isDigit(v.charAt(0)) || v.charAt(0) == '.')) {
      return null;
    }
    // Plain seconds never consult the clock, so any "now" will do.
    return RetryAfter.parse(v, 0L);
  }

  private static String describe(String prefix, GeminiErrorBody f) {
    StringBuilder b = new StringBuilder(prefix);
    if (f.code > 0 && !prefix.equals(Integer.toString(f.code))) {
      b.append(' ').append(f.code);
    }
    if (f.status != null) {
      b.append(' ').append(f.status);
    }
    if (f.reason() != null) {
      b.append(' ').append(f.reason());
    }
    if (f.quotaId() != null) {
      b.append(" (quota ").append(f.quotaId()).append(')');
    }
    String message = f.message == null || f.message.isBlank() ? null : f.message;
    if (message != null) {
      b.append(": ").append(message);
    } else if (f.status == null && f.reason() == null) {
      b.append(" (no error message)");
    }
    return b.toString();
  }
}
