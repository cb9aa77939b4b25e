package dev.ninelives.providers.gemini;

import static dev.ninelives.core.policy.OutcomeClass.AUTH;
import static dev.ninelives.core.policy.OutcomeClass.CALLER_ERROR;
import static dev.ninelives.core.policy.OutcomeClass.CONTEXT_LENGTH;
import static dev.ninelives.core.policy.OutcomeClass.NOT_FOUND;
import static dev.ninelives.core.policy.OutcomeClass.RATE_LIMITED;
import static dev.ninelives.core.policy.OutcomeClass.SERVER_ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ninelives.core.config.Secret;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.HeaderLookup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the Gemini classification table: status × Google RPC error body → class and wait. Bodies
 * are written with ^ for the JSON double quote to keep them readable; every JSON body in the
 * table is also checked to be a real Google error shape (google.rpc.Status with known detail
 * types), so the fixtures cannot drift from what Google sends.
 */
class GeminiErrorsTest {
  private static final long NOW = Instant.parse("2026-11-24T12:00:00Z").toEpochMilli();
  private static final Map<String, String> NO_HEADERS = Map.of();

  private static final String ERROR_INFO = "^@type^:^type.googleapis.com/google.rpc.ErrorInfo^";
  private static final String RETRY_INFO = "^@type^:^type.googleapis.com/google.rpc.RetryInfo^";
  private static final String QUOTA = "^@type^:^type.googleapis.com/google.rpc.QuotaFailure^";
  private static final String HELP = "{^@type^:^type.googleapis.com/google.rpc.Help^,^links^:"
      + "[{^description^:^Learn more about Gemini API quotas^,"
      + "^url^:^https://ai.google.dev/gemini-api/docs/rate-limits^}]}";

  static String j(String caretJson) {
    return caretJson.replace('^', '"');
  }

  static Arguments row(String name, int status, Map<String, String> headers, String body,
      OutcomeClass expected, Duration retryAfter) {
    return Arguments.of(name + " " + status + " → " + expected, status, headers, body, expected,
        retryAfter);
  }

  static Arguments row(String name, int status, String body, OutcomeClass expected) {
    return row(name, status, NO_HEADERS, body, expected, null);
  }

  static String badKeyBody(String message) {
    return j("{^error^:{^code^:400,^message^:^" + message + "^,^status^:^INVALID_ARGUMENT^,"
        + "^details^:[{" + ERROR_INFO + ",^reason^:^API_KEY_INVALID^,^domain^:^googleapis.com^,"
        + "^metadata^:{^service^:^generativelanguage.googleapis.com^}},"
        + "{^@type^:^type.googleapis.com/google.rpc.LocalizedMessage^,^locale^:^en-US^,"
        + "^message^:^" + message + "^}]}}");
  }

  static String quotaBody(String quotaId, String metric, String value, String limit,
      String retryDelay) {
    return j("{^error^:{^code^:429,^message^:^You exceeded your current quota, please check "
        + "your plan and billing details. For more information on this error, head to: "
        + "https://ai.google.dev/gemini-api/docs/rate-limits.\\n* Quota exceeded for metric: "
        + metric + ", limit: " + limit + ", model: gemini-2.5-pro\\nPlease retry in 43.7s.^,"
        + "^status^:^RESOURCE_EXHAUSTED^,^details^:[{" + QUOTA + ",^violations^:[{"
        + "^quotaMetric^:^" + metric + "^,^quotaId^:^" + quotaId + "^,"
        + "^quotaDimensions^:{^location^:^global^,^model^:^gemini-2.5-pro^},"
        + "^quotaValue^:^" + value + "^}]}," + HELP
        + (retryDelay == null ? "" : ",{" + RETRY_INFO + ",^retryDelay^:^" + retryDelay + "^}")
        + "]}}");
  }

  static String rpc(int code, String status, String message) {
    return j("{^error^:{^code^:" + code + ",^message^:^" + message + "^,^status^:^" + status
        + "^}}");
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // ---- 400: the same code for a bad key, a context overflow and a bad body ----
        row("bad key", 400, badKeyBody("API key not valid. Please pass a valid API key."), AUTH),
        row("bad key by reason only", 400, badKeyBody("Invalid credentials."), AUTH),
        row("bad key by message only", 400, rpc(400, "INVALID_ARGUMENT",
            "API key not valid. Please pass a valid API key."), AUTH),
        row("expired key", 400, badKeyBody("API key expired. Please renew the API key."), AUTH),
        row("bad key, array-wrapped", 400,
            "[" + badKeyBody("API key not valid. Please pass a valid API key.") + "]", AUTH),
        row("context overflow", 400, rpc(400, "INVALID_ARGUMENT", "The input token count "
            + "(1200000) exceeds the maximum number of tokens allowed (1048576)."),
            CONTEXT_LENGTH),
        row("unknown field", 400, j("{^error^:{^code^:400,^message^:^Invalid JSON payload "
            + "received. Unknown name \\^max_tokens\\^ at 'generation_config': Cannot find "
            + "field.^,^status^:^INVALID_ARGUMENT^,^details^:[{^@type^:"
            + "^type.googleapis.com/google.rpc.BadRequest^,^fieldViolations^:[{^field^:"
            + "^generation_config^,^description^:^Invalid JSON payload received. Unknown name "
            + "\\^max_tokens\\^ at 'generation_config': Cannot find field.^}]}]}}"),
            CALLER_ERROR),
        row("bare invalid argument", 400, rpc(400, "INVALID_ARGUMENT",
            "Request contains an invalid argument."), CALLER_ERROR),
        row("function response count", 400, rpc(400, "INVALID_ARGUMENT", "Please ensure that "
            + "the number of function response parts is equal to the number of function call "
            + "parts of the function call turn."), CALLER_ERROR),
        row("unreadable model name", 400, rpc(400, "INVALID_ARGUMENT",
            "* GenerateContentRequest.model: unexpected model name format\\n"), NOT_FOUND),
        row("region", 400, rpc(400, "FAILED_PRECONDITION",
            "User location is not supported for the API use."), AUTH),
        row("billing", 400, rpc(400, "FAILED_PRECONDITION", "Gemini API free tier is not "
            + "available in your country. Please enable billing on your project in Google AI "
            + "Studio."), AUTH),
        row("400 empty", 400, "", CALLER_ERROR),
        row("400 html", 400, "<!DOCTYPE html><html lang=en><title>Error 400 (Bad Request)!!1"
            + "</title><p>Your client has issued a malformed or illegal request.", CALLER_ERROR),
        row("truncated after the message", 400, j("{^error^:{^code^:400,^message^:^API key not "
            + "valid. Please pass a valid API key.^,^status^:^INVA"), AUTH),

        // ---- auth ----
        row("oauth", 401, j("{^error^:{^code^:401,^message^:^Request had invalid authentication "
            + "credentials. Expected OAuth 2 access token, login cookie or other valid "
            + "authentication credential.^,^status^:^UNAUTHENTICATED^,^details^:[{" + ERROR_INFO
            + ",^reason^:^ACCESS_TOKEN_TYPE_UNSUPPORTED^,^metadata^:{^service^:"
            + "^generativelanguage.googleapis.com^,^method^:"
            + "^google.ai.generativelanguage.v1beta.GenerativeService.GenerateContent^}}]}}"),
            AUTH),
        row("unregistered caller", 403, rpc(403, "PERMISSION_DENIED", "Method doesn't allow "
            + "unregistered callers (callers without established identity). Please use API Key "
            + "or other form of API consumer identity to call this API."), AUTH),
        row("api disabled", 403, j("{^error^:{^code^:403,^message^:^Generative Language API has "
            + "not been used in project 123456789012 before or it is disabled.^,"
            + "^status^:^PERMISSION_DENIED^,^details^:[{" + ERROR_INFO + ",^reason^:"
            + "^SERVICE_DISABLED^,^domain^:^googleapis.com^,^metadata^:{^consumer^:"
            + "^projects/123456789012^,^service^:^generativelanguage.googleapis.com^}},"
            + "{^@type^:^type.googleapis.com/google.rpc.Help^,^links^:[{^description^:"
            + "^Google developers console API activation^,^url^:^https://console.developers."
            + "google.com/apis/api/generativelanguage.googleapis.com/overview?project="
            + "123456789012^}]}]}}"), AUTH),
        row("leaked key", 403, rpc(403, "PERMISSION_DENIED",
            "Your API key was reported as leaked. Please use another API key."), AUTH),

        // ---- not found ----
        row("unknown model", 404, rpc(404, "NOT_FOUND", "models/gemini-9.0-pro is not found for "
            + "API version v1beta, or is not supported for generateContent. Call ListModels to "
            + "see the list of available models and their supported methods."), NOT_FOUND),
        row("front-end 404", 404, "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  "
            + "<title>Error 404 (Not Found)!!1</title>\n  <p><b>404.</b> <ins>That’s an error."
            + "</ins>", NOT_FOUND),
        row("redirect", 302, "", NOT_FOUND),

        // ---- 429: wait, or the key is out for the day ----
        row("per-minute quota", 429, NO_HEADERS, quotaBody(
            "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
            "generativelanguage.googleapis.com/generate_content_free_tier_requests", "10", "10",
            "12s"), RATE_LIMITED, Duration.ofSeconds(12)),
        row("fractional retry delay", 429, NO_HEADERS, quotaBody(
            "GenerateContentInputTokensPerModelPerMinute-FreeTier",
            "generativelanguage.googleapis.com/generate_content_free_tier_input_token_count",
            "250000", "250000", "1.5s"), RATE_LIMITED, Duration.ofMillis(1500)),
        row("retry info wins over header", 429, Map.of("retry-after", "30"), quotaBody(
            "GenerateRequestsPerMinutePerProjectPerModel",
            "generativelanguage.googleapis.com/generate_content_paid_tier_requests", "1000",
            "1000", "12s"), RATE_LIMITED, Duration.ofSeconds(12)),
        row("header when no retry info", 429, Map.of("retry-after", "7"), quotaBody(
            "GenerateRequestsPerMinutePerProjectPerModel",
            "generativelanguage.googleapis.com/generate_content_paid_tier_requests", "1000",
            "1000", null), RATE_LIMITED, Duration.ofSeconds(7)),
        row("daily quota", 429, NO_HEADERS, quotaBody(
            "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
            "generativelanguage.googleapis.com/generate_content_free_tier_requests", "50", "50",
            "43s"), AUTH, Duration.ofSeconds(43)),
        row("daily quota by metric", 429, NO_HEADERS, quotaBody(
            "DefaultQuotaId", "generativelanguage.googleapis.com/generate_requests_per_model_"
                + "per_day", "1500", "1500", null), AUTH, null),
        row("zero quota", 429, NO_HEADERS, quotaBody(
            "GenerateContentInputTokensPerModelPerMinute-FreeTier",
            "generativelanguage.googleapis.com/generate_content_free_tier_input_token_count",
            "0", "0", "20s"), AUTH, Duration.ofSeconds(20)),
        row("bare resource exhausted", 429, rpc(429, "RESOURCE_EXHAUSTED",
            "Resource has been exhausted (e.g. check quota)."), RATE_LIMITED),
        row("429 empty", 429, "", RATE_LIMITED),

        // ---- server side: retry, fail over ----
        row("internal", 500, rpc(500, "INTERNAL", "An internal error has occurred. Please retry "
            + "or report in https://developers.generativeai.google/guide/troubleshooting"),
            SERVER_ERROR),
        row("overloaded", 503, rpc(503, "UNAVAILABLE",
            "The model is overloaded. Please try again later."), SERVER_ERROR),
        row("overloaded with retry info", 503, NO_HEADERS, j("{^error^:{^code^:503,^message^:"
            + "^The service is currently unavailable.^,^status^:^UNAVAILABLE^,^details^:[{"
            + RETRY_INFO + ",^retryDelay^:^2s^}]}}"), SERVER_ERROR, Duration.ofSeconds(2)),
        row("deadline", 504, rpc(504, "DEADLINE_EXCEEDED",
            "Deadline expired before operation could complete."), SERVER_ERROR),
        row("front-end 502", 502, "<!DOCTYPE html>\n<html lang=en>\n  <title>Error 502 (Server "
            + "Error)!!1</title>", SERVER_ERROR),
        row("500 empty", 500, "", SERVER_ERROR),
        row("timeout", 408, "", SERVER_ERROR),
        row("aborted", 409, rpc(409, "ABORTED", "The operation was aborted."), SERVER_ERROR),
        row("any 5xx", 599, "", SERVER_ERROR),

        // ---- other 4xx: the caller's ----
        row("too large", 413, "Request Entity Too Large", CALLER_ERROR),
        row("teapot", 418, "", CALLER_ERROR));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void classifiesByStatusAndBody(String name, int status, Map<String, String> headers,
      String body, OutcomeClass expected, Duration retryAfter) {
    if (body.startsWith("{") && body.endsWith("}") || body.startsWith("[")) {
      GeminiProto.error(body); // the fixture is a real Google error shape
    }
    Classification c = GeminiErrors.classify(status, HeaderLookup.of(headers),
        body.getBytes(StandardCharsets.UTF_8), NOW);

    assertThat(c.outcome()).isEqualTo(expected);
    assertThat(c.retryAfter()).isEqualTo(retryAfter);
    assertThat(c.message()).startsWith(Integer.toString(status)).hasSizeLessThanOrEqualTo(
        GeminiErrors.MAX_MESSAGE);
  }

  @Test
  void badKey_isNotACallerError_evenThoughItIsA400() {
    // The distinction the whole table exists for: same status, different fate.
    Classification key = GeminiErrors.classify(400, HeaderLookup.NONE,
        bytes(badKeyBody("API key not valid. Please pass a valid API key.")), NOW);
    Classification body = GeminiErrors.classify(400, HeaderLookup.NONE,
        bytes(rpc(400, "INVALID_ARGUMENT", "Request contains an invalid argument.")), NOW);

    assertThat(key.outcome()).isEqualTo(AUTH);
    assertThat(body.outcome()).isEqualTo(CALLER_ERROR);
  }

  @Test
  void message_namesStatusReasonAndText() {
    Classification c = GeminiErrors.classify(400, HeaderLookup.NONE,
        bytes(badKeyBody("API key not valid. Please pass a valid API key.")), NOW);

    assertThat(c.message()).isEqualTo(
        "400 INVALID_ARGUMENT API_KEY_INVALID: API key not valid. Please pass a valid API key.");
  }

  @Test
  void message_namesTheQuota() {
    Classification c = GeminiErrors.classify(429, HeaderLookup.NONE, bytes(quotaBody(
        "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
        "generativelanguage.googleapis.com/generate_content_free_tier_requests", "50", "50",
        null)), NOW);

    assertThat(c.message()).startsWith("429 RESOURCE_EXHAUSTED "
        + "(quota GenerateRequestsPerDayPerProjectPerModel-FreeTier): You exceeded");
  }

  @Test
  void message_scrubsGoogleKeysAndKnownSecrets() {
    String googleKey = "AIzaSyD-0123456789abcdefghijklmnopqrstu";
    Secret configured = Secret.of("tenant-header-value-42");
    Classification c = GeminiErrors.classify(400, HeaderLookup.NONE, bytes(rpc(400,
        "INVALID_ARGUMENT", "API key not valid: " + googleKey + " (header "
            + configured.reveal() + ")")), NOW, List.of(configured));

    assertThat(c.outcome()).isEqualTo(AUTH);
    assertThat(c.message()).doesNotContain(googleKey).doesNotContain(configured.reveal())
        .contains("[redacted]");
  }

  @Test
  void message_forNonJsonBodies() {
    assertThat(GeminiErrors.classify(502, HeaderLookup.NONE, bytes("<html><title>Error 502 "
        + "(Server Error)!!1</title></html>"), NOW).message())
        .isEqualTo("502 (non-JSON body: Error 502 (Server Error)!!1)");
    assertThat(GeminiErrors.classify(503, HeaderLookup.NONE, new byte[0], NOW).message())
        .isEqualTo("503 (empty body)");
    assertThat(GeminiErrors.classify(503, null, null, NOW).message())
        .isEqualTo("503 (empty body)");
  }

  @Test
  void retryDelay_readsProtoDurations() {
    assertThat(GeminiErrors.retryDelay("12s")).isEqualTo(Duration.ofSeconds(12));
    assertThat(GeminiErrors.retryDelay("0.250s")).isEqualTo(Duration.ofMillis(250));
    assertThat(GeminiErrors.retryDelay("38.455582135s")).isEqualTo(Duration.ofNanos(
        38_455_582_135L));
    assertThat(GeminiErrors.retryDelay("-1s")).isNull();
    assertThat(GeminiErrors.retryDelay("soon")).isNull();
    assertThat(GeminiErrors.retryDelay(null)).isNull();
  }

  @Test
  void fixtureCheck_rejectsAnInventedDetailShape() {
    // The oracle used on every row above can fail: a misspelt member of a known detail type.
    assertThatThrownBy(() -> GeminiProto.error(j("{^error^:{^code^:429,^message^:^x^,"
        + "^status^:^RESOURCE_EXHAUSTED^,^details^:[{" + RETRY_INFO + ",^retry_after^:^1s^}]}}")))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> GeminiProto.error(rpc(429, "TOO_MANY_REQUESTS", "x")))
        .isInstanceOf(AssertionError.class);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
