package dev.ninelives.providers.anthropic;

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

/**
 * The error classification table of Anthropic's Messages API: maps an upstream's status and
 * error body ({@code {"type":"error","error":{"type","message"}}}) onto an
 * {@link OutcomeClass}, with the upstream's requested wait and a short message safe to log and
 * show.
 *
 * <table>
 *   <caption>status → class</caption>
 *   <tr><th>status</th><th>error.type</th><th>class</th></tr>
 *   <tr><td>400</td><td>invalid_request_error</td><td>CALLER_ERROR; CONTEXT_LENGTH when the
 *       message says the prompt is too long (or input + max_tokens exceed the context); AUTH
 *       when it says the credit balance is too low or the usage limit is reached, or when
 *       {@code details.error_code} names a spend limit or an organization problem (the key is
 *       unusable for everyone, not just this request)</td></tr>
 *   <tr><td>401, 402, 403</td><td>authentication_error, billing_error, permission_error</td>
 *       <td>AUTH</td></tr>
 *   <tr><td>404</td><td>not_found_error</td><td>NOT_FOUND</td></tr>
 *   <tr><td>408, 409</td><td>(timeout), conflict_error</td><td>SERVER_ERROR (the SDKs retry
 *       both)</td></tr>
 *   <tr><td>413</td><td>request_too_large (often an HTML or plain-text page)</td>
 *       <td>CALLER_ERROR</td></tr>
 *   <tr><td>422, other 4xx</td><td>any</td><td>as 400</td></tr>
 *   <tr><td>429</td><td>rate_limit_error</td><td>RATE_LIMITED, with {@code retry-after}</td></tr>
 *   <tr><td>500, 502, 503, 504, 529, other 5xx</td><td>api_error, timeout_error,
 *       overloaded_error…</td><td>SERVER_ERROR</td></tr>
 *   <tr><td>3xx</td><td></td><td>NOT_FOUND: an API endpoint that redirects means a wrong
 *       base_url</td></tr>
 *   <tr><td>anything else</td><td></td><td>SERVER_ERROR</td></tr>
 * </table>
 * The status decides first; the body only refines a 4xx. Empty and non-JSON bodies (proxies'
 * HTML pages, Cloudflare's 413) are classified by status alone.
 *
 * <p>The wait comes from {@code retry-after-ms} or {@code retry-after} (see {@link RetryAfter})
 * on any status. The message reads like {@code 529 overloaded_error: Overloaded}, at most
 * {@value #MAX_MESSAGE} characters, with credentials scrubbed by {@link Redactor}.
 *
 * <p>Stateless and thread-safe.
 */
public final class AnthropicErrors {
  /** The longest message put in a classification. */
  public static final int MAX_MESSAGE = 200;

  // Error bodies past this size are HTML pages or worse; the start says all there is to say.
  private static final int MAX_PARSED_BYTES = 256 * 1024;

  private static final List<String> CONTEXT_PHRASES = List.of(
      "prompt is too long", // "prompt is too long: 208656 tokens > 200000 maximum"
      "exceed context limit", // "input length and `max_tokens` exceed context limit: …"
      "context window",
      "context length");
  // Billing problems arrive as 400 invalid_request_error: no retry or other request helps this
  // key, but another key or provider can.
  private static final List<String> QUOTA_PHRASES = List.of(
      "credit balance is too low",
      "reached your specified api usage limits");
  private static final List<String> KEY_UNUSABLE_CODES = List.of(
      "enforced_spend_limit_reached", "contract_spend_limit_reached",
      "linked_organization_spend_limit_reached", "linked_organization_billing_unavailable",
      "organization_on_hold", "organization_type_not_supported", "parent_organization_required",
      "cmek_key_disabled", "cmek_key_unreachable", "cmek_key_network_blocked",
      "cmek_context_unavailable");

  private AnthropicErrors() {}

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
    Duration retryAfter = headers == null ? null : RetryAfter.fromHeaders(headers, nowEpochMillis);
    int len = body == null ? 0 : Math.min(body.length, MAX_PARSED_BYTES);
    AnthropicErrorFields f = len == 0 ? null : AnthropicErrorFields.parse(body, len);
    OutcomeClass outcome = outcomeFor(status, f == null ? new AnthropicErrorFields() : f);
    String text;
    if (len == 0) {
      text = status + " (empty body)";
    } else if (f == null) {
      text = status + " " + ErrorText.nonJsonSummary(body, len);
    } else {
      text = describe(Integer.toString(status), f);
    }
    return new Classification(outcome, retryAfter,
        Redactor.summarize(text, knownSecrets, MAX_MESSAGE));
  }

  /** {@link #classifyStreamError(byte[], Collection)} with no known secrets. */
  public static Classification classifyStreamError(byte[] data) {
    return classifyStreamError(data, List.of());
  }

  /**
   * Classifies the data of an {@code event: error} inside a 200 stream,
   * {@code {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}}, by its
   * error type: overloaded, api and timeout errors and conflicts are SERVER_ERROR, rate limits
   * RATE_LIMITED, authentication, permission and billing errors AUTH, not-found NOT_FOUND,
   * invalid requests CALLER_ERROR (CONTEXT_LENGTH when the prompt is too long). Anything else,
   * including data that is not JSON, is a {@link OutcomeClass#STREAM_ERROR}.
   *
   * @param data the event's data bytes, or null
   * @param knownSecrets credentials to scrub verbatim from the message
   */
  public static Classification classifyStreamError(byte[] data, Collection<Secret> knownSecrets) {
    AnthropicErrorFields f = data == null || data.length == 0 ? null
        : AnthropicErrorFields.parse(data, Math.min(data.length, MAX_PARSED_BYTES));
    if (f == null) {
      return Classification.of(OutcomeClass.STREAM_ERROR, "stream error event");
    }
    return streamError(f, knownSecrets);
  }

  /** The stream-error classification of already-parsed fields. */
  static Classification streamError(AnthropicErrorFields f, Collection<Secret> knownSecrets) {
    OutcomeClass outcome;
    String type = f.type == null ? "" : f.type.toLowerCase(Locale.ROOT);
    switch (type) {
      case "overloaded_error":
      case "api_error":
      case "timeout_error":
      case "conflict_error":
        outcome = OutcomeClass.SERVER_ERROR;
        break;
      case "rate_limit_error":
        outcome = OutcomeClass.RATE_LIMITED;
        break;
      case "authentication_error":
      case "permission_error":
      case "billing_error":
        outcome = OutcomeClass.AUTH;
        break;
      case "not_found_error":
        outcome = OutcomeClass.NOT_FOUND;
        break;
      case "invalid_request_error":
      case "request_too_large":
        outcome = clientFault(f);
        break;
      default:
        outcome = OutcomeClass.STREAM_ERROR;
    }
    return new Classification(outcome, null,
        Redactor.summarize(describe("stream error", f), knownSecrets, MAX_MESSAGE));
  }

  static OutcomeClass outcomeFor(int status, AnthropicErrorFields f) {
    if (status >= 500 && status <= 599 || status == 408 || status == 409) {
      return OutcomeClass.SERVER_ERROR;
    }
    switch (status) {
      case 429:
        return OutcomeClass.RATE_LIMITED;
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
      return clientFault(f);
    }
    if (status >= 300 && status <= 399) {
      return OutcomeClass.NOT_FOUND;
    }
    return OutcomeClass.SERVER_ERROR;
  }

  /** A 4xx the status alone does not settle: usually the caller's fault, but not always. */
  private static OutcomeClass clientFault(AnthropicErrorFields f) {
    if (mentions(f, CONTEXT_PHRASES)) {
      return OutcomeClass.CONTEXT_LENGTH;
    }
    if (mentions(f, QUOTA_PHRASES) || in(f.errorCode, KEY_UNUSABLE_CODES)) {
      return OutcomeClass.AUTH;
    }
    return OutcomeClass.CALLER_ERROR;
  }

  private static boolean in(String s, List<String> values) {
    if (s == null) {
      return false;
    }
    for (String v : values) {
      if (v.equalsIgnoreCase(s)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentions(AnthropicErrorFields f, List<String> phrases) {
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

  private static String describe(String prefix, AnthropicErrorFields f) {
    String label = f.type == null || f.type.isBlank() ? f.errorCode : f.type;
    if (label != null && label.isBlank()) {
      label = null;
    }
    return ErrorText.describe(prefix, label, f.message);
  }
}
