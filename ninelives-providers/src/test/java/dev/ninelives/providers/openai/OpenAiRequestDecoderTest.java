package dev.ninelives.providers.openai;

import static dev.ninelives.providers.openai.CodecTestSupport.SDK_JSON;
import static dev.ninelives.providers.openai.CodecTestSupport.bytes;
import static dev.ninelives.providers.openai.CodecTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.Message;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.ResponseFormat;
import dev.ninelives.core.model.Role;
import dev.ninelives.core.model.Tool;
import dev.ninelives.core.model.ToolChoice;
import dev.ninelives.providers.codec.TranslationException;
import dev.ninelives.providers.codec.UnsupportedRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiRequestDecoderTest {
  private final OpenAiRequestDecoder decoder = new OpenAiRequestDecoder();

  private ChatRequest decode(String json) throws TranslationException {
    return decoder.decode(bytes(json));
  }

  /** A body with the given members after model and one user message. */
  private ChatRequest decodeWith(String members) throws TranslationException {
    return decode("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
        + (members.isEmpty() ? "" : "," + members) + "}");
  }

  private TranslationException failure(String json) {
    TranslationException e = catchThrowableOfType(TranslationException.class,
        () -> decode(json));
    assertThat(e).as("expected a TranslationException for %s", json).isNotNull();
    return e;
  }

  @Test
  void minimalRequest() throws Exception {
    ChatRequest r = decodeWith("");
    assertThat(r.model()).isEqualTo("gpt-4.1");
    assertThat(r.system()).isEmpty();
    assertThat(r.messages()).containsExactly(Message.user("hi"));
    assertThat(r.tools()).isEmpty();
    assertThat(r.toolChoice()).isNull();
    assertThat(r.parallelToolCalls()).isNull();
    assertThat(r.responseFormat()).isNull();
    assertThat(r.stop()).isEmpty();
    assertThat(r.maxTokens()).isNull();
    assertThat(r.temperature()).isNull();
    assertThat(r.topP()).isNull();
    assertThat(r.topK()).isNull();
    assertThat(r.seed()).isNull();
    assertThat(r.stream()).isFalse();
    assertThat(r.includeUsage()).isFalse();
    assertThat(r.user()).isNull();
    assertThat(r.dropped()).isEmpty();
  }

  @Test
  void systemAndDeveloperMessages_anywhere_becomeSystemTextInOrder() throws Exception {
    ChatRequest r = decode("""
        {"model":"m","messages":[
          {"role":"system","content":"Be brief."},
          {"role":"user","content":"hi"},
          {"role":"developer","content":[{"type":"text","text":"Use French."},
                                         {"type":"text","text":"No emoji."}]},
          {"role":"assistant","content":"Salut"},
          {"role":"system","content":""}
        ]}""");
    assertThat(r.system()).containsExactly(new Part.Text("Be brief."),
        new Part.Text("Use French."), new Part.Text("No emoji."));
    assertThat(r.messages()).containsExactly(Message.user("hi"),
        new Message(Role.ASSISTANT, List.of(new Part.Text("Salut"))));
  }

  @Test
  void userParts_textAndImages() throws Exception {
    ChatRequest r = decode("""
        {"model":"m","messages":[{"role":"user","content":[
          {"type":"text","text":"What is this?"},
          {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=",
                                           "detail":"high"}},
          {"type":"image_url","image_url":{"url":"https://example.com/cat.JPG?size=2"}},
          {"type":"image_url","image_url":{"url":"http://example.com/picture"}}
        ]}]}""");
    assertThat(r.messages()).hasSize(1);
    assertThat(r.messages().get(0).parts()).containsExactly(
        new Part.Text("What is this?"),
        new Part.Image("image/png", "iVBORw0KGgo=", null),
        new Part.Image("image/jpeg", null, "https://example.com/cat.JPG?size=2"),
        new Part.Image(null, null, "http://example.com/picture"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"data:image/png,rawbytes", "data:;base64,AAAA", "ftp://x/y.png",
      "file:///etc/passwd"})
  void badImageUrls_areRejected(String url) {
    TranslationException e = failure("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
        + "\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + url + "\"}}]}]}");
    assertThat(e.param()).isEqualTo("messages[0].content[0].image_url.url");
  }

  @ParameterizedTest
  @CsvSource({
      "input_audio, '{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AA==\",\"format\":\"wav\"}}'",
      "file, '{\"type\":\"file\",\"file\":{\"file_id\":\"file-1\"}}'"})
  void audioAndFileParts_areRejectedNamingThePart(String type, String part) {
    TranslationException e = failure("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"listen\"}," + part + "]}]}");
    assertThat(e).isNotInstanceOf(UnsupportedRequestException.class);
    assertThat(e.param()).isEqualTo("messages[0].content[1]");
    assertThat(e.getMessage()).contains("messages[0].content[1]").contains("'" + type + "'");
  }

  @Test
  void multiTurnWithParallelToolCalls_andResultsInOneUserMessage() throws Exception {
    ChatRequest r = decode("""
        {"model":"m","messages":[
          {"role":"user","content":"Weather in Paris and Rome?"},
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"call_1","type":"function",
             "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
            {"id":"call_2","type":"function",
             "function":{"name":"get_time","arguments":" {\\"city\\": \\"Rome\\"} "}}]},
          {"role":"tool","tool_call_id":"call_1","content":"18C"},
          {"role":"tool","tool_call_id":"call_2",
           "content":[{"type":"text","text":"10:00"},{"type":"text","text":"CET"}]},
          {"role":"user","content":"Thanks"},
          {"role":"user","content":"And tomorrow?"}
        ]}""");
    assertThat(r.messages()).containsExactly(
        Message.user("Weather in Paris and Rome?"),
        new Message(Role.ASSISTANT, List.of(
            new Part.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
            new Part.ToolCall("call_2", "get_time", " {\"city\": \"Rome\"} "))),
        new Message(Role.USER, List.of(
            new Part.ToolResult("call_1", "get_weather", List.of(new Part.Text("18C")), false),
            new Part.ToolResult("call_2", "get_time",
                List.of(new Part.Text("10:00"), new Part.Text("CET")), false))),
        Message.user("Thanks"),
        Message.user("And tomorrow?"));
  }

  @Test
  void aSystemMessageInsideAToolRun_doesNotSplitTheResults() throws Exception {
    ChatRequest r = decode("""
        {"model":"m","messages":[
          {"role":"assistant","tool_calls":[
            {"id":"a","type":"function","function":{"name":"f","arguments":"{}"}},
            {"id":"b","type":"function","function":{"name":"g","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"a","content":"1"},
          {"role":"system","content":"note"},
          {"role":"tool","tool_call_id":"b","content":"2"},
          {"role":"tool","tool_call_id":"unknown","content":""}
        ]}""");
    assertThat(r.system()).containsExactly(new Part.Text("note"));
    assertThat(r.messages()).hasSize(2);
    assertThat(r.messages().get(1)).isEqualTo(new Message(Role.USER, List.of(
        new Part.ToolResult("a", "f", List.of(new Part.Text("1")), false),
        new Part.ToolResult("b", "g", List.of(new Part.Text("2")), false),
        new Part.ToolResult("unknown", null, List.of(), false))));
  }

  @Test
  void assistantContentRefusalAndCalls_inOrder() throws Exception {
    ChatRequest r = decode("""
        {"model":"m","messages":[
          {"role":"assistant","content":[{"type":"text","text":"Let me look."},
                                         {"type":"refusal","refusal":"Part refused."}],
           "refusal":"I can't do all of it.",
           "tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":""}}]},
          {"role":"assistant","content":"","refusal":null}
        ]}""");
    assertThat(r.messages().get(0).parts()).containsExactly(
        new Part.Text("Let me look."), new Part.Text("Part refused."),
        new Part.Text("I can't do all of it."), new Part.ToolCall("c", "f", "{}"));
    assertThat(r.messages().get(1)).isEqualTo(new Message(Role.ASSISTANT, List.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\\\"city\\\":", "[1,2]", "\\\"text\\\"", "{} {}", "nope"})
  void toolCallArgumentsThatAreNotAJsonObject_areRejected(String arguments) {
    TranslationException e = failure("{\"model\":\"m\",\"messages\":["
        + "{\"role\":\"user\",\"content\":\"x\"},"
        + "{\"role\":\"assistant\",\"tool_calls\":["
        + "{\"id\":\"ok\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}},"
        + "{\"id\":\"bad\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\""
        + arguments + "\"}}]}]}");
    assertThat(e.param()).isEqualTo("messages[1].tool_calls[1]");
    assertThat(e.getMessage()).contains("messages[1].tool_calls[1]");
  }

  @Test
  void messageErrors_nameTheField() {
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}").param())
        .isEqualTo("messages[0].role");
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}")
        .param()).isEqualTo("messages[0].role");
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"function\",\"name\":\"f\","
        + "\"content\":\"x\"}]}").getMessage()).contains("'function' role");
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}").param())
        .isEqualTo("messages[0].content");
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}")
        .param()).isEqualTo("messages[0].content");
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
        + "[{\"type\":\"video\"}]}]}").param()).isEqualTo("messages[0].content[0].type");
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}")
        .param()).isEqualTo("messages[0].tool_call_id");
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"a\","
        + "\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]}]}")
        .param()).isEqualTo("messages[0].content");
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":"
        + "[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]}]}").param())
        .isEqualTo("messages[0].content");
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\","
        + "\"content\":null}]}").param()).isEqualTo("messages[0].content");
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":"
        + "[{\"id\":\"c\",\"type\":\"custom\",\"custom\":{\"name\":\"f\",\"input\":\"x\"}}]}]}")
        .param()).isEqualTo("messages[0].tool_calls[0].type");
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":"
        + "[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}]}")
        .param()).isEqualTo("messages[0].tool_calls[0]");
    assertThat(failure("{\"model\":\"m\",\"messages\":[\"hi\"]}").param())
        .isEqualTo("messages[0]");
  }

  @Test
  void tools_functionsWithRawSchemas() throws Exception {
    ChatRequest r = decodeWith("""
        "tools":[
          {"type":"function","function":{"name":"get_weather","description":"Weather now",
            "parameters":{"type":"object","properties":{"city":{"type":"string",
              "enum":["Paris","Zürich"]},"days":{"type":"integer","minimum":1.5}},
              "required":["city"]},"strict":false}},
          {"type":"function","function":{"name":"ping"}}],
        "tool_choice":{"type":"function","function":{"name":"get_weather"}},
        "parallel_tool_calls":false""");
    assertThat(r.tools()).hasSize(2);
    Tool weather = r.tools().get(0);
    assertThat(weather.name()).isEqualTo("get_weather");
    assertThat(weather.description()).isEqualTo("Weather now");
    assertThat(tree(weather.parametersJson())).isEqualTo(tree("""
        {"type":"object","properties":{"city":{"type":"string","enum":["Paris","Zürich"]},
         "days":{"type":"integer","minimum":1.5}},"required":["city"]}"""));
    assertThat(r.tools().get(1)).isEqualTo(new Tool("ping", null, null));
    assertThat(r.toolChoice()).isEqualTo(new ToolChoice(ToolChoice.Mode.TOOL, "get_weather"));
    assertThat(r.parallelToolCalls()).isFalse();
    assertThat(r.dropped()).isEmpty();
  }

  @Test
  void strictTools_areNotedAsDropped() throws Exception {
    ChatRequest r = decodeWith("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\","
        + "\"parameters\":{\"type\":\"object\"},\"strict\":true}}]");
    assertThat(r.dropped()).containsExactly("tools[].function.strict");
  }

  @Test
  void customTools_areRejected() {
    TranslationException e = failure("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"x\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}},"
        + "{\"type\":\"custom\",\"custom\":{\"name\":\"grammar\"}}]}");
    assertThat(e.param()).isEqualTo("tools[1].type");
    assertThat(e.getMessage()).contains("'custom' tools");
  }

  @ParameterizedTest
  @CsvSource({"auto, AUTO", "required, ANY", "none, NONE"})
  void toolChoiceStrings(String wire, ToolChoice.Mode mode) throws Exception {
    assertThat(decodeWith("\"tool_choice\":\"" + wire + "\"").toolChoice())
        .isEqualTo(new ToolChoice(mode, null));
  }

  @Test
  void toolChoicesWithoutAnEquivalent_areRejected() {
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"tool_choice\":{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"auto\","
        + "\"tools\":[]}}}").param()).isEqualTo("tool_choice");
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"tool_choice\":\"sometimes\"}").param()).isEqualTo("tool_choice");
  }

  @Test
  void responseFormats() throws Exception {
    assertThat(decodeWith("\"response_format\":{\"type\":\"text\"}").responseFormat())
        .isEqualTo(new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, false));
    assertThat(decodeWith("\"response_format\":{\"type\":\"json_object\"}").responseFormat())
        .isEqualTo(new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, false));
    ChatRequest r = decodeWith("""
        "response_format":{"type":"json_schema","json_schema":{"name":"person",
          "description":"A person","strict":true,
          "schema":{"type":"object","properties":{"name":{"type":"string"}},
                    "additionalProperties":false,"required":["name"]}}}""");
    ResponseFormat f = r.responseFormat();
    assertThat(f.kind()).isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);
    assertThat(f.name()).isEqualTo("person");
    assertThat(f.strict()).isTrue();
    assertThat(tree(f.schemaJson())).isEqualTo(tree("{\"type\":\"object\",\"properties\":"
        + "{\"name\":{\"type\":\"string\"}},\"additionalProperties\":false,"
        + "\"required\":[\"name\"]}"));
    assertThat(r.dropped()).containsExactly("response_format.json_schema.description");
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"response_format\":{\"type\":\"yaml\"}}").param()).isEqualTo("response_format.type");
  }

  @Test
  void samplingAndLimits() throws Exception {
    ChatRequest r = decodeWith("\"max_tokens\":100,\"max_completion_tokens\":200,"
        + "\"temperature\":1.5,\"top_p\":0.9,\"seed\":9007199254740993,\"stop\":\"END\","
        + "\"top_k\":40,\"n\":1");
    assertThat(r.maxTokens()).isEqualTo(200);
    assertThat(r.temperature()).isEqualTo(1.5);
    assertThat(r.topP()).isEqualTo(0.9);
    assertThat(r.seed()).isEqualTo(9007199254740993L);
    assertThat(r.stop()).containsExactly("END");
    assertThat(r.topK()).isEqualTo(40);
    assertThat(decodeWith("\"max_tokens\":100,\"temperature\":0").maxTokens()).isEqualTo(100);
    assertThat(decodeWith("\"temperature\":0").temperature()).isEqualTo(0.0);
    assertThat(decodeWith("\"stop\":[\"a\",\"b\"]").stop()).containsExactly("a", "b");
    assertThat(decodeWith("\"stop\":null,\"max_tokens\":null").stop()).isEmpty();
  }

  @Test
  void streamAndUser() throws Exception {
    ChatRequest r = decodeWith("\"stream\":true,\"stream_options\":{\"include_usage\":true,"
        + "\"include_obfuscation\":false},\"user\":\"u-1\",\"safety_identifier\":\"u-1\"");
    assertThat(r.stream()).isTrue();
    assertThat(r.includeUsage()).isTrue();
    assertThat(r.user()).isEqualTo("u-1");
    assertThat(r.dropped()).isEmpty();
    assertThat(decodeWith("\"stream_options\":{\"include_usage\":true}").includeUsage())
        .as("usage at the end of a stream means nothing without a stream").isFalse();
    assertThat(decodeWith("\"safety_identifier\":\"s-2\"").user()).isEqualTo("s-2");
    ChatRequest both = decodeWith("\"user\":\"u-1\",\"safety_identifier\":\"s-2\"");
    assertThat(both.user()).isEqualTo("u-1");
    assertThat(both.dropped()).containsExactly("safety_identifier");
  }

  @Test
  void nGreaterThanOne_isUnsupported() {
    TranslationException e = failure("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"x\"}],\"n\":3}");
    assertThat(e).isInstanceOf(UnsupportedRequestException.class)
        .hasMessage("n > 1 cannot be translated to other providers");
    assertThat(e.param()).isEqualTo("n");
  }

  @Test
  void uncarriedFields_areListedWhenSet_inTheOrderTheyCame() throws Exception {
    ChatRequest r = decodeWith("""
        "logprobs":true,"top_logprobs":3,"logit_bias":{"50256":-100},
        "presence_penalty":0.5,"frequency_penalty":-1,
        "audio":{"voice":"alloy","format":"mp3"},"modalities":["text","audio"],
        "prediction":{"type":"content","content":"x"},"service_tier":"flex","store":true,
        "metadata":{"k":"v"},"reasoning_effort":"high","verbosity":"low",
        "web_search_options":{},"prompt_cache_key":"k1",
        "functions":[{"name":"f"}],"function_call":"auto","x_custom":{"a":[1,{"b":2}]},
        "temperature":1""");
    assertThat(r.dropped()).containsExactly("logprobs", "top_logprobs", "logit_bias",
        "presence_penalty", "frequency_penalty", "audio", "modalities", "prediction",
        "service_tier", "store", "metadata", "reasoning_effort", "verbosity",
        "web_search_options", "prompt_cache_key", "functions", "function_call", "x_custom");
    assertThat(r.temperature()).as("reading goes on after skipped values").isEqualTo(1.0);
  }

  @Test
  void uncarriedFields_atTheirDefaults_areNotListed() throws Exception {
    ChatRequest r = decodeWith("""
        "logprobs":false,"top_logprobs":null,"logit_bias":{},"presence_penalty":0,
        "frequency_penalty":0.0,"audio":null,"modalities":["text"],"prediction":null,
        "service_tier":"auto","store":false,"metadata":{},"reasoning_effort":null,
        "verbosity":"medium","web_search_options":null,"prompt_cache_key":null,
        "functions":[],"function_call":null,"x_unknown":null""");
    assertThat(r.dropped()).isEmpty();
  }

  @Test
  void messageNames_areNotedAsDroppedOnce() throws Exception {
    ChatRequest r = decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"name\":\"ann\","
        + "\"content\":\"a\"},{\"role\":\"user\",\"name\":\"bob\",\"content\":\"b\"}]}");
    assertThat(r.dropped()).containsExactly("messages[].name");
  }

  @Test
  void malformedBodies() {
    assertThat(failure("{\"model\":\"m\",\"messages\":[").getMessage())
        .startsWith("could not parse the JSON body of the request");
    assertThat(failure("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} {}").getMessage())
        .contains("unexpected data after the JSON object");
    assertThat(failure("[1,2]").getMessage()).isEqualTo("the request body must be a JSON object");
    assertThat(catchThrowableOfType(TranslationException.class, () -> decoder.decode(new byte[0]))
        .getMessage()).contains("empty");
  }

  @Test
  void missingOrMistypedModelAndMessages() {
    assertThat(failure("{\"model\":5,\"messages\":[]}").param()).isEqualTo("model");
    assertThat(failure("{\"model\":\"\",\"messages\":[]}").param()).isEqualTo("model");
    assertThat(failure("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").param())
        .isEqualTo("model");
    assertThat(failure("{\"model\":\"m\"}").param()).isEqualTo("messages");
    assertThat(failure("{\"model\":\"m\",\"messages\":{}}").param()).isEqualTo("messages");
    assertThat(failure("{\"model\":\"m\",\"messages\":[]}").param()).isEqualTo("messages");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"temperature\":\"hot\"             | temperature",
      "\"top_p\":[]                        | top_p",
      "\"max_tokens\":1.5                   | max_tokens",
      "\"max_completion_tokens\":99999999999 | max_completion_tokens",
      "\"seed\":123456789012345678901234567 | seed",
      "\"seed\":1.0                         | seed",
      "\"stream\":\"yes\"                   | stream",
      "\"stop\":7                           | stop",
      "\"stop\":[\"a\",1]                   | stop",
      "\"tools\":{}                         | tools",
      "\"tools\":[{\"function\":{\"name\":\"f\"}}] | tools[0].type",
      "\"tools\":[{\"type\":\"function\"}]    | tools[0].function.name",
      "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":\"{}\"}}] | tools[0].function.parameters",
      "\"tool_choice\":{\"type\":\"function\"} | tool_choice",
      "\"tool_choice\":3                    | tool_choice",
      "\"response_format\":\"json\"         | response_format",
      "\"response_format\":{}               | response_format.type",
      "\"parallel_tool_calls\":1            | parallel_tool_calls",
      "\"stream_options\":true              | stream_options",
      "\"stream_options\":{\"include_usage\":\"yes\"} | stream_options.include_usage",
      "\"n\":\"two\"                         | n",
      "\"user\":42                          | user"})
  void wrongTypes_nameTheParam(String member, String param) {
    TranslationException e = failure("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"x\"}]," + member + "}");
    assertThat(e).isNotInstanceOf(UnsupportedRequestException.class);
    assertThat(e.param()).isEqualTo(param);
    assertThat(e.getMessage()).contains(param);
  }

  /** The official SDK's own serialization of a request decodes to what was built. */
  @Test
  void aRequestSerializedByTheOfficialSdk() throws Exception {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("gpt-4.1")
        .addDeveloperMessage("Answer in JSON.")
        .addUserMessage("Weather in Paris?")
        .addTool(ChatCompletionFunctionTool.builder()
            .function(FunctionDefinition.builder()
                .name("get_weather")
                .description("Current weather")
                .parameters(FunctionParameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty("properties", JsonValue.from(
                        Map.of("city", Map.of("type", "string"))))
                    .build())
                .build())
            .build())
        .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED)
        .maxCompletionTokens(256)
        .temperature(0.2)
        .stop("STOP")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .build();
    byte[] body = SDK_JSON.writeValueAsBytes(params._body());
    ChatRequest r = decoder.decode(body);
    assertThat(r.model()).isEqualTo("gpt-4.1");
    assertThat(r.system()).containsExactly(new Part.Text("Answer in JSON."));
    assertThat(r.messages()).containsExactly(Message.user("Weather in Paris?"));
    assertThat(r.tools()).hasSize(1);
    assertThat(tree(r.tools().get(0).parametersJson())).isEqualTo(tree(
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"));
    assertThat(r.toolChoice()).isEqualTo(new ToolChoice(ToolChoice.Mode.ANY, null));
    assertThat(r.maxTokens()).isEqualTo(256);
    assertThat(r.temperature()).isEqualTo(0.2);
    assertThat(r.stop()).containsExactly("STOP");
    assertThat(r.dropped()).isEmpty();
  }
}
