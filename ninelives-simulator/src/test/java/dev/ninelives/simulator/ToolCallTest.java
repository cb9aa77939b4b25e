package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.ai.generativelanguage.v1beta.Candidate;
import com.google.ai.generativelanguage.v1beta.GenerateContentResponse;
import com.google.genai.Client;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.Schema;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tool calling in all seven dialects: a user message with declared tools gets a call of the first
 * tool (the first two for "parallel"), and a message of tool results gets "Tool results: ...". The
 * official SDKs validate every shape, and each SDK does a call and result round trip.
 */
class ToolCallTest {
  private static final String ASK = "Find the release notes";
  private static final String ASK_PARALLEL = "Look these up in parallel";

  private static Vertx vertx;
  private final SimClient client = new SimClient();
  private SimulatedProvider p;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @AfterEach
  void closeProvider() {
    if (p != null) {
      p.close();
    }
  }

  private SimulatedProvider start(Dialect d) {
    p = SimulatedProvider.builder("t").dialect(d).reply("Plain text reply").vertx(vertx).start();
    return p;
  }

  // ---------------------------------------------------------------- OpenAI family

  private static String openAiBody(boolean stream, String text, String extra) {
    return "{\"model\":\"m\",\"stream\":" + stream + extra + ",\"tools\":["
        + "{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\","
        + "\"properties\":{\"q\":{\"type\":\"string\"}}}}},"
        + "{\"type\":\"function\",\"function\":{\"name\":\"weather\",\"parameters\":{\"type\":\"object\","
        + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}],"
        + "\"messages\":[{\"role\":\"system\",\"content\":\"Use tools.\"},{\"role\":\"user\",\"content\":\""
        + text + "\"}]}";
  }

  private ChatCompletion openAiWhole(String body) throws Exception {
    ChatCompletion c = ObjectMappers.jsonMapper().readValue(client.post(SimClient.chatUrl(p), body).body(),
        ChatCompletion.class);
    c.validate();
    return c;
  }

  /** The stream's chunks, each validated by the SDK; Azure's choice-less prompt-filter chunk is left out. */
  private List<JsonNode> openAiChunks(String body) throws Exception {
    List<JsonNode> chunks = new ArrayList<>();
    for (JsonNode e : SimClient.events(client.post(SimClient.chatUrl(p), body).body())) {
      if (e.has("prompt_filter_results") && e.path("choices").size() == 0) {
        continue;
      }
      ObjectMappers.jsonMapper().treeToValue(e, ChatCompletionChunk.class).validate();
      chunks.add(e);
    }
    return chunks;
  }

  private static List<ChatCompletionMessageFunctionToolCall> calls(ChatCompletion c) {
    List<ChatCompletionMessageFunctionToolCall> calls = new ArrayList<>();
    c.choices().get(0).message().toolCalls().orElseThrow().forEach(t -> calls.add(t.asFunction()));
    return calls;
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, mode = EnumSource.Mode.EXCLUDE, names = {"ANTHROPIC", "GEMINI"})
  void openAiFamilyCallsTheFirstTool(Dialect d) throws Exception {
    start(d);

    ChatCompletion c = openAiWhole(openAiBody(false, ASK, ""));

    List<ChatCompletionMessageFunctionToolCall> calls = calls(c);
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).id()).isEqualTo("call_sim_1");
    assertThat(calls.get(0).function().name()).isEqualTo("lookup");
    assertThat(SimClient.json(calls.get(0).function().arguments()).path("query").asText()).isEqualTo(ASK);
    assertThat(c.choices().get(0).message().content()).isEmpty();
    assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, mode = EnumSource.Mode.EXCLUDE, names = {"ANTHROPIC", "GEMINI"})
  void openAiFamilyCallsTheFirstTwoToolsForParallelNamingRequiredArguments(Dialect d) throws Exception {
    start(d);

    ChatCompletion both = openAiWhole(openAiBody(false, ASK_PARALLEL, ""));
    ChatCompletion one = openAiWhole(openAiBody(false, ASK_PARALLEL, ",\"parallel_tool_calls\":false"));

    List<ChatCompletionMessageFunctionToolCall> calls = calls(both);
    assertThat(calls).extracting(t -> t.function().name()).containsExactly("lookup", "weather");
    assertThat(calls).extracting(ChatCompletionMessageFunctionToolCall::id).containsExactly("call_sim_1", "call_sim_2");
    // The weather tool's schema requires "city", so that property carries the text.
    assertThat(SimClient.json(calls.get(1).function().arguments()).path("city").asText()).isEqualTo(ASK_PARALLEL);
    assertThat(calls(one)).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, mode = EnumSource.Mode.EXCLUDE, names = {"ANTHROPIC", "GEMINI"})
  void openAiFamilyStreamsCallsInPiecesToldApartByIndex(Dialect d) throws Exception {
    start(d);

    List<JsonNode> chunks = openAiChunks(openAiBody(true, ASK_PARALLEL, ""));

    Map<Integer, StringBuilder> arguments = new LinkedHashMap<>();
    Map<Integer, String> names = new LinkedHashMap<>();
    int pieces = 0;
    for (JsonNode chunk : chunks) {
      for (JsonNode call : chunk.path("choices").path(0).path("delta").path("tool_calls")) {
        int index = call.path("index").asInt();
        String args = call.path("function").path("arguments").asText();
        if (call.has("id")) {
          assertThat(call.path("id").asText()).startsWith("call_sim_");
          assertThat(call.path("type").asText()).isEqualTo("function");
          names.put(index, call.path("function").path("name").asText());
          if (d != Dialect.OLLAMA) {
            assertThat(args).isEmpty();
          }
        } else {
          assertThat(call.has("type")).isFalse();
          assertThat(call.path("function").has("name")).isFalse();
          assertThat(args.length()).isBetween(1, 4);
          pieces++;
        }
        arguments.computeIfAbsent(index, i -> new StringBuilder()).append(args);
      }
    }
    assertThat(names).containsExactly(Map.entry(0, "lookup"), Map.entry(1, "weather"));
    assertThat(SimClient.json(arguments.get(0).toString()).path("query").asText()).isEqualTo(ASK_PARALLEL);
    assertThat(SimClient.json(arguments.get(1).toString()).path("city").asText()).isEqualTo(ASK_PARALLEL);
    // Ollama sends each call whole, as the real server does; the others split the arguments.
    assertThat(pieces).isEqualTo(d == Dialect.OLLAMA ? 0 : (arguments.get(0).length() + 3) / 4
        + (arguments.get(1).length() + 3) / 4);
    JsonNode role = chunks.get(0).path("choices").path(0).path("delta");
    assertThat(role.path("role").asText()).isEqualTo("assistant");
    JsonNode finish = chunks.get(chunks.size() - 1).path("choices").path(0);
    assertThat(finish.path("finish_reason").asText()).isEqualTo("tool_calls");
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, mode = EnumSource.Mode.EXCLUDE, names = {"ANTHROPIC", "GEMINI"})
  void openAiFamilyAnswersToolResultsWithText(Dialect d) throws Exception {
    start(d);
    String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"weather\",\"arguments\":\"{}\"}},{\"id\":\"call_2\",\"type\":\"function\","
        + "\"function\":{\"name\":\"sky\",\"arguments\":\"{}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"18 degrees\"},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"call_2\",\"content\":[{\"type\":\"text\",\"text\":\"sunny\"}]}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"weather\"}}]}";

    ChatCompletion c = openAiWhole(body);

    assertThat(c.choices().get(0).message().content()).hasValue("Tool results: 18 degrees; sunny");
    assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
  }

  @Test
  void toolChoiceNoneOrANamedToolSteersTheAnswer() throws Exception {
    start(Dialect.OPENAI);

    ChatCompletion none = openAiWhole(openAiBody(false, ASK, ",\"tool_choice\":\"none\""));
    ChatCompletion named = openAiWhole(openAiBody(false, ASK_PARALLEL,
        ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"weather\"}}"));

    assertThat(none.choices().get(0).message().content()).hasValue("Plain text reply");
    assertThat(calls(named)).extracting(t -> t.function().name()).containsExactly("weather");
  }

  @Test
  void theOpenAiSdkDoesACallAndResultRoundTrip() {
    start(Dialect.OPENAI);
    OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(p.baseUrl()).apiKey("sk").responseValidation(true)
        .maxRetries(0).timeout(Duration.ofSeconds(5)).build();
    try {
      ChatCompletionCreateParams ask = ChatCompletionCreateParams.builder()
          .model("gpt-4o-mini")
          .addFunctionTool(FunctionDefinition.builder().name("weather")
              .parameters(FunctionParameters.builder()
                  .putAdditionalProperty("type", JsonValue.from("object"))
                  .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                  .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                  .build())
              .build())
          .addUserMessage("Oslo")
          .build();
      ChatCompletion call = sdk.chat().completions().create(ask);
      ChatCompletionMessageFunctionToolCall toolCall = calls(call).get(0);
      ChatCompletion answer = sdk.chat().completions().create(ask.toBuilder()
          .addMessage(call.choices().get(0).message())
          .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(toolCall.id()).content("3 degrees").build())
          .build());

      assertThat(toolCall.function().arguments()).isEqualTo("{\"city\":\"Oslo\"}");
      assertThat(answer.choices().get(0).message().content()).hasValue("Tool results: 3 degrees");
      assertThat(SimClient.json(p.recorded().get(1).body()).path("messages").path(1).path("tool_calls").path(0)
          .path("id").asText()).isEqualTo(toolCall.id());
    } finally {
      sdk.close();
    }
  }

  // ---------------------------------------------------------------- Anthropic

  private static String anthropicBody(boolean stream, String text, String extra) {
    return "{\"model\":\"claude-sim\",\"max_tokens\":100,\"stream\":" + stream + extra + ",\"tools\":["
        + "{\"name\":\"lookup\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}},"
        + "{\"name\":\"weather\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
        + "\"required\":[\"city\"]}}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}]}";
  }

  private String anthropicPost(String body) {
    return client.post(p.baseUrl() + "/v1/messages", body).body();
  }

  /** A tool_use block's input as the SDK read it. */
  private static JsonNode input(ToolUseBlock block) {
    try {
      return SimClient.json(com.anthropic.core.ObjectMappers.jsonMapper().writeValueAsString(block._input()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anthropicCallsTheFirstToolOrTheFirstTwo() throws Exception {
    start(Dialect.ANTHROPIC);

    Message one = AnthropicDialectTest.message(anthropicPost(anthropicBody(false, ASK, "")));
    Message two = AnthropicDialectTest.message(anthropicPost(anthropicBody(false, ASK_PARALLEL, "")));
    Message serial = AnthropicDialectTest.message(anthropicPost(anthropicBody(false, ASK_PARALLEL,
        ",\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":true}")));
    Message none = AnthropicDialectTest.message(anthropicPost(anthropicBody(false, ASK,
        ",\"tool_choice\":{\"type\":\"none\"}")));

    ToolUseBlock call = one.content().get(0).toolUse().orElseThrow();
    assertThat(call.id()).isEqualTo("toolu_sim_1");
    assertThat(call.name()).isEqualTo("lookup");
    assertThat(input(call).path("query").asText()).isEqualTo(ASK);
    assertThat(one.stopReason()).contains(StopReason.TOOL_USE);
    assertThat(two.content()).extracting(b -> b.toolUse().orElseThrow().name()).containsExactly("lookup", "weather");
    assertThat(input(two.content().get(1).toolUse().orElseThrow()).path("city").asText()).isEqualTo(ASK_PARALLEL);
    assertThat(serial.content()).hasSize(1);
    assertThat(none.content().get(0).text().orElseThrow().text()).isEqualTo("Plain text reply");
  }

  @Test
  void anthropicStreamsToolUseAsInputJsonDeltasOfAtMostFourCharacters() throws Exception {
    start(Dialect.ANTHROPIC);

    String body = anthropicPost(anthropicBody(true, ASK_PARALLEL, ""));
    List<RawMessageStreamEvent> events = AnthropicDialectTest.sdkEvents(body);

    Map<Long, StringBuilder> inputs = new LinkedHashMap<>();
    Map<Long, String> names = new LinkedHashMap<>();
    Map<Long, Integer> deltas = new LinkedHashMap<>();
    for (RawMessageStreamEvent e : events) {
      e.contentBlockStart().ifPresent(s -> {
        ToolUseBlock block = s.contentBlock().toolUse().orElseThrow();
        assertThat(block.id()).startsWith("toolu_sim_");
        assertThat(input(block).isObject()).isTrue();
        assertThat(input(block).size()).isZero();
        names.put(s.index(), block.name());
      });
      e.contentBlockDelta().ifPresent(dl -> {
        String piece = dl.delta().inputJson().orElseThrow().partialJson();
        int seen = deltas.merge(dl.index(), 1, Integer::sum);
        // The first piece is empty, as the real API often sends it; the others hold 1-4 characters.
        assertThat(piece.length()).isBetween(seen == 1 ? 0 : 1, seen == 1 ? 0 : 4);
        inputs.computeIfAbsent(dl.index(), i -> new StringBuilder()).append(piece);
      });
    }
    assertThat(names).containsExactly(Map.entry(0L, "lookup"), Map.entry(1L, "weather"));
    assertThat(SimClient.json(inputs.get(0L).toString()).path("query").asText()).isEqualTo(ASK_PARALLEL);
    assertThat(SimClient.json(inputs.get(1L).toString()).path("city").asText()).isEqualTo(ASK_PARALLEL);
    var delta = events.get(events.size() - 2).messageDelta().orElseThrow();
    assertThat(delta.delta().stopReason()).contains(StopReason.TOOL_USE);
    assertThat(Frames.names(body).subList(0, 3)).containsExactly("message_start", "content_block_start", "ping");
  }

  @Test
  void theAnthropicSdkDoesACallAndResultRoundTrip() {
    start(Dialect.ANTHROPIC);
    AnthropicClient sdk = AnthropicOkHttpClient.builder().baseUrl(p.baseUrl()).apiKey("k").maxRetries(0)
        .responseValidation(true).timeout(Duration.ofSeconds(5)).build();
    try {
      MessageCreateParams ask = MessageCreateParams.builder()
          .model("claude-sim")
          .maxTokens(200)
          .system("You use tools.")
          .addTool(Tool.builder().name("weather")
              .inputSchema(Tool.InputSchema.builder()
                  .properties(Tool.InputSchema.Properties.builder()
                      .putAdditionalProperty("city", com.anthropic.core.JsonValue.from(Map.of("type", "string")))
                      .build())
                  .required(List.of("city"))
                  .build())
              .build())
          .addUserMessage("Oslo")
          .build();
      Message call = sdk.messages().create(ask);
      ToolUseBlock use = call.content().get(0).toolUse().orElseThrow();
      Message answer = sdk.messages().create(ask.toBuilder()
          .addMessage(call)
          .addUserMessageOfContentBlockParams(List.of(
              ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId(use.id()).content("3 degrees")
                  .build()),
              ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId(use.id()).content("windy")
                  .build())))
          .build());

      assertThat(input(use).toString()).isEqualTo("{\"city\":\"Oslo\"}");
      assertThat(answer.content().get(0).text().orElseThrow().text()).isEqualTo("Tool results: 3 degrees; windy");
      assertThat(answer.stopReason()).contains(StopReason.END_TURN);
      assertThat(SimClient.json(p.recorded().get(0).body()).path("system").asText()).isEqualTo("You use tools.");
    } finally {
      sdk.close();
    }
  }

  // ---------------------------------------------------------------- Gemini

  private static String geminiBody(String text, String extra) {
    return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + text + "\"}]}],\"tools\":[{"
        + "\"functionDeclarations\":[{\"name\":\"lookup\",\"description\":\"d\",\"parameters\":{\"type\":\"OBJECT\","
        + "\"properties\":{\"q\":{\"type\":\"STRING\"}}}},{\"name\":\"weather\",\"description\":\"d\","
        + "\"parametersJsonSchema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
        + "\"required\":[\"city\"]}}]}]" + extra + "}";
  }

  private String geminiPost(String method, String body) {
    return client.post(p.baseUrl() + "/v1beta/models/gemini-sim:" + method, body).body();
  }

  @Test
  void geminiAnswersWithFunctionCallPartsAndFinishReasonStop() throws Exception {
    start(Dialect.GEMINI);

    GenerateContentResponse one = GeminiDialectTest.proto(geminiPost("generateContent", geminiBody(ASK, "")));
    GenerateContentResponse two = GeminiDialectTest.proto(geminiPost("generateContent", geminiBody(ASK_PARALLEL, "")));
    GenerateContentResponse none = GeminiDialectTest.proto(geminiPost("generateContent", geminiBody(ASK,
        ",\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"NONE\"}}")));
    GenerateContentResponse allowed = GeminiDialectTest.proto(geminiPost("generateContent", geminiBody(ASK_PARALLEL,
        ",\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"weather\"]}}")));

    var call = one.getCandidates(0).getContent().getParts(0).getFunctionCall();
    assertThat(call.getName()).isEqualTo("lookup");
    assertThat(call.getArgs().getFieldsOrThrow("query").getStringValue()).isEqualTo(ASK);
    assertThat(one.getCandidates(0).getFinishReason()).isEqualTo(Candidate.FinishReason.STOP);
    var parts = two.getCandidates(0).getContent().getPartsList();
    assertThat(parts).extracting(pt -> pt.getFunctionCall().getName()).containsExactly("lookup", "weather");
    assertThat(parts.get(1).getFunctionCall().getArgs().getFieldsOrThrow("city").getStringValue())
        .isEqualTo(ASK_PARALLEL);
    assertThat(none.getCandidates(0).getContent().getParts(0).getText()).isEqualTo("Plain text reply");
    assertThat(allowed.getCandidates(0).getContent().getPartsList())
        .extracting(pt -> pt.getFunctionCall().getName()).containsExactly("weather");
  }

  @Test
  void geminiStreamsEachFunctionCallWholeInOneChunk() throws Exception {
    start(Dialect.GEMINI);

    List<GenerateContentResponse> chunks =
        GeminiDialectTest.protoChunks(geminiPost("streamGenerateContent?alt=sse", geminiBody(ASK_PARALLEL, "")));

    assertThat(chunks).hasSize(4);
    assertThat(chunks.get(1).getCandidates(0).getContent().getParts(0).getFunctionCall().getName()).isEqualTo("lookup");
    assertThat(chunks.get(2).getCandidates(0).getContent().getParts(0).getFunctionCall().getArgs()
        .getFieldsOrThrow("city").getStringValue()).isEqualTo(ASK_PARALLEL);
    assertThat(chunks.get(3).getCandidates(0).getFinishReason()).isEqualTo(Candidate.FinishReason.STOP);
  }

  @Test
  void geminiAnswersFunctionResponsesWithText() throws Exception {
    start(Dialect.GEMINI);
    String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Weather?\"}]},"
        + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"weather\",\"args\":{\"city\":\"Oslo\"}}}]},"
        + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"weather\",\"response\":{\"result\":"
        + "\"3 degrees\"}}},{\"functionResponse\":{\"name\":\"sky\",\"response\":{\"sky\":\"grey\"}}}]}]}";

    GenerateContentResponse r = GeminiDialectTest.proto(geminiPost("generateContent", body));

    assertThat(r.getCandidates(0).getContent().getParts(0).getText()).isEqualTo("Tool results: 3 degrees; grey");
  }

  @Test
  void theGeminiSdkSeesTheFunctionCall() {
    start(Dialect.GEMINI);
    try (Client sdk = GeminiDialectTest.sdk(p, "k")) {
      GenerateContentConfig config = GenerateContentConfig.builder()
          .tools(com.google.genai.types.Tool.builder().functionDeclarations(FunctionDeclaration.builder()
              .name("weather").description("Weather by city")
              .parameters(Schema.builder().type("OBJECT")
                  .properties(Map.of("city", Schema.builder().type("STRING").build()))
                  .required("city").build())
              .build()).build())
          .build();

      var r = sdk.models.generateContent("gemini-sim", "Oslo", config);

      assertThat(r.functionCalls()).hasSize(1);
      assertThat(r.functionCalls().get(0).name()).contains("weather");
      assertThat(r.functionCalls().get(0).args().orElseThrow()).containsEntry("city", "Oslo");
    }
  }

  // ---------------------------------------------------------------- event counting

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"OPENAI", "ANTHROPIC", "GEMINI"})
  void eachCallIsOneEventSoCuttingAfterTwoKeepsOnlyTheFirstCall(Dialect d) {
    start(d);
    p.enqueue(Fault.cutAfterEvents(2));
    String url;
    String body;
    switch (d) {
      case ANTHROPIC:
        url = p.baseUrl() + "/v1/messages";
        body = anthropicBody(true, ASK_PARALLEL, "");
        break;
      case GEMINI:
        url = p.baseUrl() + "/v1beta/models/g:streamGenerateContent?alt=sse";
        body = geminiBody(ASK_PARALLEL, "");
        break;
      default:
        url = SimClient.chatUrl(p);
        body = openAiBody(true, ASK_PARALLEL, "");
        break;
    }

    SimClient.Captured c = client.capture(client.request(url, body).build());

    assertThat(c.error()).isNotNull();
    assertThat(c.body()).contains("lookup").doesNotContain("weather");
    if (d == Dialect.ANTHROPIC) {
      assertThat(Frames.names(c.body())).endsWith("content_block_stop");
    }
  }
}
