package dev.ninelives.providers.openai;

import dev.ninelives.providers.StreamEventKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.models.ErrorObject;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.AttemptSummary;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.SseParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the output against the official openai-java models, which nobody here wrote. */
class OpenAiErrorWriterTest {
  private static final JsonMapper SDK_JSON = ObjectMappers.jsonMapper();

  static ErrorObject validated(byte[] body) throws Exception {
    JsonNode root = SDK_JSON.readTree(body);
    assertThat(root.isObject()).isTrue();
    assertThat(root.has("error")).isTrue();
    return SDK_JSON.treeToValue(root.get("error"), ErrorObject.class).validate();
  }

  @Test
  void body_hasOpenAisErrorShape_withAllFourFields() throws Exception {
    byte[] body = OpenAiErrorWriter.body("'model' must be a string", "invalid_request_error",
        "invalid_type", "model");
    ErrorObject e = validated(body);
    assertThat(e.message()).isEqualTo("'model' must be a string");
    assertThat(e.type()).isEqualTo("invalid_request_error");
    assertThat(e.code()).contains("invalid_type");
    assertThat(e.param()).contains("model");
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"error\":{\"message\":"
        + "\"'model' must be a string\",\"type\":\"invalid_request_error\",\"param\":\"model\","
        + "\"code\":\"invalid_type\"}}");
  }

  @Test
  void nullCodeAndParam_areWrittenAsJsonNull() throws Exception {
    byte[] body = OpenAiErrorWriter.body("no", "server_error", null, null);
    JsonNode error = SDK_JSON.readTree(body).get("error");
    assertThat(error.has("code")).isTrue();
    assertThat(error.get("code").isNull()).isTrue();
    assertThat(error.get("param").isNull()).isTrue();
    ErrorObject e = validated(body);
    assertThat(e.code()).isEmpty();
    assertThat(e.param()).isEmpty();
  }

  @Test
  void theOracleRejectsAnIncompleteError() {
    byte[] missingMessage = "{\"error\":{\"type\":\"t\",\"param\":null,\"code\":null}}"
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> validated(missingMessage))
        .isInstanceOf(OpenAIInvalidDataException.class);
  }

  @Test
  void textIsEscaped() throws Exception {
    String message = "quote \" backslash \\ newline \n unicode 👋 control \u0001";
    ErrorObject e = validated(OpenAiErrorWriter.body(message, "t", null, null));
    assertThat(e.message()).isEqualTo(message);
  }

  @Test
  void attempts_areListedInsideTheErrorObject() throws Exception {
    List<AttemptSummary> attempts = List.of(
        AttemptSummary.of("openai/gpt-4.1",
            Classification.of(OutcomeClass.RATE_LIMITED, "429 rate_limit_exceeded: slow down"),
            429, 120),
        new AttemptSummary("local/llama", "connect-failure", 0, 3, null));
    byte[] body = OpenAiErrorWriter.body("all targets failed", "server_error",
        "all_targets_failed", null, attempts);

    ErrorObject e = validated(body);
    assertThat(e.code()).contains("all_targets_failed");
    JsonNode list = SDK_JSON.readTree(body).get("error").get("attempts");
    assertThat(list).hasSize(2);
    JsonNode first = list.get(0);
    assertThat(first.get("target").asText()).isEqualTo("openai/gpt-4.1");
    assertThat(first.get("outcome").asText()).isEqualTo("rate-limited");
    assertThat(first.get("status").asInt()).isEqualTo(429);
    assertThat(first.get("duration_ms").asLong()).isEqualTo(120);
    assertThat(first.get("message").asText()).isEqualTo("429 rate_limit_exceeded: slow down");
    JsonNode second = list.get(1);
    assertThat(second.get("status").isNull()).isTrue();
    assertThat(second.get("message").isNull()).isTrue();
  }

  @Test
  void noAttempts_meansNoAttemptsMember() throws Exception {
    byte[] body = OpenAiErrorWriter.body("m", "t", null, null, List.of());
    assertThat(SDK_JSON.readTree(body).get("error").has("attempts")).isFalse();
  }

  @Test
  void streamErrorEvent_isOneSseDataEventCarryingTheError() throws Exception {
    byte[] event = OpenAiErrorWriter.streamErrorEvent("upstream failed mid-stream",
        "server_error", "upstream_error", null);
    String text = new String(event, StandardCharsets.UTF_8);
    assertThat(text).startsWith("data: {\"error\":").endsWith("}\n\n").doesNotContain("[DONE]");

    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add);
    parser.feed(event, 0, event.length);
    assertThat(events).hasSize(1);
    ErrorObject e = validated(events.get(0).dataBytes());
    assertThat(e.message()).isEqualTo("upstream failed mid-stream");

    // And our own inspector, like the SDK, sees an error event.
    assertThat(new OpenAiStreamInspector().inspect(events.get(0)))
        .isEqualTo(StreamEventKind.ERROR);
  }

  @Test
  void messageAndTypeAreRequired() {
    assertThatThrownBy(() -> OpenAiErrorWriter.body(null, "t", null, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> OpenAiErrorWriter.body("m", null, null, null))
        .isInstanceOf(NullPointerException.class);
  }
}
