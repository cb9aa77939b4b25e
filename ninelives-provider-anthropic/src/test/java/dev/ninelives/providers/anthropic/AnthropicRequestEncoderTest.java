package dev.ninelives.providers.anthropic;

import static dev.ninelives.providers.anthropic.SampleRequests.assistant;
import static dev.ninelives.providers.anthropic.SampleRequests.request;
import static dev.ninelives.providers.anthropic.SampleRequests.text;
import static dev.ninelives.providers.anthropic.SampleRequests.user;
import static dev.ninelives.providers.anthropic.SdkOracle.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.Message;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.ResponseFormat;
import dev.ninelives.core.model.Tool;
import dev.ninelives.core.model.ToolChoice;
import dev.ninelives.providers.codec.UnsupportedRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicRequestEncoderTest {
  private final AnthropicRequestEncoder encoder = new AnthropicRequestEncoder();

  static String j(String caretJson) {
    return caretJson.replace('^', '"');
  }

  JsonNode encode(ChatRequest r) throws UnsupportedRequestException {
    return tree(encoder.encode(r, "claude-x"));
  }

  static ChatRequest withMessages(Message... messages) {
    return ChatRequest.of("alias", List.of(messages));
  }

  static ChatRequest withTools(List<Tool> tools, ToolChoice choice, Boolean parallel) {
    return request(List.of(), List.of(Message.user("hi")), tools, choice, parallel, null,
        List.of(), null, null, null, null, null, false, null);
  }

  @Test
  void everything_fieldByField() throws Exception {
    JsonNode body = encode(SampleRequests.all().get("everything"));
    assertThat(body).isEqualTo(tree(j("{^model^:^claude-x^,^max_tokens^:2000,"
        + "^system^:[{^type^:^text^,^text^:^You are terse.^},"
        + "{^type^:^text^,^text^:^Answer in English.^}],"
        + "^messages^:["
        + "{^role^:^user^,^content^:[{^type^:^text^,^text^:^Weather in Paris and Rome?^},"
        + "{^type^:^image^,^source^:{^type^:^base64^,^media_type^:^image/png^,"
        + "^data^:^iVBORw0KGgo=^}}]},"
        + "{^role^:^assistant^,^content^:[{^type^:^thinking^,^thinking^:^Two cities, two "
        + "calls.^,^signature^:^sig-abc^},{^type^:^text^,^text^:^Checking both.^},"
        + "{^type^:^tool_use^,^id^:^call_1^,^name^:^get_weather^,^input^:{^city^:^Paris^}},"
        + "{^type^:^tool_use^,^id^:^call_2^,^name^:^get_weather^,^input^:{^city^:^Rome^}}]},"
        + "{^role^:^user^,^content^:[{^type^:^tool_result^,^tool_use_id^:^call_1^,"
        + "^content^:^18C^},{^type^:^tool_result^,^tool_use_id^:^call_2^,^content^:^no data^,"
        + "^is_error^:true},{^type^:^text^,^text^:^And tomorrow?^}]}],"
        + "^tools^:[{^name^:^get_weather^,^description^:^Weather for a city^,^input_schema^:"
        + "{^type^:^object^,^properties^:{^city^:{^type^:^string^}},^required^:[^city^]}},"
        + "{^name^:^no_params^,^input_schema^:{^type^:^object^,^properties^:{}}}],"
        + "^tool_choice^:{^type^:^any^,^disable_parallel_tool_use^:true},"
        + "^stop_sequences^:[^END^],^temperature^:1.0,^top_p^:0.95,^top_k^:50,"
        + "^metadata^:{^user_id^:^user-1^},"
        + "^output_config^:{^format^:{^type^:^json_schema^,^schema^:{^type^:^object^,"
        + "^properties^:{^a^:{^type^:^string^}},^required^:[^a^],"
        + "^additionalProperties^:false}}},"
        + "^stream^:true}")));
  }

  @Test
  void maxTokens_isRequired_soADefaultIsSent() throws Exception {
    assertThat(encode(withMessages(Message.user("hi"))).get("max_tokens").asInt())
        .isEqualTo(AnthropicRequestEncoder.DEFAULT_MAX_TOKENS).isEqualTo(4096);
    assertThat(tree(new AnthropicRequestEncoder(512).encode(withMessages(Message.user("hi")),
        "m")).get("max_tokens").asInt()).isEqualTo(512);
    assertThatThrownBy(() -> new AnthropicRequestEncoder(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"0.0,0.0", "0.3,0.3", "1.0,1.0", "1.2,1.0", "2.0,1.0"})
  void temperature_isClampedToAnthropicsRange(double in, double out) throws Exception {
    ChatRequest r = request(List.of(), List.of(Message.user("hi")), List.of(), null, null, null,
        List.of(), null, in, null, null, null, false, null);
    assertThat(encode(r).get("temperature").asDouble()).isEqualTo(out);
  }

  @Test
  void system_oneTextIsAString_emptyTextsAreLeftOut() throws Exception {
    ChatRequest one = request(List.of(text(""), text("Be kind."), text("")),
        List.of(Message.user("hi")), List.of(), null, null, null, List.of(), null, null, null,
        null, null, false, null);
    assertThat(encode(one).get("system").asText()).isEqualTo("Be kind.");
    ChatRequest none = request(List.of(text("")), List.of(Message.user("hi")), List.of(), null,
        null, null, List.of(), null, null, null, null, null, false, null);
    assertThat(encode(none).has("system")).isFalse();
  }

  @Test
  void consecutiveTurnsOfOneRoleAreMerged_toolResultsComeFirst_emptyTurnsVanish()
      throws Exception {
    JsonNode body = encode(withMessages(
        Message.user("Use the tool."),
        assistant(new Part.ToolCall("t1", "f", "{}")),
        user(text("By the way: "), new Part.ToolResult("t1", "f", List.of(text("1")), false)),
        user(new Part.ToolResult("t2", "f", List.of(), false)),
        assistant(new Part.Thinking("unsigned", null, false), text("")),
        user(text("still me"))));
    assertThat(body.get("messages")).isEqualTo(tree(j("["
        + "{^role^:^user^,^content^:[{^type^:^text^,^text^:^Use the tool.^}]},"
        + "{^role^:^assistant^,^content^:[{^type^:^tool_use^,^id^:^t1^,^name^:^f^,"
        + "^input^:{}}]},"
        + "{^role^:^user^,^content^:[{^type^:^tool_result^,^tool_use_id^:^t1^,^content^:^1^},"
        + "{^type^:^tool_result^,^tool_use_id^:^t2^},{^type^:^text^,^text^:^By the way: ^},"
        + "{^type^:^text^,^text^:^still me^}]}]")));
  }

  @Test
  void toolIds_areMadeToFitAnthropicsPattern_theSameWayOnCallAndResult() throws Exception {
    JsonNode body = encode(SampleRequests.all().get("tool result with image, named tool choice"));
    JsonNode call = body.get("messages").get(1).get("content").get(0);
    JsonNode result = body.get("messages").get(2).get("content").get(0);
    assertThat(call.get("id").asText()).isEqualTo("call_x_1");
    assertThat(result.get("tool_use_id").asText()).isEqualTo("call_x_1");
    assertThat(call.get("input")).isEqualTo(tree("{}")); // blank arguments
    assertThat(result.get("content")).isEqualTo(tree(j("[{^type^:^text^,^text^:^done^},"
        + "{^type^:^image^,^source^:{^type^:^base64^,^media_type^:^image/webp^,"
        + "^data^:^UklGRg==^}}]")));
    assertThat(body.get("tools").get(0).get("input_schema"))
        .as("a schema without type gets type object").isEqualTo(tree(j(
            "{^type^:^object^,^properties^:{}}")));
    assertThat(body.get("tool_choice")).isEqualTo(tree(j("{^type^:^tool^,^name^:^render^}")));
  }

  @Test
  void images_urlsDataUrlsAndJpgAlias() throws Exception {
    JsonNode content = encode(SampleRequests.all().get("images by url and data url"))
        .get("messages").get(0).get("content");
    assertThat(content.get(0)).isEqualTo(tree(j("{^type^:^image^,^source^:{^type^:^url^,"
        + "^url^:^https://example.com/cat.jpg^}}")));
    assertThat(content.get(1)).isEqualTo(tree(j("{^type^:^image^,^source^:{^type^:^base64^,"
        + "^media_type^:^image/jpeg^,^data^:^/9j/4AAQ^}}")));
  }

  @Test
  void thinking_onlySignedOrRedactedIsSentBack() throws Exception {
    JsonNode assistantContent = encode(SampleRequests.all().get("redacted thinking and prefill"))
        .get("messages").get(1).get("content");
    assertThat(assistantContent).isEqualTo(tree(j("[{^type^:^redacted_thinking^,"
        + "^data^:^EmwKAhgB^},{^type^:^text^,^text^:^The answer is^}]")));
  }

  @Test
  void toolChoice_andParallelCalls() throws Exception {
    List<Tool> tools = List.of(new Tool("f", null, "{\"type\":\"object\"}"));
    assertThat(encode(withTools(tools, null, null)).has("tool_choice")).isFalse();
    assertThat(encode(withTools(tools, null, Boolean.TRUE)).has("tool_choice")).isFalse();
    assertThat(encode(withTools(tools, null, Boolean.FALSE)).get("tool_choice"))
        .isEqualTo(tree(j("{^type^:^auto^,^disable_parallel_tool_use^:true}")));
    assertThat(encode(withTools(tools, new ToolChoice(ToolChoice.Mode.AUTO, null), null))
        .get("tool_choice")).isEqualTo(tree(j("{^type^:^auto^}")));
    assertThat(encode(withTools(tools, new ToolChoice(ToolChoice.Mode.NONE, null),
        Boolean.FALSE)).get("tool_choice")).isEqualTo(tree(j("{^type^:^none^}")));
    assertThat(encode(withTools(List.of(), new ToolChoice(ToolChoice.Mode.ANY, null),
        Boolean.FALSE)).has("tool_choice"))
        .as("no choice without tools").isFalse();
  }

  @Test
  void droppedFields_reportsWhatTheBodyLeavesOut() throws Exception {
    ChatRequest jsonMode = SampleRequests.all().get("redacted thinking and prefill");
    assertThat(encode(jsonMode).has("output_config")).isFalse();
    assertThat(AnthropicRequestEncoder.droppedFields(jsonMode)).containsExactly("response_format");

    ChatRequest everything = SampleRequests.all().get("everything");
    assertThat(AnthropicRequestEncoder.droppedFields(everything)).containsExactly("seed");
    assertThat(encode(everything).has("seed")).isFalse();

    String longUser = "u".repeat(513);
    ChatRequest r = request(List.of(), List.of(Message.user("hi")), List.of(), null, null, null,
        List.of(), null, null, null, null, null, false, longUser);
    assertThat(encode(r).has("metadata")).isFalse();
    assertThat(AnthropicRequestEncoder.droppedFields(r)).containsExactly("user");
    assertThat(AnthropicRequestEncoder.droppedFields(ChatRequest.of("m", List.of()))).isEmpty();
  }

  @Test
  void unsupported_namesTheOffendingPart() {
    assertUnsupported(withMessages(assistant(new Part.ToolCall("c1", "f", "[1,2]"))),
        "messages[0].parts[0]", "not a JSON object");
    assertUnsupported(withMessages(assistant(new Part.ToolCall("c1", "f", "{\"a\":"))),
        "messages[0].parts[0]", "not a JSON object");
    assertUnsupported(withMessages(user(text("x"), new Part.Image("image/bmp", "Qk0=", null))),
        "messages[0].parts[1]", "image/bmp");
    assertUnsupported(withMessages(user(new Part.Image(null, null, "data:image/png,abc"))),
        "messages[0].parts[0]", "base64");
    assertUnsupported(withMessages(user(new Part.ToolCall("c", "f", "{}"))),
        "messages[0].parts[0]", "a user message cannot carry a tool call");
    assertUnsupported(withMessages(assistant(new Part.ToolResult("c", "f", List.of(), false))),
        "messages[0].parts[0]", "an assistant message cannot carry a tool result");
    assertUnsupported(withMessages(user(new Part.ToolResult("c", "f",
        List.of(new Part.Thinking("x", "s", false)), false))),
        "messages[0].parts[0].content[0]", "only text and images");
    assertUnsupported(withTools(List.of(new Tool("bad.name", null, null)), null, null),
        "tools[0].name", "bad.name");
    assertUnsupported(withTools(List.of(new Tool("f", null, "{\"type\":\"array\"}")), null,
        null), "tools[0].parameters", "type 'object'");
    assertUnsupported(withTools(List.of(new Tool("f", null, "[]")), null, null),
        "tools[0].parameters", "not a JSON object");
    assertUnsupported(request(List.of(), List.of(Message.user("hi")), List.of(), null, null,
        new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, null, "true", false), List.of(),
        null, null, null, null, null, false, null), "response_format", "not a JSON object");
  }

  private void assertUnsupported(ChatRequest r, String param, String fragment) {
    assertThatThrownBy(() -> encoder.encode(r, "m"))
        .isInstanceOf(UnsupportedRequestException.class)
        .hasMessageContaining(fragment)
        .extracting(e -> ((UnsupportedRequestException) e).param()).isEqualTo(param);
  }
}
