package dev.ninelives.providers.openai;

import static dev.ninelives.core.policy.OutcomeClass.AUTH;
import static dev.ninelives.core.policy.OutcomeClass.CALLER_ERROR;
import static dev.ninelives.core.policy.OutcomeClass.CONTENT_POLICY;
import static dev.ninelives.core.policy.OutcomeClass.CONTEXT_LENGTH;
import static dev.ninelives.core.policy.OutcomeClass.NOT_FOUND;
import static dev.ninelives.core.policy.OutcomeClass.RATE_LIMITED;
import static dev.ninelives.core.policy.OutcomeClass.SERVER_ERROR;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins the OpenAI family's classification table: status × body dialect → class and wait.
 * Bodies are written with ^ for the JSON double quote to keep them readable.
 */
class OpenAiFamilyErrorsTest {
  private static final long NOW = Instant.parse("2026-11-24T12:00:00Z").toEpochMilli();
  private static final Map<String, String> NO_HEADERS = Map.of();

  static String j(String caretJson) {
    return caretJson.replace('^', '"');
  }

  static Arguments row(String dialect, int status, Map<String, String> headers, String body,
      OutcomeClass expected, Duration retryAfter) {
    return Arguments.of(dialect + " " + status + " → " + expected, status, headers, body,
        expected, retryAfter);
  }

  static Arguments row(String dialect, int status, String body, OutcomeClass expected) {
    return row(dialect, status, NO_HEADERS, body, expected, null);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // ---- OpenAI ----
        row("openai rate limit", 429, Map.of("retry-after", "2"), j("{^error^:{^message^:"
            + "^Rate limit reached for gpt-4.1 in organization org-x on tokens per min (TPM): "
            + "Limit 30000, Used 29000, Requested 2000. Please try again in 2s.^,^type^:^tokens^,"
            + "^param^:null,^code^:^rate_limit_exceeded^}}"), RATE_LIMITED, Duration.ofSeconds(2)),
        row("openai rate limit, ms header wins", 429,
            Map.of("retry-after-ms", "1500.5", "retry-after", "20"),
            j("{^error^:{^message^:^Rate limit reached^,^type^:^requests^,^param^:null,"
                + "^code^:^rate_limit_exceeded^}}"), RATE_LIMITED, Duration.ofNanos(1_500_500_000)),
        row("openai rate limit, no retry-after", 429, j("{^error^:{^message^:^Rate limit^,"
            + "^type^:^requests^,^param^:null,^code^:^rate_limit_exceeded^}}"), RATE_LIMITED),
        row("openai quota", 429, j("{^error^:{^message^:^You exceeded your current quota, please "
            + "check your plan and billing details.^,^type^:^insufficient_quota^,^param^:null,"
            + "^code^:^insufficient_quota^}}"), AUTH),
        row("openai quota by code only", 429, j("{^error^:{^message^:^quota^,^type^:^x^,"
            + "^param^:null,^code^:^insufficient_quota^}}"), AUTH),
        row("openai bad key", 401, j("{^error^:{^message^:^Incorrect API key provided: "
            + "sk-ab***yz. You can find your API key at https://platform.openai.com/account/"
            + "api-keys.^,^type^:^invalid_request_error^,^param^:null,^code^:^invalid_api_key^}}"),
            AUTH),
        row("openai billing", 402, j("{^error^:{^message^:^Payment required^,^type^:^billing^,"
            + "^param^:null,^code^:null}}"), AUTH),
        row("openai region", 403, j("{^error^:{^message^:^Country, region, or territory not "
            + "supported^,^type^:^request_forbidden^,^param^:null,"
            + "^code^:^unsupported_country_region_territory^}}"), AUTH),
        row("openai model", 404, j("{^error^:{^message^:^The model `gpt-9` does not exist or you "
            + "do not have access to it.^,^type^:^invalid_request_error^,^param^:null,"
            + "^code^:^model_not_found^}}"), NOT_FOUND),
        row("openai context", 400, j("{^error^:{^message^:^This model's maximum context length is "
            + "128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the "
            + "length of the messages.^,^type^:^invalid_request_error^,^param^:^messages^,"
            + "^code^:^context_length_exceeded^}}"), CONTEXT_LENGTH),
        row("openai policy", 400, j("{^error^:{^message^:^Invalid prompt: your prompt was flagged "
            + "as potentially violating our usage policy. Please try again with a different "
            + "prompt.^,^type^:^invalid_request_error^,^param^:null,^code^:^invalid_prompt^}}"),
            CONTENT_POLICY),
        row("openai bad param", 400, j("{^error^:{^message^:^Invalid type for 'temperature': "
            + "expected a decimal, but got a string instead.^,^type^:^invalid_request_error^,"
            + "^param^:^temperature^,^code^:^invalid_type^}}"), CALLER_ERROR),
        row("openai server", 500, j("{^error^:{^message^:^The server had an error while processing "
            + "your request. Sorry about that!^,^type^:^server_error^,^param^:null,"
            + "^code^:null}}"), SERVER_ERROR),
        row("openai overloaded", 503, Map.of("retry-after", "1"), j("{^error^:{^message^:^The "
            + "engine is currently overloaded, please try again later^,^type^:^server_error^,"
            + "^param^:null,^code^:null}}"), SERVER_ERROR, Duration.ofSeconds(1)),
        row("openai timeout", 408, j("{^error^:{^message^:^Request timed out^,^type^:^timeout^,"
            + "^param^:null,^code^:null}}"), SERVER_ERROR),
        row("openai conflict", 409, j("{^error^:{^message^:^conflict^,^type^:^conflict^,"
            + "^param^:null,^code^:null}}"), SERVER_ERROR),
        row("openai bad gateway", 502, "{}", SERVER_ERROR),
        row("openai gateway timeout", 504, "{}", SERVER_ERROR),
        row("overloaded", 529, j("{^error^:{^type^:^overloaded_error^,^message^:^Overloaded^}}"),
            SERVER_ERROR),
        row("cloudflare", 520, "", SERVER_ERROR),
        row("any 5xx", 599, "", SERVER_ERROR),
        row("openai too large", 413, j("{^error^:{^message^:^Request too large^,"
            + "^type^:^invalid_request_error^,^param^:null,^code^:null}}"), CALLER_ERROR),
        row("unprocessable", 422, j("{^error^:{^message^:^Unprocessable^,"
            + "^type^:^invalid_request_error^,^param^:null,^code^:null}}"), CALLER_ERROR),
        row("teapot", 418, "", CALLER_ERROR),

        // ---- Azure OpenAI ----
        row("azure content filter", 400, j("{^error^:{^message^:^The response was filtered due "
            + "to the prompt triggering Azure OpenAI's content management policy. Please modify "
            + "your prompt and retry.^,^type^:null,^param^:^prompt^,^code^:^content_filter^,"
            + "^status^:400,^innererror^:{^code^:^ResponsibleAIPolicyViolation^,"
            + "^content_filter_result^:{^hate^:{^filtered^:true,^severity^:^high^}}}}}"),
            CONTENT_POLICY),
        row("azure policy via innererror only", 400, j("{^error^:{^message^:^blocked^,"
            + "^code^:^BadRequest^,^innererror^:{^code^:^ResponsibleAIPolicyViolation^}}}"),
            CONTENT_POLICY),
        row("azure rate limit", 429, Map.of("retry-after", "6", "retry-after-ms", "6000"),
            j("{^error^:{^code^:^429^,^message^:^Requests to the ChatCompletions_Create "
                + "Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate "
                + "limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds.^}}"),
            RATE_LIMITED, Duration.ofSeconds(6)),
        row("azure bad key", 401, j("{^error^:{^code^:^401^,^message^:^Access denied due to "
            + "invalid subscription key or wrong API endpoint. Make sure to provide a valid key "
            + "for an active subscription and use a correct regional API endpoint for your "
            + "resource.^}}"), AUTH),
        row("azure deployment", 404, j("{^error^:{^code^:^DeploymentNotFound^,^message^:^The API "
            + "deployment for this resource does not exist.^}}"), NOT_FOUND),
        row("azure context", 400, j("{^error^:{^message^:^This model's maximum context length is "
            + "8192 tokens.^,^type^:^invalid_request_error^,^param^:^messages^,"
            + "^code^:^context_length_exceeded^}}"), CONTEXT_LENGTH),

        // ---- vLLM, current shape: code is the HTTP status as an integer ----
        row("vllm context", 400, j("{^error^:{^message^:^This model's maximum context length is "
            + "4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the "
            + "completion). Please reduce the length of the messages or completion.^,"
            + "^type^:^BadRequestError^,^param^:null,^code^:400}}"), CONTEXT_LENGTH),
        row("vllm max_tokens too large", 400, j("{^error^:{^message^:^'max_tokens' or "
            + "'max_completion_tokens' is too large: 5000. This model's maximum context length is "
            + "4096 tokens and your request has 10 input tokens (5000 > 4096 - 10).^,"
            + "^type^:^BadRequestError^,^param^:null,^code^:400}}"), CONTEXT_LENGTH),
        row("vllm bad param", 400, j("{^error^:{^message^:^temperature must be non-negative, got "
            + "-1.0.^,^type^:^BadRequestError^,^param^:null,^code^:400}}"), CALLER_ERROR),
        row("vllm model", 404, j("{^error^:{^message^:^The model `llama-x` does not exist.^,"
            + "^type^:^NotFoundError^,^param^:^model^,^code^:404}}"), NOT_FOUND),
        row("vllm server", 500, j("{^error^:{^message^:^EngineCore encountered an issue^,"
            + "^type^:^InternalServerError^,^param^:null,^code^:500}}"), SERVER_ERROR),
        row("vllm bad key", 401, j("{^error^:^Unauthorized^}"), AUTH),

        // ---- vLLM, older shape: fields at the top level ----
        row("vllm-old context", 400, j("{^object^:^error^,^message^:^This model's maximum context "
            + "length is 2048 tokens. However, you requested 3000 tokens.^,"
            + "^type^:^BadRequestError^,^param^:null,^code^:400}"), CONTEXT_LENGTH),
        row("vllm-old model", 404, j("{^object^:^error^,^message^:^The model `x` does not "
            + "exist.^,^type^:^NotFoundError^,^param^:null,^code^:404}"), NOT_FOUND),
        row("vllm-old bad param", 400, j("{^object^:^error^,^message^:^best_of must be 1^,"
            + "^type^:^BadRequestError^,^param^:null,^code^:400}"), CALLER_ERROR),
        row("fastapi validation", 422, j("{^detail^:[{^type^:^missing^,^loc^:[^body^,^messages^],"
            + "^msg^:^Field required^,^input^:{}}]}"), CALLER_ERROR),

        // ---- Ollama ----
        row("ollama model", 404, j("{^error^:{^message^:^model \\^llama9\\^ not found, try pulling "
            + "it first^,^type^:^not_found_error^,^param^:null,^code^:null}}"), NOT_FOUND),
        row("ollama bad image", 400, j("{^error^:{^message^:^invalid image input^,"
            + "^type^:^invalid_request_error^,^param^:null,^code^:null}}"), CALLER_ERROR),
        row("ollama crash", 500, j("{^error^:{^message^:^llama runner process has terminated: "
            + "signal: killed^,^type^:^api_error^,^param^:null,^code^:null}}"), SERVER_ERROR),

        // ---- llama.cpp ----
        row("llama.cpp context", 400, j("{^error^:{^code^:400,^message^:^the request exceeds the "
            + "available context size, try increasing it^,^type^:^exceed_context_size_error^,"
            + "^n_prompt_tokens^:5000,^n_ctx^:4096}}"), CONTEXT_LENGTH),
        row("llama.cpp context by type only", 400, j("{^error^:{^code^:400,^message^:^too big^,"
            + "^type^:^exceed_context_size_error^}}"), CONTEXT_LENGTH),
        row("llama.cpp loading", 503, j("{^error^:{^code^:503,^message^:^Loading model^,"
            + "^type^:^unavailable_error^}}"), SERVER_ERROR),
        row("llama.cpp bad key", 401, j("{^error^:{^code^:401,^message^:^Invalid API Key^,"
            + "^type^:^authentication_error^}}"), AUTH),
        row("llama.cpp bad request", 400, j("{^error^:{^code^:400,^message^:^'messages' must be "
            + "an array^,^type^:^invalid_request_error^}}"), CALLER_ERROR),

        // ---- Groq ----
        row("groq rate limit", 429, Map.of("retry-after", "10"), j("{^error^:{^message^:^Rate "
            + "limit reached for model `llama-3.3-70b-versatile` in organization `org_01` service "
            + "tier `on_demand` on tokens per minute (TPM): Limit 6000, Used 5000, Requested "
            + "2000. Please try again in 10s.^,^type^:^tokens^,^code^:^rate_limit_exceeded^}}"),
            RATE_LIMITED, Duration.ofSeconds(10)),
        row("groq request over TPM", 413, j("{^error^:{^message^:^Request too large for model "
            + "`llama3-70b-8192` in organization `org_01` on tokens per minute (TPM): Limit 6000, "
            + "Requested 7000, please reduce your message size and try again.^,^type^:^tokens^,"
            + "^code^:^rate_limit_exceeded^}}"), RATE_LIMITED),
        row("groq context", 400, j("{^error^:{^message^:^Please reduce the length of the messages "
            + "or completion.^,^type^:^invalid_request_error^,^param^:^messages^,"
            + "^code^:^context_length_exceeded^}}"), CONTEXT_LENGTH),
        row("groq bad key", 401, j("{^error^:{^message^:^Invalid API Key^,"
            + "^type^:^invalid_request_error^,^code^:^invalid_api_key^}}"), AUTH),

        // ---- Mistral ----
        row("mistral context", 400, j("{^object^:^error^,^message^:^Prompt contains 40000 tokens "
            + "and 0 draft tokens, too large for model with 32768 maximum context length^,"
            + "^type^:^invalid_request_message_error^,^param^:null,^code^:^3051^}"),
            CONTEXT_LENGTH),
        row("mistral unknown model", 400, j("{^object^:^error^,^message^:^Invalid model: "
            + "mistral-huge^,^type^:^invalid_model^,^param^:null,^code^:^1500^}"), NOT_FOUND),
        row("mistral rate limit", 429, j("{^message^:^Requests rate limit exceeded^}"),
            RATE_LIMITED),
        row("mistral bad key", 401, j("{^message^:^Unauthorized^,^request_id^:^abc^}"), AUTH),

        // ---- DeepSeek, Together, TGI, Google's OpenAI endpoint, OpenRouter ----
        row("deepseek balance", 402, j("{^error^:{^message^:^Insufficient Balance^,"
            + "^type^:^unknown_error^,^param^:null,^code^:^invalid_request_error^}}"), AUTH),
        row("deepseek unknown model", 400, j("{^error^:{^message^:^Model Not Exist^,"
            + "^type^:^invalid_request_error^,^param^:null,^code^:^invalid_request_error^}}"),
            NOT_FOUND),
        row("deepseek context", 400, j("{^error^:{^message^:^This model's maximum context length "
            + "is 65536 tokens. However, you requested 70000 tokens.^,"
            + "^type^:^invalid_request_error^,^param^:null,^code^:^invalid_request_error^}}"),
            CONTEXT_LENGTH),
        row("tgi context", 422, j("{^error^:^Input validation error: `inputs` tokens + "
            + "`max_new_tokens` must be <= 4096. Given: 4000 `inputs` tokens and 200 "
            + "`max_new_tokens`^,^error_type^:^validation^}"), CONTEXT_LENGTH),
        row("tgi overloaded", 429, j("{^error^:^Model is overloaded^,^error_type^:^overloaded^}"),
            RATE_LIMITED),
        row("google bad key", 400, j("[{^error^:{^code^:400,^message^:^API key not valid. Please "
            + "pass a valid API key.^,^status^:^INVALID_ARGUMENT^,^details^:[{^@type^:^type."
            + "googleapis.com/google.rpc.ErrorInfo^,^reason^:^API_KEY_INVALID^,"
            + "^domain^:^googleapis.com^}]}}]"), AUTH),
        row("google context", 400, j("[{^error^:{^code^:400,^message^:^The input token count "
            + "(1200000) exceeds the maximum number of tokens allowed (1048576).^,"
            + "^status^:^INVALID_ARGUMENT^}}]"), CONTEXT_LENGTH),
        row("openrouter moderation", 403, j("{^error^:{^code^:403,^message^:^Your chosen model "
            + "requires moderation and your input was flagged for \\^harassment\\^.^,"
            + "^metadata^:{^reasons^:[^harassment^],^flagged_input^:^...^,"
            + "^provider_name^:^OpenAI^}}}"), CONTENT_POLICY),
        row("openrouter credits", 402, j("{^error^:{^code^:402,^message^:^Insufficient credits^}}"),
            AUTH),
        row("openrouter context", 400, j("{^error^:{^code^:400,^message^:^This endpoint's maximum "
            + "context length is 8192 tokens. However, you requested about 9000 tokens.^}}"),
            CONTEXT_LENGTH),

        // ---- not JSON, empty, broken ----
        row("nginx html", 502, "<html><head><title>502 Bad Gateway</title></head><body><center>"
            + "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
            SERVER_ERROR),
        row("cloudflare html", 429, Map.of("Retry-After", "60"), "<!DOCTYPE html><html><head>"
            + "<title>Too Many Requests</title></head><body>Error 1015</body></html>",
            RATE_LIMITED, Duration.ofSeconds(60)),
        row("waf html", 403, "<html><body>Forbidden</body></html>", AUTH),
        row("plain text", 404, "404 page not found", NOT_FOUND),
        row("html bad request", 400, "<html><title>400 Bad Request</title></html>", CALLER_ERROR),
        row("nginx too large", 413, "<html><head><title>413 Request Entity Too Large</title>"
            + "</head></html>", CALLER_ERROR),
        row("envoy", 503, "upstream connect error or disconnect/reset before headers. reset "
            + "reason: connection failure", SERVER_ERROR),
        row("empty 503 with date", 503, Map.of("retry-after", "Tue, 24 Nov 2026 12:00:30 GMT"),
            "", SERVER_ERROR, Duration.ofSeconds(30)),
        row("empty 429", 429, "", RATE_LIMITED),
        row("empty 401", 401, "", AUTH),
        row("empty 404", 404, "", NOT_FOUND),
        row("empty 400", 400, "", CALLER_ERROR),
        row("truncated json", 500, "{\"error\":{\"message\":\"boom\",\"ty", SERVER_ERROR),
        row("truncated context json", 400, j("{^error^:{^message^:^This model's maximum context "
            + "length is 4096 tokens^,^type^:^BadRe"), CONTEXT_LENGTH),
        row("error null", 400, "{\"error\":null}", CALLER_ERROR),
        row("json array of numbers", 400, "[1,2,3]", CALLER_ERROR),
        row("binary", 500, "\u0000\u0001\u0002", SERVER_ERROR),
        row("redirect", 301, Map.of("location", "https://elsewhere"), "", NOT_FOUND, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void classificationTable(String name, int status, Map<String, String> headers, String body,
      OutcomeClass expected, Duration retryAfter) {
    Classification c = OpenAiFamilyErrors.classify(status, HeaderLookup.of(headers),
        body.getBytes(StandardCharsets.UTF_8), NOW);

    assertThat(c.outcome()).isEqualTo(expected);
    assertThat(c.retryAfter()).isEqualTo(retryAfter);
    assertThat(c.message()).startsWith(Integer.toString(status)).hasSizeLessThanOrEqualTo(200)
        .doesNotContain("\n").doesNotContain("sk-ab***yz");
  }

  @Test
  void message_namesCodeAndUpstreamText() {
    Classification c = OpenAiFamilyErrors.classify(429, HeaderLookup.NONE, utf8(j("{^error^:"
        + "{^message^:^Rate limit reached for gpt-4.1^,^type^:^tokens^,^param^:null,"
        + "^code^:^rate_limit_exceeded^}}")), NOW);
    assertThat(c.message()).isEqualTo("429 rate_limit_exceeded: Rate limit reached for gpt-4.1");
  }

  @Test
  void message_usesTheTypeWhenTheCodeIsANumber() {
    Classification c = OpenAiFamilyErrors.classify(400, HeaderLookup.NONE, utf8(j("{^error^:"
        + "{^message^:^bad^,^type^:^BadRequestError^,^param^:null,^code^:400}}")), NOW);
    assertThat(c.message()).isEqualTo("400 BadRequestError: bad");
  }

  @Test
  void message_forHtml_isThePageTitle() {
    Classification c = OpenAiFamilyErrors.classify(502, HeaderLookup.NONE,
        utf8("<html><head><title>502 Bad Gateway</title></head></html>"), NOW);
    assertThat(c.message()).isEqualTo("502 (non-JSON body: 502 Bad Gateway)");
  }

  @Test
  void message_forEmptyOrNullBody() {
    assertThat(OpenAiFamilyErrors.classify(503, HeaderLookup.NONE, new byte[0], NOW).message())
        .isEqualTo("503 (empty body)");
    assertThat(OpenAiFamilyErrors.classify(503, null, null, NOW).message())
        .isEqualTo("503 (empty body)");
  }

  @Test
  void message_isCutAt200Characters() {
    String longMessage = "word ".repeat(100);
    Classification c = OpenAiFamilyErrors.classify(400, HeaderLookup.NONE,
        utf8("{\"error\":{\"message\":\"" + longMessage + "\"}}"), NOW);
    assertThat(c.message()).hasSize(200).endsWith("…");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"error\":{\"message\":\"Incorrect API key provided: sk-ab***yz. You can find your API "
          + "key at https://platform.openai.com/account/api-keys.\",\"type\":"
          + "\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
      "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-abcdefghij0123456789"
          + "ABCDEFGHIJ.\",\"code\":\"invalid_api_key\"}}",
      "{\"error\":\"Authorization header Bearer sk-live-0123456789abcdef is invalid\"}",
      "{\"message\":\"key AIzaSyA1234567890abcdefghijklmnopqrs rejected\"}",
      "<html><title>Bad key sk-abcdefghijklmnop0123</title></html>",
      "invalid key: sk-abcdefghijklmnop0123 (plain text)"})
  void noKeySurvivesInAnyMessage(String body) {
    Classification c = OpenAiFamilyErrors.classify(401, HeaderLookup.NONE, utf8(body), NOW);
    assertThat(c.outcome()).isEqualTo(AUTH);
    assertThat(c.message()).contains("[redacted]")
        .doesNotContain("sk-ab***yz").doesNotContain("sk-proj").doesNotContain("sk-live")
        .doesNotContain("AIza").doesNotContain("sk-abcdefghijklmnop0123");
  }

  @Test
  void knownSecrets_areScrubbedEvenWithoutAKeyShape() {
    Secret plain = Secret.of("my-local-password");
    Classification c = OpenAiFamilyErrors.classify(401, HeaderLookup.NONE,
        utf8("{\"error\":{\"message\":\"token my-local-password refused\"}}"), NOW, List.of(plain));
    assertThat(c.message()).doesNotContain("my-local-password");
  }

  @Test
  void hugeHtmlBody_isHandled() {
    String html = "<html><head><title>Oops</title></head><body>" + "x".repeat(2_000_000)
        + "</body></html>";
    Classification c = OpenAiFamilyErrors.classify(500, HeaderLookup.NONE, utf8(html), NOW);
    assertThat(c.outcome()).isEqualTo(SERVER_ERROR);
    assertThat(c.message()).isEqualTo("500 (non-JSON body: Oops)");
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
