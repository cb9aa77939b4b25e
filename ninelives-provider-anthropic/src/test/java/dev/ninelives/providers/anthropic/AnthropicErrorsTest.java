package dev.ninelives.providers.anthropic;

import static dev.ninelives.core.policy.OutcomeClass.AUTH;
import static dev.ninelives.core.policy.OutcomeClass.CALLER_ERROR;
import static dev.ninelives.core.policy.OutcomeClass.CONTEXT_LENGTH;
import static dev.ninelives.core.policy.OutcomeClass.NOT_FOUND;
import static dev.ninelives.core.policy.OutcomeClass.RATE_LIMITED;
import static dev.ninelives.core.policy.OutcomeClass.SERVER_ERROR;
import static dev.ninelives.core.policy.OutcomeClass.STREAM_ERROR;
import static org.assertj.core.api.Assertions.assertThat;

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
 * Pins Anthropic's classification table: status × body → class and wait. Bodies are written
 * with ^ for the JSON double quote to keep them readable.
 */
class AnthropicErrorsTest {
  private static final long NOW = Instant.parse("2026-11-24T12:00:00Z").toEpochMilli();
  private static final Map<String, String> NO_HEADERS = Map.of();

  static String j(String caretJson) {
    return caretJson.replace('^', '"');
  }

  /** Anthropic's error body for a type and message. */
  static String err(String type, String message) {
    return j("{^type^:^error^,^error^:{^type^:^" + type + "^,^message^:^" + message
        + "^},^request_id^:^req_011CSHoEeqs5C35K2UUqR7Fy^}");
  }

  static Arguments row(String what, int status, Map<String, String> headers, String body,
      OutcomeClass expected, Duration retryAfter) {
    return Arguments.of(what + " " + status + " → " + expected, status, headers, body, expected,
        retryAfter);
  }

  static Arguments row(String what, int status, String body, OutcomeClass expected) {
    return row(what, status, NO_HEADERS, body, expected, null);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        row("invalid request", 400, err("invalid_request_error",
            "max_tokens: Field required"), CALLER_ERROR),
        row("bad role order", 400, err("invalid_request_error",
            "messages: roles must alternate between \\^user\\^ and \\^assistant\\^"),
            CALLER_ERROR),
        row("prompt too long", 400, err("invalid_request_error",
            "prompt is too long: 208656 tokens > 200000 maximum"), CONTEXT_LENGTH),
        row("input + max_tokens over the context", 400, err("invalid_request_error",
            "input length and `max_tokens` exceed context limit: 197626 + 8192 > 200000, "
                + "decrease input length or `max_tokens` and try again"), CONTEXT_LENGTH),
        row("credit balance", 400, err("invalid_request_error", "Your credit balance is too "
            + "low to access the Anthropic API. Please go to Plans & Billing to upgrade or "
            + "purchase credits."), AUTH),
        row("usage limit", 400, err("invalid_request_error", "You have reached your "
            + "specified API usage limits. You will regain access on 2026-12-01 at 00:00 UTC."),
            AUTH),
        row("spend limit by error_code (API 2026-10-21)", 400, j("{^type^:^error^,^error^:"
            + "{^type^:^invalid_request_error^,^message^:^Spend limit reached^,^details^:"
            + "{^error_code^:^enforced_spend_limit_reached^}}}"), AUTH),
        row("bad key", 401, err("authentication_error", "invalid x-api-key"), AUTH),
        row("billing", 402, err("billing_error", "Your organization has no billing method"),
            AUTH),
        row("permission", 403, err("permission_error",
            "Your API key does not have permission to use the specified resource."), AUTH),
        row("model", 404, err("not_found_error", "model: claude-9"), NOT_FOUND),
        row("request timeout", 408, "", SERVER_ERROR),
        row("conflict", 409, err("conflict_error", "Conflict"), SERVER_ERROR),
        row("too large, JSON", 413, err("request_too_large",
            "Request exceeds the maximum allowed number of bytes."), CALLER_ERROR),
        row("too large, Cloudflare HTML", 413, "<html><head><title>413 Request Entity Too "
            + "Large</title></head><body><center><h1>413 Request Entity Too Large</h1>"
            + "</center><hr><center>cloudflare</center></body></html>", CALLER_ERROR),
        row("unprocessable", 422, err("invalid_request_error", "Unprocessable"), CALLER_ERROR),
        row("other 4xx", 418, "", CALLER_ERROR),
        row("rate limit with retry-after", 429, Map.of("retry-after", "17",
            "anthropic-ratelimit-requests-reset", "2026-11-24T12:00:17Z"),
            err("rate_limit_error", "Number of request tokens has exceeded your per-minute "
                + "rate limit"), RATE_LIMITED, Duration.ofSeconds(17)),
        row("rate limit without retry-after", 429, err("rate_limit_error", "slow down"),
            RATE_LIMITED),
        row("rate limit, HTTP date", 429, Map.of("retry-after", "Tue, 24 Nov 2026 12:00:30 GMT"),
            err("rate_limit_error", "slow down"), RATE_LIMITED, Duration.ofSeconds(30)),
        row("api error", 500, err("api_error", "Internal server error"), SERVER_ERROR),
        row("bad gateway, HTML", 502, "<html><title>502 Bad Gateway</title></html>",
            SERVER_ERROR),
        row("unavailable", 503, err("api_error", "Service unavailable"), SERVER_ERROR),
        row("timeout", 504, err("timeout_error", "Request timeout"), SERVER_ERROR),
        row("overloaded", 529, Map.of("retry-after", "3"), err("overloaded_error",
            "Overloaded"), SERVER_ERROR, Duration.ofSeconds(3)),
        row("cloudflare 520", 520, "", SERVER_ERROR),
        row("any 5xx", 599, "upstream connect error or disconnect/reset before headers",
            SERVER_ERROR),
        row("redirect means a wrong base_url", 301, "", NOT_FOUND),
        row("truncated JSON", 500, "{^type^:^error^,^error^:{^type^:^api_er", SERVER_ERROR),
        row("empty 400", 400, "", CALLER_ERROR),
        row("JSON that is not an error", 400, "[1,2,3]", CALLER_ERROR));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void table(String name, int status, Map<String, String> headers, String body,
      OutcomeClass expected, Duration retryAfter) {
    Classification c = AnthropicErrors.classify(status, HeaderLookup.of(headers),
        j(body).getBytes(StandardCharsets.UTF_8), NOW);
    assertThat(c.outcome()).isEqualTo(expected);
    assertThat(c.retryAfter()).isEqualTo(retryAfter);
    assertThat(c.message()).startsWith(Integer.toString(status)).hasSizeLessThanOrEqualTo(200);
  }

  @Test
  void message_namesTypeAndMessage() {
    Classification c = AnthropicErrors.classify(529, HeaderLookup.NONE,
        SdkOracle.utf8(err("overloaded_error", "Overloaded")), NOW);
    assertThat(c.message()).isEqualTo("529 overloaded_error: Overloaded");
  }

  @Test
  void message_ofNonJsonBodies() {
    assertThat(AnthropicErrors.classify(502, null, new byte[0], NOW).message())
        .isEqualTo("502 (empty body)");
    assertThat(AnthropicErrors.classify(413, null,
        SdkOracle.utf8("<html><title>413 Request Entity Too Large</title></html>"), NOW)
        .message()).isEqualTo("413 (non-JSON body: 413 Request Entity Too Large)");
    assertThat(AnthropicErrors.classify(503, null, null, NOW).outcome()).isEqualTo(SERVER_ERROR);
  }

  @Test
  void message_scrubsKnownSecretsAndKeyShapes() {
    Secret key = Secret.of("sk-ant-api03-SECRETSECRETSECRET");
    Classification c = AnthropicErrors.classify(401, HeaderLookup.NONE,
        SdkOracle.utf8(err("authentication_error",
            "invalid x-api-key sk-ant-api03-SECRETSECRETSECRET (also Bearer abcdefgh12345678)")),
        NOW, List.of(key));
    assertThat(c.message()).doesNotContain("SECRET").doesNotContain("abcdefgh12345678")
        .contains("[redacted]");
  }

  @Test
  void message_isCutToTheLimit() {
    String longMessage = "x ".repeat(500);
    Classification c = AnthropicErrors.classify(400, HeaderLookup.NONE,
        SdkOracle.utf8(err("invalid_request_error", longMessage)), NOW);
    assertThat(c.message()).hasSize(AnthropicErrors.MAX_MESSAGE).endsWith("…");
  }

  static Stream<Arguments> streamTable() {
    return Stream.of(
        Arguments.of("overloaded_error", "Overloaded", SERVER_ERROR),
        Arguments.of("api_error", "Internal server error", SERVER_ERROR),
        Arguments.of("timeout_error", "timeout", SERVER_ERROR),
        Arguments.of("conflict_error", "conflict", SERVER_ERROR),
        Arguments.of("rate_limit_error", "slow down", RATE_LIMITED),
        Arguments.of("authentication_error", "bad key", AUTH),
        Arguments.of("permission_error", "no", AUTH),
        Arguments.of("billing_error", "pay", AUTH),
        Arguments.of("not_found_error", "model gone", NOT_FOUND),
        Arguments.of("invalid_request_error", "bad", CALLER_ERROR),
        Arguments.of("invalid_request_error", "prompt is too long: 300000 tokens > 200000",
            CONTEXT_LENGTH),
        Arguments.of("something_new_error", "?", STREAM_ERROR));
  }

  @ParameterizedTest(name = "stream {0} → {2}")
  @MethodSource("streamTable")
  void streamErrors(String type, String message, OutcomeClass expected) {
    Classification c = AnthropicErrors.classifyStreamError(SdkOracle.utf8(
        j("{^type^:^error^,^error^:{^type^:^" + type + "^,^message^:^" + message + "^}}")));
    assertThat(c.outcome()).isEqualTo(expected);
    assertThat(c.message()).isEqualTo("stream error " + type + ": " + message);
    assertThat(c.retryAfter()).isNull();
  }

  @Test
  void streamError_unreadableDataIsAStreamError() {
    assertThat(AnthropicErrors.classifyStreamError(SdkOracle.utf8("not json")).outcome())
        .isEqualTo(STREAM_ERROR);
    assertThat(AnthropicErrors.classifyStreamError(null).outcome()).isEqualTo(STREAM_ERROR);
  }
}
