package dev.ninelives.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ninelives.core.config.Secret;
import dev.ninelives.core.model.ChatResponse;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.Usage;
import dev.ninelives.providers.codec.TranslationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The non-streaming decoder. Every fixture that is an answer is first parsed by Google's own
 * {@code GenerateContentResponse} type, so the fixtures are real shapes.
 */
class GeminiResponseDecoderTest {
  private static final GeminiResponseDecoder DECODER =
      new GeminiResponseDecoder("gemini-2.5-flash");

  static String j(String caretJson) {
    return caretJson.replace('^', '"');
  }

  /** Checks the fixture against the proto, then decodes it. */
  static ChatResponse decode(String caretJson) throws TranslationException {
    String json = j(caretJson);
    GeminiProto.response(json);
    return DECODER.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  static String usage = "^usageMetadata^:{^promptTokenCount^:1200,^candidatesTokenCount^:35,"
      + "^totalTokenCount^:1335,^cachedContentTokenCount^:1024,^thoughtsTokenCount^:100,"
      + "^promptTokensDetails^:[{^modality^:^TEXT^,^tokenCount^:1200}],"
      + "^cacheTokensDetails^:[{^modality^:^TEXT^,^tokenCount^:1024}]}";

  @Test
  void text_withUsageIdAndModel() throws Exception {
    ChatResponse r = decode("{^candidates^:[{^content^:{^parts^:[{^text^:^Hello! How can I "
        + "help?^}],^role^:^model^},^finishReason^:^STOP^,^index^:0}]," + usage + ","
        + "^modelVersion^:^gemini-2.5-flash-001^,^responseId^:^mXFYaOCTLu6b1dkPpN7_6Qk^}");

    assertThat(r.id()).isEqualTo("mXFYaOCTLu6b1dkPpN7_6Qk");
    assertThat(r.model()).isEqualTo("gemini-2.5-flash-001");
    assertThat(r.content()).containsExactly(new Part.Text("Hello! How can I help?"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.END_TURN);
    assertThat(r.stopSequence()).isNull();
    // input includes cached; output = candidates + thoughts; reasoning = thoughts.
    assertThat(r.usage()).isEqualTo(new Usage(1200, 135, 1024, 0, 100));
  }

  @Test
  void functionCall_withStop_isToolUse_withMintedIdAndArgsAsJsonText() throws Exception {
    ChatResponse r = decode("{^candidates^:[{^content^:{^parts^:[{^functionCall^:{^name^:"
        + "^get_weather^,^args^:{^city^:^Paris^,^unit^:^celsius^,^days^:[1,2]}},"
        + "^thoughtSignature^:^CiQBVKhc7pzFh5Dd0kMNpXH2bQ==^}],^role^:^model^},"
        + "^finishReason^:^STOP^,^index^:0}],^usageMetadata^:{^promptTokenCount^:60,"
        + "^candidatesTokenCount^:20,^totalTokenCount^:80},^modelVersion^:^gemini-2.5-pro^,"
        + "^responseId^:^resp/1.a^}");

    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
    assertThat(r.content()).containsExactly(new Part.ToolCall("call_resp1a_0", "get_weather",
        "{\"city\":\"Paris\",\"unit\":\"celsius\",\"days\":[1,2]}"));
    // Absent counts are zero in proto3 JSON, not unknown.
    assertThat(r.usage()).isEqualTo(new Usage(60, 20, 0, 0, 0));
  }

  @Test
  void parallelCalls_getDistinctIds_andTextBeforeThemIsKept() throws Exception {
    ChatResponse r = decode("{^candidates^:[{^content^:{^parts^:[{^text^:^Checking ^},"
        + "{^text^:^both.^},{^functionCall^:{^name^:^get_weather^,^args^:{^city^:^Paris^}}},"
        + "{^functionCall^:{^name^:^get_weather^,^args^:{^city^:^Tokyo^}}},"
        + "{^functionCall^:{^name^:^get_time^}}],^role^:^model^},^finishReason^:^STOP^}],"
        + "^responseId^:^abc^}");

    assertThat(r.content()).containsExactly(
        new Part.Text("Checking both."),
        new Part.ToolCall("call_abc_0", "get_weather", "{\"city\":\"Paris\"}"),
        new Part.ToolCall("call_abc_1", "get_weather", "{\"city\":\"Tokyo\"}"),
        new Part.ToolCall("call_abc_2", "get_time", "{}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
    assertThat(r.model()).isEqualTo("gemini-2.5-flash"); // no modelVersion: the requested one
    assertThat(r.usage()).isEqualTo(Usage.UNKNOWN);
  }

  @Test
  void callIdsFromGemini_areKept() throws Exception {
    ChatResponse r = decode("{^candidates^:[{^content^:{^parts^:[{^functionCall^:{^id^:"
        + "^fc_9^,^name^:^f^,^args^:{}}}],^role^:^model^},^finishReason^:^STOP^}],"
        + "^responseId^:^r^}");

    assertThat(r.content()).containsExactly(new Part.ToolCall("fc_9", "f", "{}"));
  }

  @Test
  void thoughtParts_areSkipped() throws Exception {
    ChatResponse r = decode("{^candidates^:[{^content^:{^parts^:[{^text^:^Let me think...^,"
        + "^thought^:true},{^text^:^42^,^thoughtSignature^:^CiQB^}],^role^:^model^},"
        + "^finishReason^:^STOP^}],^responseId^:^r^}");

    assertThat(r.content()).containsExactly(new Part.Text("42"));
  }

  @Test
  void promptBlocked_isAContentFilterAnswer_notAnError() throws Exception {
    ChatResponse r = decode("{^promptFeedback^:{^blockReason^:^SAFETY^,^safetyRatings^:["
        + "{^category^:^HARM_CATEGORY_HARASSMENT^,^probability^:^NEGLIGIBLE^},"
        + "{^category^:^HARM_CATEGORY_DANGEROUS_CONTENT^,^probability^:^HIGH^,^blocked^:true}]},"
        + "^usageMetadata^:{^promptTokenCount^:12,^totalTokenCount^:12},"
        + "^modelVersion^:^gemini-2.0-flash^,^responseId^:^blk^}");

    assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(r.content()).isEmpty();
    assertThat(r.usage()).isEqualTo(new Usage(12, 0, 0, 0, 0));
  }

  @Test
  void candidateStoppedForSafety_withoutContent_isContentFilter() throws Exception {
    ChatResponse r = decode("{^candidates^:[{^finishReason^:^SAFETY^,^index^:0,"
        + "^safetyRatings^:[{^category^:^HARM_CATEGORY_SEXUALLY_EXPLICIT^,"
        + "^probability^:^HIGH^,^blocked^:true}]}],^responseId^:^s^}");

    assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(r.content()).isEmpty();
  }

  @Test
  void maxTokens_keepsThePartialText() throws Exception {
    ChatResponse r = decode("{^candidates^:[{^content^:{^parts^:[{^text^:^Once upon a^}],"
        + "^role^:^model^},^finishReason^:^MAX_TOKENS^}],^usageMetadata^:{^promptTokenCount^:5,"
        + "^candidatesTokenCount^:3,^totalTokenCount^:8}}");

    assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
    assertThat(r.content()).containsExactly(new Part.Text("Once upon a"));
  }

  @Test
  void maxTokensSpentThinking_isAnEmptyButTrueAnswer() throws Exception {
    ChatResponse r = decode("{^candidates^:[{^content^:{^role^:^model^},"
        + "^finishReason^:^MAX_TOKENS^,^index^:0}],^usageMetadata^:{^promptTokenCount^:9,"
        + "^totalTokenCount^:109,^thoughtsTokenCount^:100},^responseId^:^t^}");

    assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
    assertThat(r.content()).isEmpty();
    assertThat(r.usage()).isEqualTo(new Usage(9, 100, 0, 0, 100));
  }

  @Test
  void inlineImage_becomesAnImagePart() throws Exception {
    ChatResponse r = decode("{^candidates^:[{^content^:{^parts^:[{^text^:^Here:^},"
        + "{^inlineData^:{^mimeType^:^image/png^,^data^:^iVBORw0KGgo=^}}],^role^:^model^},"
        + "^finishReason^:^STOP^}]}");

    assertThat(r.content()).containsExactly(new Part.Text("Here:"),
        new Part.Image("image/png", "iVBORw0KGgo=", null));
  }

  @ParameterizedTest
  @CsvSource({
      "STOP, END_TURN", "MAX_TOKENS, MAX_TOKENS", "SAFETY, CONTENT_FILTER",
      "RECITATION, CONTENT_FILTER", "BLOCKLIST, CONTENT_FILTER",
      "PROHIBITED_CONTENT, CONTENT_FILTER", "SPII, CONTENT_FILTER",
      "IMAGE_SAFETY, CONTENT_FILTER", "IMAGE_PROHIBITED_CONTENT, CONTENT_FILTER",
      "IMAGE_RECITATION, CONTENT_FILTER", "IMAGE_OTHER, CONTENT_FILTER", "LANGUAGE, OTHER",
      "OTHER, OTHER", "MALFORMED_FUNCTION_CALL, OTHER", "UNEXPECTED_TOOL_CALL, OTHER",
      "TOO_MANY_TOOL_CALLS, OTHER", "NO_IMAGE, OTHER"})
  void finishReasons(String gemini, FinishReason expected) throws Exception {
    ChatResponse r = decode("{^candidates^:[{^content^:{^parts^:[{^text^:^x^}],"
        + "^role^:^model^},^finishReason^:^" + gemini + "^}]}");

    assertThat(r.finishReason()).isEqualTo(expected);
  }

  @Test
  void noResponseId_mintsTheSameIdForTheSameBody() throws Exception {
    String body = "{^candidates^:[{^content^:{^parts^:[{^text^:^x^}],^role^:^model^},"
        + "^finishReason^:^STOP^}]}";

    assertThat(decode(body).id()).startsWith("gemini-").hasSize(31).isEqualTo(decode(body).id());
  }

  @Test
  void emptyAnswerClaimingCompletion_isUnusable() {
    assertThatThrownBy(() -> decode("{^candidates^:[{^content^:{^role^:^model^},"
        + "^finishReason^:^STOP^}]}"))
        .isInstanceOf(TranslationException.class).hasMessageContaining("no content");
    assertThatThrownBy(() -> decode("{^candidates^:[{^content^:{^parts^:[{^text^:^^}],"
        + "^role^:^model^},^finishReason^:^MALFORMED_FUNCTION_CALL^}]}"))
        .isInstanceOf(TranslationException.class)
        .hasMessageContaining("MALFORMED_FUNCTION_CALL");
  }

  @Test
  void noCandidateAndNoBlockReason_isUnusable() {
    assertThatThrownBy(() -> decode("{^usageMetadata^:{^promptTokenCount^:3},"
        + "^modelVersion^:^gemini-2.5-flash^}"))
        .isInstanceOf(TranslationException.class).hasMessageContaining("no candidate");
  }

  @Test
  void errorObjectIn200_isUnusable_andScrubbed() {
    GeminiResponseDecoder d = new GeminiResponseDecoder("m", List.of(Secret.of("s3cret-key-1")));
    byte[] body = j("{^error^:{^code^:503,^message^:^overloaded for s3cret-key-1^,"
        + "^status^:^UNAVAILABLE^}}").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> d.decode(body))
        .isInstanceOf(TranslationException.class)
        .hasMessageContaining("503 UNAVAILABLE")
        .hasMessageNotContaining("s3cret-key-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "not json", "[]", "{\"candidates\":[{\"content\":",
      "{\"candidates\":[]} {}", "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":"
          + "{\"args\":{}}}]}}]}",
      "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\","
          + "\"args\":\"{}\"}}]}}]}"})
  void malformedBodies_areUnusable(String body) {
    assertThatThrownBy(() -> DECODER.decode(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(TranslationException.class);
  }
}
