package dev.ninelives.providers.openai;

import static dev.ninelives.providers.openai.CodecTestSupport.bytes;
import static dev.ninelives.providers.openai.CodecTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.Message;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.ResponseFormat;
import dev.ninelives.core.model.Role;
import dev.ninelives.core.model.Tool;
import dev.ninelives.core.model.ToolChoice;
import dev.ninelives.providers.codec.UnsupportedRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiRequestEncoderTest {
  private final OpenAiRequestEncoder encoder = new OpenAiRequestEncoder();
  private final OpenAiRequestDecoder decoder = new OpenAiRequestDecoder();

  /** A request as an Anthropic client's would arrive in canonical form: every feature. */
  static ChatRequest rich(boolean stream) {
    return new ChatRequest("claude-sonnet-4-5",
        List.of(new Part.Text("You are terse."), new Part.Text("Use metric units.")),
        List.of(
            new Message(Role.USER, List.of(new Part.Text("What's on this picture, and the "
                + "weather there?"), new Part.Image("image/png", "iVBORw0KGgo=", null),
                new Part.Image(null, null, "https://example.com/paris.jpg"))),
            new Message(Role.ASSISTANT, List.of(
                new Part.Thinking("The user wants weather.", "sig-abc", false),
                new Part.Text("Checking."),
                new Part.ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"),
                new Part.ToolCall("toolu_2", "get_time", "{\"city\":\"Paris\",\"tz\":true}"))),
            new Message(Role.USER, List.of(
                new Part.ToolResult("toolu_1", "get_weather",
                    List.of(new Part.Text("18C"), new Part.Text("sunny")), false),
                new Part.ToolResult("toolu_2", "get_time", List.of(), true),
                new Part.Text("Also, is it a good day for a walk?"))),
            new Message(Role.ASSISTANT, List.of(new Part.Text("Yes."),
                new Part.Text(" A fine day."))),
            new Message(Role.USER, List.of(new Part.Text("Thanks")))),
        List.of(new Tool("get_weather", "Current weather",
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                    + "\"required\":[\"city\"]}"),
            new Tool("get_time", null, null)),
        new ToolChoice(ToolChoice.Mode.TOOL, "get_weather"), false,
        new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, null,
            "{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}", true),
        List.of("END", "STOP"), 1024, 0.7, 0.95, 40, 42L, stream, false, "user-7", List.of());
  }

  private JsonNode encode(ChatRequest r) throws Exception {
    return tree(encoder.encode(r, "gpt-4.1-mini"));
  }

  @Test
  void richRequest_fieldByField() throws Exception {
    JsonNode body = encode(rich(false));
    assertThat(body).isEqualTo(tree("""
        {"model":"gpt-4.1-mini",
         "messages":[
          {"role":"system","content":"You are terse.\\n\\nUse metric units."},
          {"role":"user","content":[
            {"type":"text","text":"What's on this picture, and the weather there?"},
            {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
            {"type":"image_url","image_url":{"url":"https://example.com/paris.jpg"}}]},
          {"role":"assistant","content":"Checking.","tool_calls":[
            {"id":"toolu_1","type":"function",
             "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
            {"id":"toolu_2","type":"function",
             "function":{"name":"get_time","arguments":"{\\"city\\":\\"Paris\\",\\"tz\\":true}"}}]},
          {"role":"tool","tool_call_id":"toolu_1","content":"18C\\nsunny"},
          {"role":"tool","tool_call_id":"toolu_2","content":""},
          {"role":"user","content":"Also, is it a good day for a walk?"},
          {"role":"assistant","content":[{"type":"text","text":"Yes."},
                                         {"type":"text","text":" A fine day."}]},
          {"role":"user","content":"Thanks"}],
         "tools":[
          {"type":"function","function":{"name":"get_weather","description":"Current weather",
            "parameters":{"type":"object","properties":{"city":{"type":"string"}},
                          "required":["city"]}}},
          {"type":"function","function":{"name":"get_time"}}],
         "tool_choice":{"type":"function","function":{"name":"get_weather"}},
         "parallel_tool_calls":false,
         "response_format":{"type":"json_schema","json_schema":{"name":"response",
           "schema":{"type":"object","properties":{"ok":{"type":"boolean"}}},"strict":true}},
         "max_completion_tokens":1024,
         "stop":["END","STOP"],
         "temperature":0.7,
         "top_p":0.95,
         "seed":42,
         "user":"user-7"}"""));
    String raw = CodecTestSupport.text(encoder.encode(rich(false), "m"));
    assertThat(raw).doesNotContain("The user wants weather").doesNotContain("sig-abc")
        .doesNotContain("top_k").doesNotContain("\"max_tokens\"").doesNotContain("stream");
  }

  @Test
  void streaming_alwaysAsksForUsage() throws Exception {
    ChatRequest r = rich(true);
    assertThat(r.includeUsage()).isFalse();
    JsonNode body = encode(r);
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.get("stream_options")).isEqualTo(tree("{\"include_usage\":true}"));
  }

  @Test
  void noSystem_noTools_minimalBody() throws Exception {
    JsonNode body = encode(ChatRequest.of("x", List.of(Message.user("hi"))));
    assertThat(body).isEqualTo(tree(
        "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
  }

  @Test
  void toolChoiceAndParallelCalls_areLeftOutWithoutTools() throws Exception {
    ChatRequest r = new ChatRequest("x", List.of(), List.of(Message.user("hi")), List.of(),
        new ToolChoice(ToolChoice.Mode.NONE, null), true, null, List.of(), null, null, null,
        null, null, false, false, null, List.of());
    JsonNode body = encode(r);
    assertThat(body.has("tool_choice")).isFalse();
    assertThat(body.has("parallel_tool_calls")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"AUTO, auto", "ANY, required", "NONE, none"})
  void toolChoiceModes(ToolChoice.Mode mode, String wire) throws Exception {
    ChatRequest r = new ChatRequest("x", List.of(), List.of(Message.user("hi")),
        List.of(new Tool("f", null, "{\"type\":\"object\"}")), new ToolChoice(mode, null), null,
        null, List.of(), null, null, null, null, null, false, false, null, List.of());
    assertThat(encode(r).get("tool_choice").asText()).isEqualTo(wire);
  }

  @Test
  void responseFormats_andSchemaNames() throws Exception {
    assertThat(encode(withFormat(new ResponseFormat(ResponseFormat.Kind.TEXT, null, null,
        false))).get("response_format")).isEqualTo(tree("{\"type\":\"text\"}"));
    assertThat(encode(withFormat(new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null,
        false))).get("response_format")).isEqualTo(tree("{\"type\":\"json_object\"}"));
    assertThat(encode(withFormat(new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA,
        "my schema/v2", "{}", false))).get("response_format")).isEqualTo(tree(
        "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"my_schema_v2\",\"schema\":{}}}"));
    assertThat(OpenAiRequestEncoder.schemaName("x".repeat(100))).hasSize(64);
  }

  private static ChatRequest withFormat(ResponseFormat f) {
    return new ChatRequest("x", List.of(), List.of(Message.user("hi")), List.of(), null, null,
        f, List.of(), null, null, null, null, null, false, false, null, List.of());
  }

  @Test
  void imagesInToolResults_areUnsupported() {
    ChatRequest r = ChatRequest.of("x", List.of(new Message(Role.USER, List.of(
        new Part.Text("see"),
        new Part.ToolResult("t1", "shot", List.of(new Part.Image("image/png", "AAAA", null)),
            false)))));
    UnsupportedRequestException e = catchThrowableOfType(UnsupportedRequestException.class,
        () -> encoder.encode(r, "m"));
    assertThat(e).isNotNull();
    assertThat(e.param()).isEqualTo("messages[0].content[1]");
  }

  @Test
  void moreThanFourStopSequences_areUnsupported() {
    ChatRequest r = new ChatRequest("x", List.of(), List.of(Message.user("hi")), List.of(),
        null, null, null, List.of("a", "b", "c", "d", "e"), null, null, null, null, null, false,
        false, null, List.of());
    UnsupportedRequestException e = catchThrowableOfType(UnsupportedRequestException.class,
        () -> encoder.encode(r, "m"));
    assertThat(e).isNotNull();
    assertThat(e.param()).isEqualTo("stop");
  }

  @Test
  void anAssistantTurnOfOnlyToolCalls_hasNullContent() throws Exception {
    ChatRequest r = ChatRequest.of("x", List.of(Message.user("go"),
        new Message(Role.ASSISTANT, List.of(new Part.ToolCall("c", "f", "{}")))));
    JsonNode assistant = encode(r).get("messages").get(1);
    assertThat(assistant.get("content").isNull()).isTrue();
    assertThat(assistant.get("tool_calls")).hasSize(1);
  }

  /** OpenAI body → canonical → OpenAI body → canonical changes nothing the model carries. */
  @Test
  void roundTrip_throughTheDecoder() throws Exception {
    String original = """
        {"model":"gpt-4.1","messages":[
          {"role":"system","content":"Be brief."},
          {"role":"user","content":[{"type":"text","text":"What is this?"},
            {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}}]},
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"call_a","type":"function","function":{"name":"lookup","arguments":"{\\"q\\":1}"}},
            {"id":"call_b","type":"function","function":{"name":"lookup","arguments":"{\\"q\\":2}"}}]},
          {"role":"tool","tool_call_id":"call_a","content":"one"},
          {"role":"tool","tool_call_id":"call_b","content":"two"},
          {"role":"assistant","content":"Done."},
          {"role":"user","content":"ok"}],
         "tools":[{"type":"function","function":{"name":"lookup","description":"Look up",
           "parameters":{"type":"object","properties":{"q":{"type":"integer"}}}}}],
         "tool_choice":"auto","parallel_tool_calls":true,
         "response_format":{"type":"json_object"},
         "max_completion_tokens":300,"stop":["\\n\\n"],"temperature":1.2,"top_p":0.5,
         "seed":7,"user":"u","stream":true,"stream_options":{"include_usage":true}}""";
    ChatRequest once = decoder.decode(bytes(original));
    byte[] encoded = encoder.encode(once, "gpt-4.1");
    ChatRequest twice = decoder.decode(encoded);
    assertThat(twice).isEqualTo(once);
    assertThat(tree(encoded).get("messages")).isEqualTo(tree(original).get("messages"));
  }
}
