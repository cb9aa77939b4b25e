package dev.ninelives.providers.openai;

import static dev.ninelives.providers.openai.CodecTestSupport.bytes;
import static dev.ninelives.providers.openai.CodecTestSupport.text;
import static dev.ninelives.providers.openai.CodecTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.ErrorObject;
import dev.ninelives.core.model.WireFormat;
import dev.ninelives.providers.AttemptSummary;
import dev.ninelives.providers.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiClientFormatTest {
  private final OpenAiClientFormat format = new OpenAiClientFormat();

  @Test
  void speaksOpenAi() {
    assertThat(format.format()).isEqualTo(WireFormat.OPENAI);
  }

  @ParameterizedTest
  @CsvSource({"400, invalid_request_error", "401, invalid_request_error",
      "403, permission_error", "404, invalid_request_error", "408, invalid_request_error",
      "413, invalid_request_error", "422, invalid_request_error", "429, rate_limit_error",
      "500, server_error", "502, server_error", "503, server_error", "504, server_error"})
  void errorTypes_byStatus(int status, String type) throws Exception {
    byte[] body = format.error(status, "went wrong", status == 429 ? "rate_limit_exceeded" : null);
    ErrorObject e = OpenAiErrorWriterTest.validated(body);
    assertThat(e.type()).isEqualTo(type);
    assertThat(e.message()).isEqualTo("went wrong");
    assertThat(e.param()).isEmpty();
    assertThat(e.code()).isEqualTo(status == 429 ? java.util.Optional.of("rate_limit_exceeded")
        : java.util.Optional.empty());
  }

  @Test
  void allFailed_listsTheAttempts() throws Exception {
    byte[] body = format.allFailed(503, "Every target of 'smart' failed.", "all_targets_failed",
        List.of(new AttemptSummary("openai/gpt-4.1", "server-error", 503, 120, "503 overloaded"),
            new AttemptSummary("anthropic/claude", "timeout", 0, 30000, null)));
    ErrorObject e = OpenAiErrorWriterTest.validated(body);
    assertThat(e.type()).isEqualTo("server_error");
    assertThat(e.code()).contains("all_targets_failed");
    JsonNode attempts = tree(body).get("error").get("attempts");
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).get("target").asText()).isEqualTo("openai/gpt-4.1");
    assertThat(attempts.get(1).get("status").isNull()).isTrue();
  }

  @Test
  void terminalStreamError_isOneDataEventWithAnUpstreamError() throws Exception {
    byte[] event = format.terminalStreamError("upstream gave up");
    assertThat(text(event)).isEqualTo("data: {\"error\":{\"message\":\"upstream gave up\","
        + "\"type\":\"upstream_error\",\"param\":null,\"code\":\"upstream_failed\"}}\n\n");
    List<SseEvent> events = CodecTestSupport.events(event);
    assertThat(events).hasSize(1);
    OpenAiErrorWriterTest.validated(events.get(0).dataBytes());
  }

  @Test
  void endOfStream_isDone_andACopy() {
    byte[] done = format.endOfStream();
    assertThat(text(done)).isEqualTo("data: [DONE]\n\n");
    done[0] = 'X';
    assertThat(text(format.endOfStream())).isEqualTo("data: [DONE]\n\n");
  }

  @Test
  void passThrough_keepsAnOpenAiErrorBodyAsIs() {
    byte[] upstream = bytes("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"tokens\","
        + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
    assertThat(format.passThroughError(429, WireFormat.OPENAI, upstream, "fallback"))
        .isSameAs(upstream);
  }

  @Test
  void passThrough_rewrapsEverythingElse() throws Exception {
    byte[] anthropic = bytes("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
        + "\"message\":\"Overloaded\"}}");
    ErrorObject fromAnthropic = OpenAiErrorWriterTest.validated(
        format.passThroughError(400, WireFormat.ANTHROPIC, anthropic, "bad request upstream"));
    assertThat(fromAnthropic.message()).isEqualTo("bad request upstream");
    assertThat(fromAnthropic.type()).isEqualTo("invalid_request_error");

    for (String body : new String[] {"", "<html>502</html>", "{\"error\":\"text only\"}",
        "{\"detail\":\"nope\"}", "{\"error\":{\"message\":\"cut", "[{\"error\":{}}]"}) {
      ErrorObject e = OpenAiErrorWriterTest.validated(
          format.passThroughError(429, WireFormat.OPENAI, bytes(body), "slow down"));
      assertThat(e.message()).as(body).isEqualTo("slow down");
      assertThat(e.type()).isEqualTo("rate_limit_error");
    }
  }
}
