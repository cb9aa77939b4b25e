package dev.ninelives.providers.anthropic;

import static dev.ninelives.providers.anthropic.SdkOracle.tree;
import static dev.ninelives.providers.anthropic.SdkOracle.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.models.ErrorResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ninelives.core.model.WireFormat;
import dev.ninelives.providers.AttemptSummary;
import dev.ninelives.providers.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicClientFormatTest {
  private final AnthropicClientFormat format = new AnthropicClientFormat();

  static String j(String caretJson) {
    return caretJson.replace('^', '"');
  }

  @ParameterizedTest
  @CsvSource({
      "400,invalid_request_error", "401,authentication_error", "402,billing_error",
      "403,permission_error", "404,not_found_error", "408,invalid_request_error",
      "409,invalid_request_error", "422,invalid_request_error", "429,rate_limit_error",
      "500,api_error", "502,api_error", "503,overloaded_error", "504,timeout_error",
      "529,overloaded_error"})
  void error_typeByStatus_andTheSdkAcceptsIt(int status, String type) {
    byte[] body = format.error(status, "Something went wrong", null);
    assertThat(tree(body)).isEqualTo(tree(j("{^type^:^error^,^error^:{^type^:^" + type
        + "^,^message^:^Something went wrong^},^request_id^:null}")));
    ErrorResponse e = SdkOracle.error(body);
    assertThat(e.error().message()).isEqualTo("Something went wrong");
  }

  @Test
  void error_413_isRequestTooLarge_asTheApiSendsIt() {
    assertThat(tree(format.error(413, "too big", null)).get("error").get("type").asText())
        .isEqualTo("request_too_large");
    // anthropic-java 3.12 does not model this type; SDKs choose their exception by status.
    assertThatThrownBy(() -> SdkOracle.error(format.error(413, "too big", null)))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void error_withACode_putsItInDetails() {
    byte[] body = format.error(400, "Unknown model 'gpt-9'", "model_not_found");
    assertThat(tree(body).get("error").get("details"))
        .isEqualTo(tree(j("{^error_code^:^model_not_found^}")));
    assertThat(SdkOracle.error(body).error().isInvalidRequestError()).isTrue();
  }

  @Test
  void allFailed_listsTheAttemptsInsideTheError() {
    byte[] body = format.allFailed(503, "Every target of 'chat' failed", "all_targets_failed",
        List.of(new AttemptSummary("claude/claude-sonnet-4-5", "server-error", 529, 812,
            "529 overloaded_error: Overloaded"),
            new AttemptSummary("openai/gpt-4.1", "timeout", 0, 20000, null)));
    JsonNode error = tree(body).get("error");
    assertThat(error.get("type").asText()).isEqualTo("overloaded_error");
    assertThat(error.get("attempts")).isEqualTo(tree(j("[{^target^:^claude/claude-sonnet-4-5^,"
        + "^outcome^:^server-error^,^status^:529,^duration_ms^:812,"
        + "^message^:^529 overloaded_error: Overloaded^},{^target^:^openai/gpt-4.1^,"
        + "^outcome^:^timeout^,^status^:null,^duration_ms^:20000,^message^:null}]")));
    assertThat(SdkOracle.error(body).error().isOverloadedError()).isTrue();
  }

  @Test
  void terminalStreamError_isAnErrorEvent() {
    byte[] bytes = format.terminalStreamError("upstream failed: stream cut");
    assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("event: error\ndata: {")
        .endsWith("}\n\n");
    List<SseEvent> events = SdkOracle.events(bytes);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.event()).isEqualTo("error");
      assertThat(tree(e.dataBytes())).isEqualTo(tree(j("{^type^:^error^,^error^:{^type^:"
          + "^api_error^,^message^:^upstream failed: stream cut^}}")));
      assertThat(SdkOracle.error(e.dataBytes()).error().isApiError()).isTrue();
    });
  }

  @Test
  void endOfStream_isMessageStop() {
    assertThat(new String(format.endOfStream(), java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    assertThat(format.format()).isEqualTo(WireFormat.ANTHROPIC);
  }

  @Test
  void passThroughError() {
    byte[] anthropic = utf8(j("{^type^:^error^,^error^:{^type^:^rate_limit_error^,"
        + "^message^:^slow down^},^request_id^:^req_1^}"));
    assertThat(format.passThroughError(429, WireFormat.ANTHROPIC, anthropic, "rate limited"))
        .isSameAs(anthropic);

    byte[] openAi = utf8(j("{^error^:{^message^:^slow^,^type^:^requests^,^param^:null,"
        + "^code^:^rate_limit_exceeded^}}"));
    assertThat(tree(format.passThroughError(429, WireFormat.OPENAI, openAi, "rate limited")))
        .isEqualTo(tree(j("{^type^:^error^,^error^:{^type^:^rate_limit_error^,"
            + "^message^:^rate limited^},^request_id^:null}")));
    // Anthropic upstream, but not its error shape (a proxy's page, or a bare object).
    assertThat(tree(format.passThroughError(400, WireFormat.ANTHROPIC,
        utf8("<html>bad</html>"), "bad request")).get("error").get("message").asText())
        .isEqualTo("bad request");
    assertThat(tree(format.passThroughError(400, WireFormat.ANTHROPIC,
        utf8(j("{^error^:{^message^:^x^}}")), "bad request")).get("error").get("type").asText())
        .isEqualTo("invalid_request_error");
  }
}
