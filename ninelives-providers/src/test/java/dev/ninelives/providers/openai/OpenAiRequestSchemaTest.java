package dev.ninelives.providers.openai;

import static dev.ninelives.providers.openai.CodecTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.Message;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.ResponseFormat;
import dev.ninelives.core.model.Role;
import dev.ninelives.core.model.Tool;
import dev.ninelives.core.model.ToolChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden test: what {@link OpenAiRequestEncoder} writes validates against
 * {@code CreateChatCompletionRequest} of OpenAI's own OpenAPI spec, kept in
 * {@code shared/specs/openai/openapi.yaml} beside the repository. References
 * ({@code #/components/schemas/…}) are resolved against the whole document.
 */
class OpenAiRequestSchemaTest {
  private static final String SPEC_URI = "https://spec.ninelives.invalid/openai/openapi.json";
  private static JsonSchema requestSchema;

  /** The repository root is the module's parent; shared/ sits beside the repository. */
  static Path specPath() {
    Path moduleDir = Paths.get("").toAbsolutePath();
    Path repoRoot = moduleDir.getParent();
    return repoRoot.resolve("../shared/specs/openai/openapi.yaml").normalize();
  }

  @BeforeAll
  static void loadSpec() throws Exception {
    Path spec = specPath();
    if (!Files.isRegularFile(spec)) {
      String where = "the OpenAI OpenAPI spec was not found at " + spec;
      if ("true".equals(System.getenv("CI"))) {
        fail(where + " (CI=true: the golden request test must run)");
      }
      Assumptions.assumeTrue(false, where + "; skipping the golden request test");
    }
    JsonNode document = new YAMLMapper().readTree(spec.toFile());
    String json = JsonMapper.builder().build().writeValueAsString(document);
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
        builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(SPEC_URI, json))));
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
    requestSchema = factory.getSchema(
        SchemaLocation.of(SPEC_URI + "#/components/schemas/CreateChatCompletionRequest"), config);
    requestSchema.initializeValidators(); // resolve every reference now, not lazily
  }

  private static Set<ValidationMessage> validate(byte[] body) throws Exception {
    return requestSchema.validate(CodecTestSupport.tree(body));
  }

  static Stream<Arguments> encodedRequests() {
    ChatRequest minimal = ChatRequest.of("m", List.of(Message.user("hi")));
    ChatRequest toolOnlyTurn = ChatRequest.of("m", List.of(Message.user("go"),
        new Message(Role.ASSISTANT, List.of(new Part.ToolCall("c1", "f", "{}"))),
        new Message(Role.USER, List.of(new Part.ToolResult("c1", "f",
            List.of(new Part.Text("done")), false)))));
    ChatRequest thinkingOnly = ChatRequest.of("m", List.of(Message.user("q"),
        new Message(Role.ASSISTANT, List.of(new Part.Thinking("hmm", "sig", false))),
        new Message(Role.USER, List.of())));
    ChatRequest formats = new ChatRequest("m", List.of(), List.of(Message.user("hi")),
        List.of(new Tool("f", "d", "{\"type\":\"object\",\"properties\":{}}")),
        new ToolChoice(ToolChoice.Mode.ANY, null), true,
        new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, false), List.of("x"),
        1, 0.0, 1.0, 5, -3L, true, true, null, List.of());
    return Stream.of(
        Arguments.of("rich", OpenAiRequestEncoderTest.rich(false)),
        Arguments.of("rich, streaming", OpenAiRequestEncoderTest.rich(true)),
        Arguments.of("minimal", minimal),
        Arguments.of("tool-only assistant turn", toolOnlyTurn),
        Arguments.of("thinking-only turn and empty user turn", thinkingOnly),
        Arguments.of("json_object, required tool, streaming", formats));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodedRequests")
  void encodedRequests_validateAgainstTheSpec(String name, ChatRequest request)
      throws Exception {
    byte[] body = new OpenAiRequestEncoder().encode(request, "gpt-4.1");
    assertThat(validate(body)).as(name + ": " + CodecTestSupport.text(body)).isEmpty();
  }

  /** Requests an OpenAI client sent, through the decoder and back out, validate too. */
  @Test
  void aDecodedClientRequest_reencoded_validates() throws Exception {
    byte[] client = bytes("""
        {"model":"gpt-4.1","messages":[
          {"role":"developer","content":"Be brief."},
          {"role":"user","content":[{"type":"text","text":"What is this?"},
            {"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}}]},
          {"role":"assistant","content":"","refusal":"No.","tool_calls":[
            {"id":"call_a","type":"function","function":{"name":"lookup","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"call_a","content":[{"type":"text","text":"one"}]}],
         "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"},
           "strict":true}}],
         "tool_choice":{"type":"function","function":{"name":"lookup"}},
         "response_format":{"type":"json_schema","json_schema":{"name":"out","strict":true,
           "schema":{"type":"object"}}},
         "max_tokens":50,"logprobs":true,"n":1}""");
    assertThat(validate(client)).as("the client's own body is valid").isEmpty();
    ChatRequest decoded = new OpenAiRequestDecoder().decode(client);
    assertThat(validate(new OpenAiRequestEncoder().encode(decoded, "gpt-4.1"))).isEmpty();
  }

  /** The validator really checks: bodies OpenAI would reject fail. */
  @Test
  void invalidBodies_fail() throws Exception {
    assertThat(validate(bytes("{\"model\":\"m\",\"messages\":[]}")))
        .as("messages needs at least one item").isNotEmpty();
    assertThat(validate(bytes("{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\","
        + "\"content\":\"hi\"}]}"))).as("unknown role").isNotEmpty();
    assertThat(validate(bytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"hi\"}],\"temperature\":5}"))).as("temperature above 2").isNotEmpty();
    assertThat(validate(bytes("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\","
        + "\"content\":\"x\"}]}"))).as("tool message without tool_call_id").isNotEmpty();
    assertThat(validate(bytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"hi\"}],\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}")))
        .as("five stop sequences").isNotEmpty();
    assertThat(validate(bytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{}}]}")))
        .as("function without a name").isNotEmpty();
  }
}
