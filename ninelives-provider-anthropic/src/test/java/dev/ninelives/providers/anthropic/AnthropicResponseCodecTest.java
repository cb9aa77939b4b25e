package dev.ninelives.providers.anthropic;

import static dev.ninelives.providers.anthropic.SdkOracle.tree;
import static dev.ninelives.providers.anthropic.SdkOracle.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.StopReason;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.model.ChatResponse;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.Usage;
import dev.ninelives.providers.codec.TranslationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AnthropicResponseCodecTest {
  private final AnthropicResponseDecoder decoder = new AnthropicResponseDecoder();
  private final AnthropicResponseEncoder encoder = new AnthropicResponseEncoder();

  static String j(String caretJson) {
    return caretJson.replace('^', '"');
  }

  static final String FULL = j("{^id^:^msg_01XFDUDYJgAACzvnptvVoYEL^,^type^:^message^,"
      + "^role^:^assistant^,^model^:^claude-sonnet-4-5-20250929^,^content^:["
      + "{^type^:^thinking^,^thinking^:^The user wants weather.^,^signature^:^EqQBCgIYAh^},"
      + "{^type^:^redacted_thinking^,^data^:^EmwKAhgB^},"
      + "{^type^:^text^,^text^:^Let me check.^,^citations^:null},"
      + "{^type^:^tool_use^,^id^:^toolu_01A^,^name^:^get_weather^,"
      + "^input^:{^city^:^Paris^,^days^:[1,2]},^caller^:{^type^:^direct^}},"
      + "{^type^:^server_tool_use^,^id^:^srvtoolu_1^,^name^:^web_search^,^input^:{}}],"
      + "^stop_reason^:^tool_use^,^stop_sequence^:null,^stop_details^:null,^container^:null,"
      + "^usage^:{^input_tokens^:100,^cache_creation_input_tokens^:20,"
      + "^cache_read_input_tokens^:300,^output_tokens^:42,^service_tier^:^standard^}}");

  @Test
  void decode_fieldByField() throws Exception {
    ChatResponse r = decoder.decode(utf8(FULL));
    assertThat(r.id()).isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
    assertThat(r.model()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(r.content()).containsExactly(
        new Part.Thinking("The user wants weather.", "EqQBCgIYAh", false),
        new Part.Thinking("EmwKAhgB", null, true),
        new Part.Text("Let me check."),
        new Part.ToolCall("toolu_01A", "get_weather", "{\"city\":\"Paris\",\"days\":[1,2]}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
    assertThat(r.stopSequence()).isNull();
    assertThat(r.usage()).isEqualTo(new Usage(420, 42, 300, 20, -1));
  }

  @ParameterizedTest
  @CsvSource({
      "end_turn,END_TURN", "max_tokens,MAX_TOKENS", "stop_sequence,STOP_SEQUENCE",
      "tool_use,TOOL_USE", "refusal,CONTENT_FILTER", "pause_turn,OTHER",
      "model_context_window_exceeded,MAX_TOKENS", "something_new,OTHER"})
  void decode_stopReasons(String stopReason, FinishReason expected) throws Exception {
    ChatResponse r = decoder.decode(utf8(j("{^id^:^msg_1^,^type^:^message^,^role^:^assistant^,"
        + "^model^:^m^,^content^:[{^type^:^text^,^text^:^x^}],^stop_reason^:^" + stopReason
        + "^,^stop_sequence^:" + ("stop_sequence".equals(stopReason) ? "^###^" : "null")
        + ",^usage^:{^input_tokens^:1,^output_tokens^:1}}")));
    assertThat(r.finishReason()).isEqualTo(expected);
    assertThat(r.stopSequence()).isEqualTo("stop_sequence".equals(stopReason) ? "###" : null);
    assertThat(r.usage()).isEqualTo(new Usage(1, 1, 0, 0, -1));
  }

  @Test
  void decode_unusableAnswersAreTranslationExceptions() {
    assertDegraded("", "empty body");
    assertDegraded("not json", "malformed JSON");
    assertDegraded("[]", "malformed JSON");
    assertDegraded("{^id^:^m^,^content^:[]} {}", "malformed JSON");
    assertDegraded("{^id^:^msg_1^,^type^:^message^,^content^:[],^stop_reason^:^end_turn^}",
        "empty answer");
    assertDegraded("{^id^:^msg_1^,^type^:^message^,^content^:[{^type^:^text^,^text^:^^}]}",
        "empty answer");
    assertDegraded("{^type^:^error^,^error^:{^type^:^overloaded_error^,"
        + "^message^:^Overloaded^}}", "error object: overloaded_error: Overloaded");
    assertDegraded("{^id^:^m^,^type^:^message^,^content^:{}}", "content (not an array)");
    assertDegraded("{^id^:^m^,^type^:^message_batch^,^content^:[{^type^:^text^,^text^:^x^}]}",
        "type 'message_batch'");
  }

  @Test
  void decode_errorMessagesAreScrubbed() {
    AnthropicResponseDecoder scrubbing =
        new AnthropicResponseDecoder(List.of(Secret.of("secret-key-123456")));
    assertThatThrownBy(() -> scrubbing.decode(utf8(j("{^type^:^error^,^error^:{^type^:"
        + "^authentication_error^,^message^:^bad key secret-key-123456^}}"))))
        .isInstanceOf(TranslationException.class)
        .hasMessageNotContaining("secret-key-123456").hasMessageContaining("[redacted]");
  }

  private void assertDegraded(String caretBody, String fragment) {
    assertThatThrownBy(() -> decoder.decode(utf8(j(caretBody))))
        .isInstanceOf(TranslationException.class).hasMessageContaining(fragment);
  }

  @Test
  void encode_fieldByField_andTheSdkAccepts() {
    ChatResponse r = new ChatResponse("chatcmpl-abc", "gpt-4.1", List.of(
        new Part.Thinking("pondering", "sig", false),
        new Part.Text("Here you go."),
        new Part.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        new Part.ToolCall("call 2", "no_args", "")),
        FinishReason.TOOL_USE, null, new Usage(1000, 50, 800, 100, 10));
    byte[] body = encoder.encode(r);
    assertThat(tree(body)).isEqualTo(tree(j("{^id^:^msg_chatcmpl-abc^,^type^:^message^,"
        + "^role^:^assistant^,^model^:^gpt-4.1^,^content^:["
        + "{^type^:^thinking^,^thinking^:^pondering^,^signature^:^sig^},"
        + "{^type^:^text^,^text^:^Here you go.^},"
        + "{^type^:^tool_use^,^id^:^call_1^,^name^:^get_weather^,^input^:{^city^:^Paris^}},"
        + "{^type^:^tool_use^,^id^:^call_2^,^name^:^no_args^,^input^:{}}],"
        + "^stop_reason^:^tool_use^,^stop_sequence^:null,"
        + "^usage^:{^input_tokens^:100,^cache_creation_input_tokens^:100,"
        + "^cache_read_input_tokens^:800,^output_tokens^:50}}")));
    Message m = SdkOracle.message(body);
    assertThat(m.id()).isEqualTo("msg_chatcmpl-abc");
    assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
    assertThat(m.content()).hasSize(4);
    assertThat(m.content().get(2).asToolUse().name()).isEqualTo("get_weather");
    assertThat(m.usage().inputTokens()).isEqualTo(100);
  }

  @ParameterizedTest
  @EnumSource(FinishReason.class)
  void encode_everyFinishReason_isOneTheSdkKnows(FinishReason reason) {
    ChatResponse r = new ChatResponse("msg_1", "m", List.of(new Part.Text("x")), reason,
        reason == FinishReason.STOP_SEQUENCE ? "###" : "ignored", Usage.UNKNOWN);
    byte[] body = encoder.encode(r);
    Message m = SdkOracle.message(body);
    String expected;
    switch (reason) {
      case MAX_TOKENS:
        expected = "max_tokens";
        break;
      case STOP_SEQUENCE:
        expected = "stop_sequence";
        break;
      case TOOL_USE:
        expected = "tool_use";
        break;
      case CONTENT_FILTER:
        expected = "refusal";
        break;
      default:
        expected = "end_turn";
    }
    assertThat(m.stopReason().orElseThrow().asString()).isEqualTo(expected);
    assertThat(m.stopSequence()).isEqualTo(java.util.Optional.ofNullable(
        reason == FinishReason.STOP_SEQUENCE ? "###" : null));
    assertThat(tree(body).get("usage")).isEqualTo(tree(j("{^input_tokens^:0,"
        + "^cache_creation_input_tokens^:0,^cache_read_input_tokens^:0,^output_tokens^:0}")));
  }

  @Test
  void encode_inputTokensNeverGoNegative_andIdsKeepTheirPrefix() {
    ChatResponse r = new ChatResponse("msg_keep", "m", List.of(new Part.Text("x")),
        FinishReason.END_TURN, null, new Usage(10, 1, 8, 5, -1));
    byte[] body = encoder.encode(r);
    assertThat(tree(body).get("usage").get("input_tokens").asLong()).isZero();
    assertThat(SdkOracle.message(body).id()).isEqualTo("msg_keep");
  }

  @Test
  void encode_argumentsThatAreNotAnObject_areKeptWhole() {
    ChatResponse r = new ChatResponse("msg_1", "m",
        List.of(new Part.ToolCall("c", "f", "{\"city\": \"Par")), FinishReason.TOOL_USE, null,
        Usage.UNKNOWN);
    byte[] body = encoder.encode(r);
    ContentBlock block = SdkOracle.message(body).content().get(0);
    assertThat(tree(body).get("content").get(0).get("input")).isEqualTo(tree(j(
        "{^_arguments^:^{\\^city\\^: \\^Par^}")));
    assertThat(block.isToolUse()).isTrue();
  }

  @Test
  void roundTrip_anthropicToCanonicalToAnthropic() throws Exception {
    byte[] again = encoder.encode(decoder.decode(utf8(FULL)));
    SdkOracle.message(again);
    assertThat(tree(again)).isEqualTo(tree(j("{^id^:^msg_01XFDUDYJgAACzvnptvVoYEL^,"
        + "^type^:^message^,^role^:^assistant^,^model^:^claude-sonnet-4-5-20250929^,"
        + "^content^:[{^type^:^thinking^,^thinking^:^The user wants weather.^,"
        + "^signature^:^EqQBCgIYAh^},{^type^:^redacted_thinking^,^data^:^EmwKAhgB^},"
        + "{^type^:^text^,^text^:^Let me check.^},"
        + "{^type^:^tool_use^,^id^:^toolu_01A^,^name^:^get_weather^,"
        + "^input^:{^city^:^Paris^,^days^:[1,2]}}],"
        + "^stop_reason^:^tool_use^,^stop_sequence^:null,"
        + "^usage^:{^input_tokens^:100,^cache_creation_input_tokens^:20,"
        + "^cache_read_input_tokens^:300,^output_tokens^:42}}")));
  }
}
