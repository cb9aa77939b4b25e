package dev.ninelives.providers.gemini;

import static dev.ninelives.providers.gemini.RequestBuilder.assistant;
import static dev.ninelives.providers.gemini.RequestBuilder.call;
import static dev.ninelives.providers.gemini.RequestBuilder.request;
import static dev.ninelives.providers.gemini.RequestBuilder.result;
import static dev.ninelives.providers.gemini.RequestBuilder.text;
import static dev.ninelives.providers.gemini.RequestBuilder.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.ai.generativelanguage.v1beta.FunctionCallingConfig;
import com.google.ai.generativelanguage.v1beta.GenerateContentRequest;
import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.ResponseFormat;
import dev.ninelives.core.model.ToolChoice;
import dev.ninelives.providers.codec.UnsupportedRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The encoder, field by field. Every body encoded here also goes through
 * {@link GeminiProto#request}: it must parse as Google's {@code GenerateContentRequest} with
 * unknown fields rejected.
 */
class GeminiRequestEncoderTest {
  private static final GeminiRequestEncoder ENCODER = new GeminiRequestEncoder();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SIG = GeminiRequestEncoder.SKIP_THOUGHT_SIGNATURE;
  // A 1x1 PNG.
  private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk"
      + "YAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

  /** Encodes, checks the body against the proto (the golden check), returns its JSON. */
  static JsonNode encode(ChatRequest r) throws Exception {
    byte[] body = ENCODER.encode(r, "gemini-2.5-flash");
    GeminiProto.request(body);
    return MAPPER.readTree(body);
  }

  static GenerateContentRequest encodeProto(ChatRequest r) throws Exception {
    return GeminiProto.request(ENCODER.encode(r, "gemini-2.5-flash"));
  }

  static JsonNode json(String caretJson) throws Exception {
    return MAPPER.readTree(caretJson.replace('^', '"'));
  }

  @Test
  void minimalRequest_isOneUserContent() throws Exception {
    assertThat(encode(request().user("Hello").build())).isEqualTo(json(
        "{^contents^:[{^role^:^user^,^parts^:[{^text^:^Hello^}]}]}"));
  }

  @Test
  void everyGenerationField_mapsByName() throws Exception {
    ChatRequest r = request().system("You are terse.", "Answer in French.").user("Hi")
        .stop("END", "STOP").maxTokens(256).temperature(0.7).topP(0.9).topK(40).seed(42)
        .build();

    assertThat(encode(r)).isEqualTo(json("{^contents^:[{^role^:^user^,^parts^:[{^text^:^Hi^}]}],"
        + "^systemInstruction^:{^parts^:[{^text^:^You are terse.^},{^text^:^Answer in French.^}]},"
        + "^generationConfig^:{^stopSequences^:[^END^,^STOP^],^maxOutputTokens^:256,"
        + "^temperature^:0.7,^topP^:0.9,^topK^:40,^seed^:42}}"));
    // The same values as Google's own types read them.
    GenerateContentRequest p = encodeProto(r);
    assertThat(p.getGenerationConfig().getMaxOutputTokens()).isEqualTo(256);
    assertThat(p.getGenerationConfig().getTopK()).isEqualTo(40);
    assertThat(p.getGenerationConfig().getStopSequencesList()).containsExactly("END", "STOP");
    assertThat(p.getSystemInstruction().getPartsCount()).isEqualTo(2);
    assertThat(p.getModel()).isEmpty(); // the model goes in the URL path
  }

  @Test
  void multiTurn_withToolCallAndItsResult() throws Exception {
    ChatRequest r = request()
        .tool("get_weather", "Current weather", "{\"type\":\"object\",\"properties\":"
            + "{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}")
        .user("Weather in Paris?")
        .message(assistant(text("Let me check."),
            call("call_1", "get_weather", "{\"city\":\"Paris\"}")))
        .message(user(result("call_1", "get_weather", "18°C, cloudy")))
        .message(assistant(text("It is 18°C and cloudy.")))
        .user("Thanks!")
        .build();

    JsonNode body = encode(r);

    assertThat(body.get("contents")).isEqualTo(json("[{^role^:^user^,^parts^:[{^text^:"
        + "^Weather in Paris?^}]},{^role^:^model^,^parts^:[{^text^:^Let me check.^},"
        + "{^functionCall^:{^name^:^get_weather^,^args^:{^city^:^Paris^}},"
        + "^thoughtSignature^:^" + SIG + "^}]},"
        + "{^role^:^user^,^parts^:[{^functionResponse^:{^name^:^get_weather^,^response^:"
        + "{^result^:^18°C, cloudy^}}}]},"
        + "{^role^:^model^,^parts^:[{^text^:^It is 18°C and cloudy.^}]},"
        + "{^role^:^user^,^parts^:[{^text^:^Thanks!^}]}]"));
    assertThat(body.get("tools")).isEqualTo(json("[{^functionDeclarations^:[{^name^:"
        + "^get_weather^,^description^:^Current weather^,^parametersJsonSchema^:{^type^:"
        + "^object^,^properties^:{^city^:{^type^:^string^}},^required^:[^city^]}}]}]"));
    // No ids on either side: Gemini pairs calls and responses by name and order.
    assertThat(body.toString()).doesNotContain("call_1");
  }

  @Test
  void parallelCalls_stayInOneModelContent_andTheirResultsInOneUserContent() throws Exception {
    ChatRequest r = request()
        .tool("get_weather", null, "{\"type\":\"object\"}")
        .tool("get_time", null, null)
        .user("Weather and time in Paris and Tokyo?")
        .message(assistant(call("a", "get_weather", "{\"city\":\"Paris\"}"),
            call("b", "get_weather", "{\"city\":\"Tokyo\"}"), call("c", "get_time", "")))
        // Results as an OpenAI client sends them: one message per result.
        .message(user(result("a", "get_weather", "18°C")))
        .message(user(result("b", null, "25°C")))
        .message(user(new Part.ToolResult("c", null, List.of(text("09:00")), false)))
        .build();

    JsonNode contents = encode(r).get("contents");

    assertThat(contents).hasSize(3);
    assertThat(contents.get(1)).isEqualTo(json("{^role^:^model^,^parts^:["
        + "{^functionCall^:{^name^:^get_weather^,^args^:{^city^:^Paris^}},"
        + "^thoughtSignature^:^" + SIG + "^},"
        + "{^functionCall^:{^name^:^get_weather^,^args^:{^city^:^Tokyo^}},"
        + "^thoughtSignature^:^" + SIG + "^},"
        + "{^functionCall^:{^name^:^get_time^,^args^:{}},^thoughtSignature^:^" + SIG + "^}]}"));
    // Names missing from results are found through the call ids.
    assertThat(contents.get(2)).isEqualTo(json("{^role^:^user^,^parts^:["
        + "{^functionResponse^:{^name^:^get_weather^,^response^:{^result^:^18°C^}}},"
        + "{^functionResponse^:{^name^:^get_weather^,^response^:{^result^:^25°C^}}},"
        + "{^functionResponse^:{^name^:^get_time^,^response^:{^result^:^09:00^}}}]}"));
  }

  @Test
  void failedToolResult_isSentUnderError_andMultiTextResultsAreJoined() throws Exception {
    ChatRequest r = request().tool("run", "", null).user("go")
        .message(assistant(call("x", "run", "{}")))
        .message(user(new Part.ToolResult("x", "run", List.of(text("exit 1"), text("no such file")),
            true)))
        .build();

    assertThat(encode(r).get("contents").get(2).get("parts").get(0)).isEqualTo(json(
        "{^functionResponse^:{^name^:^run^,^response^:{^error^:^exit 1\\nno such file^}}}"));
  }

  @Test
  void consecutiveTurns_mergeAfterDroppingThinkingAndEmptyText() throws Exception {
    ChatRequest r = request()
        .user("one")
        .user("two")
        .message(assistant(new Part.Thinking("hmm", "sig", false), text("")))
        .user("three")
        .message(assistant(new Part.Thinking("hmm", "sig", false), text("answer")))
        .build();

    assertThat(encode(r).get("contents")).isEqualTo(json("[{^role^:^user^,^parts^:["
        + "{^text^:^one^},{^text^:^two^},{^text^:^three^}]},"
        + "{^role^:^model^,^parts^:[{^text^:^answer^}]}]"));
  }

  @Test
  void images_inlineWithTheirType_sniffedWhenUntyped_andGeminiFilesByUri() throws Exception {
    ChatRequest r = request()
        .message(user(text("What is this?"), new Part.Image("image/webp", "UklGRg==", null),
            new Part.Image(null, PNG, null),
            new Part.Image("application/pdf",
                null, "https://generativelanguage.googleapis.com/v1beta/files/abc-123")))
        .build();

    assertThat(encode(r).get("contents").get(0).get("parts")).isEqualTo(json("["
        + "{^text^:^What is this?^},"
        + "{^inlineData^:{^mimeType^:^image/webp^,^data^:^UklGRg==^}},"
        + "{^inlineData^:{^mimeType^:^image/png^,^data^:^" + PNG + "^}},"
        + "{^fileData^:{^mimeType^:^application/pdf^,^fileUri^:"
        + "^https://generativelanguage.googleapis.com/v1beta/files/abc-123^}}]"));
  }

  @Test
  void dataUrl_isSentInline() throws Exception {
    ChatRequest r = request().message(user(
        new Part.Image(null, null, "data:image/png;base64," + PNG),
        new Part.Image(null, null, "data:;base64," + PNG))).build();

    JsonNode parts = encode(r).get("contents").get(0).get("parts");
    assertThat(parts.get(0)).isEqualTo(json(
        "{^inlineData^:{^mimeType^:^image/png^,^data^:^" + PNG + "^}}"));
    assertThat(parts.get(1)).isEqualTo(parts.get(0)); // untyped: sniffed
  }

  @Test
  void sniff_recognisesCommonTypes() {
    assertThat(GeminiRequestEncoder.sniff(PNG)).isEqualTo("image/png");
    assertThat(GeminiRequestEncoder.sniff("/9j/4AAQSkZJRgABAQ")).isEqualTo("image/jpeg");
    assertThat(GeminiRequestEncoder.sniff("R0lGODlhAQABAIAAAP")).isEqualTo("image/gif");
    assertThat(GeminiRequestEncoder.sniff("UklGRiQAAABXRUJQVlA4")).isEqualTo("image/webp");
    assertThat(GeminiRequestEncoder.sniff("JVBERi0xLjQKJ")).isEqualTo("application/pdf");
    assertThat(GeminiRequestEncoder.sniff("aGVsbG8gd29ybGQ=")).isNull();
    assertThat(GeminiRequestEncoder.sniff("!!not base64!!")).isNull();
  }

  @Test
  void imageUrl_isUnsupported() {
    ChatRequest r = request().message(user(text("look"),
        new Part.Image(null, null, "https://example.com/cat.png"))).build();

    assertThatThrownBy(() -> ENCODER.encode(r, "gemini-2.5-flash"))
        .isInstanceOf(UnsupportedRequestException.class)
        .hasMessageContaining("not by URL")
        .extracting(e -> ((UnsupportedRequestException) e).param())
        .isEqualTo("messages[0].content[1]");
  }

  @Test
  void untypedUnknownInlineData_isUnsupported() {
    ChatRequest r = request().message(user(new Part.Image(null, "aGVsbG8=", null))).build();

    assertThatThrownBy(() -> ENCODER.encode(r, "m"))
        .isInstanceOf(UnsupportedRequestException.class).hasMessageContaining("media type");
  }

  @Test
  void toolResultWithoutAName_namesTheCallId() {
    ChatRequest r = request().user("go")
        .message(user(result("call_missing", null, "done"))).build();

    assertThatThrownBy(() -> ENCODER.encode(r, "m"))
        .isInstanceOf(UnsupportedRequestException.class)
        .hasMessageContaining("call_missing");
  }

  @Test
  void imageInsideAToolResult_isUnsupported() {
    ChatRequest r = request().user("go").message(assistant(call("s", "shot", "{}")))
        .message(user(new Part.ToolResult("s", "shot",
            List.of(new Part.Image("image/png", PNG, null)), false)))
        .build();

    assertThatThrownBy(() -> ENCODER.encode(r, "m"))
        .isInstanceOf(UnsupportedRequestException.class).hasMessageContaining("text only");
  }

  @Test
  void toolDescription_isRequiredByTheProto_soNullBecomesEmpty() throws Exception {
    JsonNode body = encode(request().tool("noop", null, null).user("x").build());

    assertThat(body.get("tools")).isEqualTo(json(
        "[{^functionDeclarations^:[{^name^:^noop^,^description^:^^}]}]"));
    assertThat(body.has("toolConfig")).isFalse();
  }

  @Test
  void toolChoice_mapsToFunctionCallingModes() throws Exception {
    RequestBuilder base = request().tool("a", "A", null).tool("b", "B", null).user("x");

    assertThat(encodeProto(base.toolChoice(new ToolChoice(ToolChoice.Mode.AUTO, null)).build())
        .getToolConfig().getFunctionCallingConfig().getMode())
        .isEqualTo(FunctionCallingConfig.Mode.AUTO);
    assertThat(encodeProto(base.toolChoice(new ToolChoice(ToolChoice.Mode.ANY, null)).build())
        .getToolConfig().getFunctionCallingConfig().getMode())
        .isEqualTo(FunctionCallingConfig.Mode.ANY);
    assertThat(encodeProto(base.toolChoice(new ToolChoice(ToolChoice.Mode.NONE, null)).build())
        .getToolConfig().getFunctionCallingConfig().getMode())
        .isEqualTo(FunctionCallingConfig.Mode.NONE);
    assertThat(encode(base.toolChoice(new ToolChoice(ToolChoice.Mode.TOOL, "b")).build())
        .get("toolConfig")).isEqualTo(json(
            "{^functionCallingConfig^:{^mode^:^ANY^,^allowedFunctionNames^:[^b^]}}"));
  }

  @Test
  void toolChoiceWithoutTools_isLeftOut() throws Exception {
    JsonNode body = encode(request().user("x")
        .toolChoice(new ToolChoice(ToolChoice.Mode.NONE, null)).build());

    assertThat(body.has("toolConfig")).isFalse();
    assertThat(body.has("tools")).isFalse();
  }

  @Test
  void jsonSchema_setsMimeTypeAndSchema_jsonObject_onlyTheMimeType() throws Exception {
    String schema = "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"integer\","
        + "\"minimum\":0}},\"required\":[\"answer\"],\"additionalProperties\":false}";
    JsonNode withSchema = encode(request().user("x").responseFormat(
        new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "result", schema, true)).build());
    JsonNode object = encode(request().user("x").responseFormat(
        new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, false)).build());
    JsonNode plain = encode(request().user("x").responseFormat(
        new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, false)).build());

    assertThat(withSchema.get("generationConfig")).isEqualTo(json(
        "{^responseMimeType^:^application/json^,^responseJsonSchema^:" + schema + "}"));
    assertThat(encodeProto(request().user("x").responseFormat(
        new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "result", schema, true)).build())
        .getGenerationConfig().getResponseJsonSchemaOrdered().getStructValue()
        .getFieldsMap()).containsKeys("type", "properties", "required");
    assertThat(object.get("generationConfig")).isEqualTo(json(
        "{^responseMimeType^:^application/json^}"));
    assertThat(plain.has("generationConfig")).isFalse();
  }

  @Test
  void parallelToolCallsAndUser_areDropped() throws Exception {
    JsonNode body = encode(request().tool("a", "A", null).user("x").parallelToolCalls(false)
        .endUser("user-1234").build());

    assertThat(body.toString()).doesNotContain("parallel").doesNotContain("user-1234");
  }

  @Test
  void blankArguments_becomeAnEmptyObject_andArgumentsAreReserialized() throws Exception {
    JsonNode body = encode(request().user("x")
        .message(assistant(call("1", "a", "  "), call("2", "b", " {\"n\": 1.50, \"s\": [1, 2]} ")))
        .message(user(result("1", "a", "ok"), result("2", "b", "ok"))).build());

    JsonNode parts = body.get("contents").get(1).get("parts");
    assertThat(parts.get(0).get("functionCall").get("args")).isEqualTo(json("{}"));
    assertThat(parts.get(1).get("functionCall").get("args")).isEqualTo(json(
        "{^n^:1.5,^s^:[1,2]}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"city\":", "[1,2]", "\"Paris\"", "{} {}"})
  void argumentsThatAreNotOneJsonObject_areUnsupported(String args) {
    ChatRequest r = request().user("x").message(assistant(call("id7", "a", args))).build();

    assertThatThrownBy(() -> ENCODER.encode(r, "m"))
        .isInstanceOf(UnsupportedRequestException.class)
        .hasMessageContaining("id7");
  }

  @Test
  void malformedSchema_isUnsupported() {
    ChatRequest r = request().tool("a", "A", "{\"type\":").user("x").build();

    assertThatThrownBy(() -> ENCODER.encode(r, "m"))
        .isInstanceOf(UnsupportedRequestException.class)
        .extracting(e -> ((UnsupportedRequestException) e).param())
        .isEqualTo("tools[0].parameters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"get.weather", "ns:tool", "with space", "",
      "a234567890123456789012345678901234567890123456789012345678901234x"})
  void invalidFunctionNames_areUnsupported(String name) {
    ChatRequest r = request().tool(name, "d", null).user("x").build();

    assertThatThrownBy(() -> ENCODER.encode(r, "m"))
        .isInstanceOf(UnsupportedRequestException.class)
        .hasMessageContaining("function names");
  }

  @Test
  void sixtyFourCharacterName_isAccepted() throws Exception {
    String name = "a".repeat(32) + "_-" + "Z9".repeat(15);
    assertThat(name).hasSize(64);

    assertThat(encode(request().tool(name, "d", null).user("x").build()).get("tools").toString())
        .contains(name);
  }

  @Test
  void invalidNameInAHistoricalCall_isUnsupportedToo() {
    ChatRequest r = request().user("x").message(assistant(call("1", "bad name", "{}"))).build();

    assertThatThrownBy(() -> ENCODER.encode(r, "m"))
        .isInstanceOf(UnsupportedRequestException.class)
        .extracting(e -> ((UnsupportedRequestException) e).param())
        .isEqualTo("messages[1].content[0].name");
  }

  @Test
  void atMostFiveStopSequences() throws Exception {
    assertThat(encode(request().user("x").stop("1", "2", "3", "4", "5").build())
        .get("generationConfig").get("stopSequences")).hasSize(5);
    assertThatThrownBy(() -> ENCODER.encode(
        request().user("x").stop("1", "2", "3", "4", "5", "6").build(), "m"))
        .isInstanceOf(UnsupportedRequestException.class)
        .hasMessageContaining("at most 5");
  }

  @Test
  void seed_outsideInt32_isFoldedDeterministically() throws Exception {
    long wide = (1L << 40) + 5;
    int folded = GeminiRequestEncoder.int32Seed(wide);

    assertThat(GeminiRequestEncoder.int32Seed(-7)).isEqualTo(-7);
    assertThat(folded).isEqualTo(GeminiRequestEncoder.int32Seed(wide))
        .isNotEqualTo(GeminiRequestEncoder.int32Seed(wide + 1));
    assertThat(encodeProto(request().user("x").seed(wide).build()).getGenerationConfig()
        .getSeed()).isEqualTo(folded);
  }

  @Test
  void noMessageWithContent_isUnsupported() {
    assertThatThrownBy(() -> ENCODER.encode(request().build(), "m"))
        .isInstanceOf(UnsupportedRequestException.class);
    assertThatThrownBy(() -> ENCODER.encode(request()
        .message(assistant(new Part.Thinking("t", null, false))).build(), "m"))
        .isInstanceOf(UnsupportedRequestException.class);
  }
}
