package dev.ninelives.providers.openai;

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
 * The error classification table of the OpenAI family: maps an upstream's status and error body
 * (any dialect, see {@link ErrorFields}) onto an {@link OutcomeClass}, with the upstream's
 * requested wait and a short message safe to log and show.
 *
 * <table>
 *   <caption>status → class</caption>
 *   <tr><th>status</th><th>class</th></tr>
 *   <tr><td>408, 409, 500, 502, 503, 504, 529, any other 5xx</td><td>SERVER_ERROR</td></tr>
 *   <tr><td>429</td><td>RATE_LIMITED; AUTH when type/code is {@code insufficient_quota}</td></tr>
 *   <tr><td>401, 402</td><td>AUTH</td></tr>
 *   <tr><td>403</td><td>AUTH; CONTENT_POLICY for a moderation block (OpenRouter)</td></tr>
 *   <tr><td>404</td><td>NOT_FOUND</td></tr>
 *   <tr><td>other 4xx</td><td>CONTEXT_LENGTH when the body says the context overflowed;
 *       CONTENT_POLICY for a policy rejection; AUTH for a bad key (Google's OpenAI endpoint
 *       answers 400); NOT_FOUND when the model is unknown (DeepSeek, Mistral answer 400);
 *       RATE_LIMITED for Groq's 413 "request too large for your tokens-per-minute";
 *       otherwise CALLER_ERROR (400, 413, 422…)</td></tr>
 *   <tr><td>3xx</td><td>NOT_FOUND: an API endpoint that redirects means a wrong base_url</td></tr>
 *   <tr><td>anything else</td><td>SERVER_ERROR</td></tr>
 * </table>
 * Codes decide first, then types, then message phrases: vLLM, Mistral and others signal a
 * context overflow only in the message text.
 *
 * <p>The wait comes from {@code retry-after-ms} or {@code retry-after} (see {@link RetryAfter})
 * on any status. The message reads like {@code 429 rate_limit_exceeded: Rate limit reached…},
 * at most {@value #MAX_MESSAGE} characters, with credentials scrubbed by {@link Redactor}.
 *
 * <p>Stateless and thread-safe.
 */
public final class OpenAiFamilyErrors {
  /** The longest message put in a classification. */
  public static final int MAX_MESSAGE = 200;

  // Error bodies past this size are HTML pages or worse; the start says all there is to say.
  private static final int MAX_PARSED_BYTES = 256 * 1024;

  private static final List<String> CONTEXT_CODES = List.of(
      "context_length_exceeded", "context_window_exceeded", "model_context_window_exceeded",
      "exceed_context_size_error");
  private static final List<String> CONTEXT_PHRASES = List.of(
      "maximum context length", // OpenAI, vLLM, DeepSeek, OpenRouter, Mistral
      "context length exceeded",
      "context_length_exceeded",
      "exceeds the available context size", // llama.cpp
      "exceed_context_size",
      "context window",
      "prompt is too long", // Anthropic wording, via routers
      "exceeds the maximum number of tokens", // Google
      "`inputs` tokens + `max_new_tokens` must be <=", // TGI
      "reduce the length of the messages"); // OpenAI, Groq
  private static final List<String> POLICY_CODES = List.of(
      "invalid_prompt", "content_filter", "content_policy_violation",
      "responsibleaipolicyviolation");
  private static final List<String> POLICY_PHRASES = List.of(
      "content management policy", // Azure
      "flagged as potentially violating", // OpenAI invalid_prompt
      "violating our usage policy",
      "requires moderation"); // OpenRouter
  private static final List<String> QUOTA_CODES = List.of("insufficient_quota");
  private static final List<String> QUOTA_PHRASES = List.of("exceeded your current quota");
  private static final List<String> BAD_KEY_CODES = List.of(
      "invalid_api_key", "authentication_error", "api_key_invalid");
  private static final List<String> BAD_KEY_PHRASES = List.of(
      "api key not valid", "invalid api key", "incorrect api key");
  private static final List<String> MODEL_NOT_FOUND_CODES = List.of(
      "model_not_found", "deploymentnotfound", "model_not_available");
  private static final List<String> MODEL_NOT_FOUND_PHRASES = List.of(
      "model not exist", "model does not exist", "invalid model", "unknown model",
      "no such model", "model not found");
  private static final List<String> RATE_LIMIT_CODES = List.of(
      "rate_limit_exceeded", "rate_limit_error", "tokens", "requests", "resource_exhausted");
  private static final List<String> SERVER_CODES = List.of(
      "server_error", "overloaded_error", "overloaded", "api_error", "internal_error",
      "internalservererror", "service_unavailable", "serviceunavailableerror",
      "unavailable_error", "timeout_error", "timeout", "unavailable", "internal",
      "deadline_exceeded");
  private static final List<String> PERMISSION_CODES = List.of(
      "permission_error", "billing_error", "permission_denied", "unauthenticated");

  private OpenAiFamilyErrors() {}

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
    ErrorFields f = len == 0 ? null : ErrorFields.parse(body, len);
    OutcomeClass outcome = outcomeFor(status, f == null ? new ErrorFields() : f);
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

  /**
   * Classifies an error object that arrived inside a 200 stream (a {@code data:} line with an
   * {@code error} member). A numeric code that is an HTTP status (vLLM, llama.cpp, Azure) is read
   * through the status table; otherwise the type and code decide, and anything unrecognised is a
   * {@link OutcomeClass#STREAM_ERROR}.
   */
  static Classification classifyStreamError(ErrorFields f, Collection<Secret> knownSecrets) {
    OutcomeClass outcome;
    if (f.numericCode >= 400 && f.numericCode <= 599) {
      outcome = outcomeFor(f.numericCode, f);
    } else if (matchesCode(f, CONTEXT_CODES) || mentions(f, CONTEXT_PHRASES)) {
      outcome = OutcomeClass.CONTEXT_LENGTH;
    } else if (isContentPolicy(f)) {
      outcome = OutcomeClass.CONTENT_POLICY;
    } else if (isQuota(f) || matchesCode(f, BAD_KEY_CODES) || matchesCode(f, PERMISSION_CODES)) {
      outcome = OutcomeClass.AUTH;
    } else if (matchesCode(f, RATE_LIMIT_CODES)) {
      outcome = OutcomeClass.RATE_LIMITED;
    } else if (matchesCode(f, SERVER_CODES)) {
      outcome = OutcomeClass.SERVER_ERROR;
    } else {
      outcome = OutcomeClass.STREAM_ERROR;
    }
    return new Classification(outcome, null,
        Redactor.summarize(describe("stream error", f), knownSecrets, MAX_MESSAGE));
  }

  static OutcomeClass outcomeFor(int status, ErrorFields f) {
    if (status >= 500 && status <= 599 || status == 408 || status == 409) {
      return OutcomeClass.SERVER_ERROR;
    }
    switch (status) {
      case 429:
        return isQuota(f) ? OutcomeClass.AUTH : OutcomeClass.RATE_LIMITED;
      case 401:
      case 402:
        return OutcomeClass.AUTH;
      case 403:
        // A moderation block is about this prompt, not the key: quarantining the key for it
        // would let one user's prompt take a key away from everyone.
        return isModeration(f) ? OutcomeClass.CONTENT_POLICY : OutcomeClass.AUTH;
      case 404:
        return OutcomeClass.NOT_FOUND;
      default:
        break;
    }
    if (status >= 400 && status <= 499) {
      if (matchesCode(f, CONTEXT_CODES) || mentions(f, CONTEXT_PHRASES)) {
        return OutcomeClass.CONTEXT_LENGTH;
      }
      if (isContentPolicy(f)) {
        return OutcomeClass.CONTENT_POLICY;
      }
      if (f.apiKeyInvalid || matchesCode(f, BAD_KEY_CODES) || mentions(f, BAD_KEY_PHRASES)) {
        return OutcomeClass.AUTH;
      }
      // The gateway, not the client, chose this model: an unknown model is our misconfiguration.
      if (matchesCode(f, MODEL_NOT_FOUND_CODES) || mentions(f, MODEL_NOT_FOUND_PHRASES)) {
        return OutcomeClass.NOT_FOUND;
      }
      // Groq answers 413 when one request exceeds the tokens-per-minute limit: no retry can
      // help this key, but another provider can take it.
      if (status == 413 && matchesCode(f, RATE_LIMIT_CODES)) {
        return OutcomeClass.RATE_LIMITED;
      }
      return OutcomeClass.CALLER_ERROR;
    }
    if (status >= 300 && status <= 399) {
      return OutcomeClass.NOT_FOUND;
    }
    return OutcomeClass.SERVER_ERROR;
  }

  private static boolean isQuota(ErrorFields f) {
    return matchesCode(f, QUOTA_CODES) || mentions(f, QUOTA_PHRASES);
  }

  private static boolean isContentPolicy(ErrorFields f) {
    return matchesCode(f, POLICY_CODES) || in(f.innerCode, POLICY_CODES)
        || mentions(f, POLICY_PHRASES);
  }

  private static boolean isModeration(ErrorFields f) {
    return f.moderationFlagged || isContentPolicy(f);
  }

  /** Whether the error's code, type or RPC status is one of {@code values} (any case). */
  private static boolean matchesCode(ErrorFields f, List<String> values) {
    return in(f.code, values) || in(f.type, values) || in(f.rpcStatus, values);
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

  private static boolean mentions(ErrorFields f, List<String> phrases) {
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

  private static String describe(String prefix, ErrorFields f) {
    return ErrorText.describe(prefix, f.label(), f.message);
  }
}
