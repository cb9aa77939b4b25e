package dev.ninelives.providers.anthropic;

import static dev.ninelives.providers.anthropic.SdkOracle.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.Message;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.ResponseFormat;
import dev.ninelives.core.model.Role;
import dev.ninelives.core.model.Tool;
import dev.ninelives.core.model.ToolChoice;
import dev.ninelives.providers.codec.TranslationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicRequestDecoderTest {
  private final AnthropicRequestDecoder decoder = new AnthropicRequestDecoder();

  static String j(String caretJson) {
    return caretJson.replace('^', '"');
  }

  ChatRequest decode(String caretJson) throws TranslationException {
    return decoder.decode(utf8(j(caretJson)));
  }

  TranslationException failure(String caretJson) {
    try {
      decoder.decode(utf8(j(caretJson)));
    } catch (TranslationException e) {
      return e;
    }
    throw new AssertionError("expected a TranslationException for " + j(caretJson));
  }

  @Test
  void everyCarriedField() throws Exception {
    ChatRequest r = decode("{^model^:^claude-sonnet-4-5^,^max_tokens^:1024,"
        + "^system^:^Be brief.^,"
        + "^messages^:[{^role^:^user^,^content^:^What is the weather in Paris?^}],"
        + "^tools^:[{^name^:^get_weather^,^description^:^Weather for a city^,"
        + "^input_schema^:{^type^:^object^,^properties^:{^city^:{^type^:^string^}},"
        + "^required^:[^city^]}}],"
        + "^tool_choice^:{^type^:^tool^,^name^:^get_weather^,^disable_parallel_tool_use^:true},"
        + "^stop_sequences^:[^END^,^STOP^],^temperature^:0.7,^top_p^:0.9,^top_k^:40,"
        + "^metadata^:{^user_id^:^user-42^},^stream^:true,"
        + "^output_config^:{^format^:{^type^:^json_schema^,^schema^:{^type^:^object^,"
        + "^properties^:{^a^:{^type^:^integer^}},^additionalProperties^:false}}}}");
    assertThat(r.model()).isEqualTo("claude-sonnet-4-5");
    assertThat(r.maxTokens()).isEqualTo(1024);
    assertThat(r.system()).containsExactly(new Part.Text("Be brief."));
    assertThat(r.messages()).containsExactly(Message.user("What is the weather in Paris?"));
    assertThat(r.tools()).containsExactly(new Tool("get_weather", "Weather for a city",
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
            + "\"required\":[\"city\"]}"));
    assertThat(r.toolChoice()).isEqualTo(new ToolChoice(ToolChoice.Mode.TOOL, "get_weather"));
    assertThat(r.parallelToolCalls()).isFalse();
    assertThat(r.stop()).containsExactly("END", "STOP");
    assertThat(r.temperature()).isEqualTo(0.7); // copied as is, not rescaled
    assertThat(r.topP()).isEqualTo(0.9);
    assertThat(r.topK()).isEqualTo(40);
    assertThat(r.user()).isEqualTo("user-42");
    assertThat(r.stream()).isTrue();
    assertThat(r.includeUsage()).as("Anthropic clients always get usage").isTrue();
    assertThat(r.seed()).isNull();
    assertThat(r.responseFormat()).isEqualTo(new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA,
        null, "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},"
            + "\"additionalProperties\":false}", false));
    assertThat(r.dropped()).isEmpty();
  }

  @Test
  void minimalRequest_leavesOptionalFieldsUnset() throws Exception {
    ChatRequest r = decode("{^model^:^m^,^messages^:[{^role^:^user^,^content^:^hi^}]}");
    assertThat(r.maxTokens()).isNull();
    assertThat(r.system()).isEmpty();
    assertThat(r.tools()).isEmpty();
    assertThat(r.toolChoice()).isNull();
    assertThat(r.parallelToolCalls()).isNull();
    assertThat(r.responseFormat()).isNull();
    assertThat(r.temperature()).isNull();
    assertThat(r.stream()).isFalse();
    assertThat(r.includeUsage()).isFalse();
    assertThat(r.user()).isNull();
  }

  @Test
  void system_asTextBlocks_andMidConversationSystemMessagesFoldIn() throws Exception {
    ChatRequest r = decode("{^messages^:[{^role^:^user^,^content^:^hi^},"
        + "{^role^:^system^,^content^:^Now answer in French.^},"
        + "{^role^:^assistant^,^content^:^Bonjour^}],"
        + "^system^:[{^type^:^text^,^text^:^You are Claude.^,"
        + "^cache_control^:{^type^:^ephemeral^}},{^type^:^text^,^text^:^Be brief.^}],"
        + "^model^:^m^}");
    assertThat(r.system()).extracting(Part.Text::text)
        .containsExactly("You are Claude.", "Be brief.", "Now answer in French.");
    assertThat(r.messages()).extracting(Message::role)
        .containsExactly(Role.USER, Role.ASSISTANT);
    assertThat(r.dropped()).containsExactly("cache_control");
  }

  @Test
  void images_base64AndUrl() throws Exception {
    ChatRequest r = decode("{^model^:^m^,^messages^:[{^role^:^user^,^content^:["
        + "{^type^:^image^,^source^:{^type^:^base64^,^media_type^:^image/png^,^data^:^iVBORw0=^}},"
        + "{^source^:{^url^:^https://example.com/cat.jpg^,^type^:^url^},^type^:^image^},"
        + "{^type^:^text^,^text^:^Compare these.^}]}]}");
    assertThat(r.messages().get(0).parts()).containsExactly(
        new Part.Image("image/png", "iVBORw0=", null),
        new Part.Image(null, null, "https://example.com/cat.jpg"),
        new Part.Text("Compare these."));
  }

  @Test
  void toolUseAndResults_resultsGetTheToolNameFromTheCall() throws Exception {
    ChatRequest r = decode("{^model^:^m^,^messages^:["
        + "{^role^:^user^,^content^:^Weather in Paris and Rome?^},"
        + "{^role^:^assistant^,^content^:[{^type^:^text^,^text^:^Checking.^},"
        + "{^type^:^tool_use^,^id^:^toolu_01^,^name^:^get_weather^,"
        + "^input^:{^city^:^Paris^, ^units^ : [^c^]}},"
        + "{^type^:^tool_use^,^id^:^toolu_02^,^name^:^get_time^,^input^:{}}]},"
        + "{^role^:^user^,^content^:["
        + "{^type^:^tool_result^,^tool_use_id^:^toolu_01^,^content^:^18C^},"
        + "{^type^:^tool_result^,^tool_use_id^:^toolu_02^,^is_error^:true,^content^:["
        + "{^type^:^text^,^text^:^clock broken^}]},"
        + "{^type^:^tool_result^,^tool_use_id^:^toolu_99^},"
        + "{^type^:^text^,^text^:^Thanks^}]}]}");
    assertThat(r.messages().get(1).parts()).containsExactly(
        new Part.Text("Checking."),
        new Part.ToolCall("toolu_01", "get_weather", "{\"city\":\"Paris\",\"units\":[\"c\"]}"),
        new Part.ToolCall("toolu_02", "get_time", "{}"));
    assertThat(r.messages().get(2).parts()).containsExactly(
        new Part.ToolResult("toolu_01", "get_weather", List.of(new Part.Text("18C")), false),
        new Part.ToolResult("toolu_02", "get_time", List.of(new Part.Text("clock broken")),
            true),
        new Part.ToolResult("toolu_99", null, List.of(), false),
        new Part.Text("Thanks"));
  }

  @Test
  void toolResult_withAnImage() throws Exception {
    ChatRequest r = decode("{^model^:^m^,^messages^:[{^role^:^user^,^content^:["
        + "{^type^:^tool_result^,^tool_use_id^:^t1^,^content^:[{^type^:^image^,^source^:"
        + "{^type^:^base64^,^media_type^:^image/jpeg^,^data^:^/9j/^}}]}]}]}");
    assertThat(r.messages().get(0).parts()).containsExactly(new Part.ToolResult("t1", null,
        List.of(new Part.Image("image/jpeg", "/9j/", null)), false));
  }

  @Test
  void thinkingAndRedactedThinking() throws Exception {
    ChatRequest r = decode("{^model^:^m^,^messages^:[{^role^:^user^,^content^:^2+2?^},"
        + "{^role^:^assistant^,^content^:[{^type^:^thinking^,^thinking^:^Add them.^,"
        + "^signature^:^EqQBCgIYAhIM^},{^type^:^redacted_thinking^,^data^:^EmwKAhgB^},"
        + "{^type^:^text^,^text^:^4^}]}],^thinking^:{^type^:^enabled^,^budget_tokens^:2048}}");
    assertThat(r.messages().get(1).parts()).containsExactly(
        new Part.Thinking("Add them.", "EqQBCgIYAhIM", false),
        new Part.Thinking("EmwKAhgB", null, true),
        new Part.Text("4"));
    assertThat(r.dropped()).containsExactly("thinking");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{^type^:^auto^}|AUTO|",
      "{^type^:^any^}|ANY|",
      "{^type^:^none^}|NONE|",
      "{^type^:^auto^,^disable_parallel_tool_use^:false}|AUTO|",
      "{^type^:^any^,^disable_parallel_tool_use^:true}|ANY|false"})
  void toolChoice(String choice, ToolChoice.Mode mode, Boolean parallel) throws Exception {
    ChatRequest r = decode("{^model^:^m^,^messages^:[],^tools^:[{^name^:^f^,^input_schema^:"
        + "{^type^:^object^}}],^tool_choice^:" + choice + "}");
    assertThat(r.toolChoice()).isEqualTo(new ToolChoice(mode, null));
    assertThat(r.parallelToolCalls()).isEqualTo(parallel);
  }

  @Test
  void uncarriableFields_areListedAsDropped_nullsAreNot() throws Exception {
    ChatRequest r = decode("{^model^:^m^,^messages^:[{^role^:^user^,^content^:[{^type^:^text^,"
        + "^text^:^hi^,^citations^:[]}]}],^thinking^:{^type^:^enabled^,^budget_tokens^:1024},"
        + "^service_tier^:^auto^,^container^:^c1^,^mcp_servers^:[],^context_management^:{},"
        + "^inference_geo^:null,^metadata^:{^user_id^:null,^trace^:^x^},"
        + "^output_config^:{^effort^:^high^},^tools^:[{^name^:^f^,^input_schema^:{^type^:"
        + "^object^},^strict^:true,^cache_control^:{^type^:^ephemeral^}}],^top_k^:null}");
    assertThat(r.dropped()).containsExactly("citations", "thinking", "service_tier", "container",
        "mcp_servers", "context_management", "metadata.trace", "output_config.effort",
        "tools.strict", "tools.cache_control");
    assertThat(r.user()).isNull();
    assertThat(r.topK()).isNull();
    assertThat(r.responseFormat()).isNull();
  }

  @Test
  void betaOutputFormat_isReadLikeOutputConfigFormat() throws Exception {
    ChatRequest r = decode("{^model^:^m^,^messages^:[],^output_format^:{^type^:^json_schema^,"
        + "^schema^:{^type^:^object^}}}");
    assertThat(r.responseFormat().kind()).isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);
    assertThat(r.responseFormat().schemaJson()).isEqualTo("{\"type\":\"object\"}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      // body | param | message start
      "{^model^:^m^,^messages^:[{^role^:^user^,^content^:[{^type^:^document^,^source^:{^type^:"
          + "^base64^,^media_type^:^application/pdf^,^data^:^JVBERi0=^}}]}]}"
          + "|messages[0].content[0]|messages[0].content[0]: document blocks cannot be translated",
      "{^model^:^m^,^messages^:[],^tools^:[{^type^:^web_search_20250305^,^name^:^web_search^}]}"
          + "|tools[0].type|tools[0]: the server tool 'web_search_20250305'",
      "{^model^:^m^,^messages^:[{^role^:^user^,^content^:[{^type^:^image^,^source^:{^type^:"
          + "^file^,^file_id^:^file_01^}}]}]}"
          + "|messages[0].content[0].source.type|messages[0].content[0].source: image sources "
          + "of type 'file'",
      "{^model^:^m^,^messages^:[{^role^:^user^,^content^:[{^type^:^tool_result^,^tool_use_id^:"
          + "^t^,^content^:[{^type^:^search_result^,^source^:^s^,^title^:^t^,^content^:[]}]}]}]}"
          + "|messages[0].content[0].content[0]|messages[0].content[0].content[0]: "
          + "'search_result' blocks in a tool result",
      "{^model^:^m^,^messages^:[{^role^:^user^,^content^:[{^type^:^tool_use^,^id^:^t^,"
          + "^name^:^f^,^input^:{}}]}]}"
          + "|messages[0].content[0]|messages[0].content[0]: tool_use blocks belong in assistant",
      "{^model^:^m^,^messages^:[{^role^:^assistant^,^content^:[{^type^:^tool_result^,"
          + "^tool_use_id^:^t^}]}]}"
          + "|messages[0].content[0]|messages[0].content[0]: tool_result blocks belong in user",
      "{^model^:^m^,^messages^:[{^role^:^user^,^content^:[{^type^:^server_tool_use^,^id^:^s^,"
          + "^name^:^web_search^,^input^:{}}]}]}"
          + "|messages[0].content[0]|messages[0].content[0]: 'server_tool_use' blocks",
      "{^model^:^m^,^messages^:[{^role^:^robot^,^content^:^x^}]}"
          + "|messages[0].role|messages[0].role: Input should be 'user' or 'assistant'",
      "{^model^:^m^,^messages^:[{^content^:^x^}]}|messages[0].role|messages[0].role: Field "
          + "required",
      "{^model^:^m^,^messages^:[{^role^:^user^}]}|messages[0].content|messages[0].content: "
          + "Field required",
      "{^model^:^m^,^messages^:[{^role^:^user^,^content^:[{^text^:^x^}]}]}"
          + "|messages[0].content[0].type|messages[0].content[0].type: Field required",
      "{^model^:^m^,^messages^:[{^role^:^user^,^content^:7}]}|messages[0].content|"
          + "messages[0].content: Input should be a valid string or list",
      "{^model^:^m^,^messages^:[],^max_tokens^:^many^}|max_tokens|max_tokens: Input should be "
          + "a valid integer",
      "{^model^:^m^,^messages^:[],^max_tokens^:-1}|max_tokens|max_tokens: Input should be "
          + "greater than or equal to 0",
      "{^model^:^m^,^messages^:[],^temperature^:^hot^}|temperature|temperature: Input should "
          + "be a valid number",
      "{^model^:^m^,^messages^:[],^stop_sequences^:^END^}|stop_sequences|stop_sequences: Input "
          + "should be a valid list",
      "{^model^:^m^,^messages^:[],^tool_choice^:{^type^:^sometimes^}}|tool_choice.type|"
          + "tool_choice.type: Input should be",
      "{^model^:^m^,^messages^:[],^tool_choice^:{^type^:^tool^}}|tool_choice.name|"
          + "tool_choice.name: Field required",
      "{^model^:^m^,^messages^:[],^tools^:[{^name^:^f^}]}|tools[0].input_schema|"
          + "tools[0].input_schema: Field required",
      "{^model^:^m^,^messages^:[],^output_config^:{^format^:{^type^:^text^}}}|"
          + "output_config.format.type|output_config.format.type: Input should be 'json_schema'",
      "{^messages^:[]}|model|model: Field required",
      "{^model^:^m^}|messages|messages: Field required",
      "{^model^:^m^,^messages^:{}}|messages|messages: Input should be a valid list"})
  void untranslatableOrInvalid_namesTheField(String body, String param, String message) {
    TranslationException e = failure(body);
    assertThat(e.param()).isEqualTo(param);
    assertThat(e.getMessage()).startsWith(message);
  }

  @Test
  void malformedJson() {
    assertThat(failure("{^model^:^m^,^messages^:[").getMessage())
        .startsWith("could not parse the JSON body of the request");
    assertThat(failure("[]").getMessage()).isEqualTo("the request body must be a JSON object");
    assertThat(failure("  ").getMessage()).contains("empty");
    assertThat(failure("{^model^:^m^,^messages^:[]}{}").getMessage())
        .contains("unexpected data after the JSON object");
    assertThatThrownBy(() -> decoder.decode(null)).isInstanceOf(TranslationException.class);
  }
}
