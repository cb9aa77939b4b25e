package dev.ninelives.providers.openai;

import static dev.ninelives.providers.openai.CodecTestSupport.CLOCK;
import static dev.ninelives.providers.openai.CodecTestSupport.CLOCK_SECONDS;
import static dev.ninelives.providers.openai.CodecTestSupport.bytes;
import static dev.ninelives.providers.openai.CodecTestSupport.sdkCompletion;
import static dev.ninelives.providers.openai.CodecTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
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
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiResponseCodecTest {
  private final OpenAiResponseDecoder decoder = new OpenAiResponseDecoder();
  private final OpenAiResponseEncoder encoder = new OpenAiResponseEncoder(CLOCK);

  private ChatResponse decode(String json) throws TranslationException {
    return decoder.decode(bytes(json));
  }

  private TranslationException failure(String json) {
    TranslationException e = catchThrowableOfType(TranslationException.class,
        () -> decode(json));
    assertThat(e).as("expected a TranslationException for %s", json).isNotNull();
    return e;
  }

  // ---- decoder ----

  @Test
  void decode_textAnswer_withUsageDetails() throws Exception {
    ChatResponse r = decode("""
        {"id":"chatcmpl-123","object":"chat.completion","created":1,"model":"gpt-4.1-2025",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello 👋","refusal":null,
           "annotations":[]},"logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42,
           "prompt_tokens_details":{"cached_tokens":8,"audio_tokens":0},
           "completion_tokens_details":{"reasoning_tokens":20,"audio_tokens":0}},
         "system_fingerprint":"fp_1","service_tier":"default"}""");
    assertThat(r.id()).isEqualTo("chatcmpl-123");
    assertThat(r.model()).isEqualTo("gpt-4.1-2025");
    assertThat(r.content()).containsExactly(new Part.Text("Hello 👋"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.END_TURN);
    assertThat(r.stopSequence()).isNull();
    assertThat(r.usage()).isEqualTo(new Usage(12, 30, 8, -1, 20));
  }

  @Test
  void decode_parallelToolCalls_withNullContent() throws Exception {
    ChatResponse r = decode("""
        {"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"gpt-4.1",
         "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
           "tool_calls":[
             {"id":"call_1","type":"function","function":{"name":"a","arguments":"{\\"x\\":1}"}},
             {"id":"call_2","type":"function","function":{"name":"b","arguments":""}}]},
           "finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":5,"completion_tokens":6,"total_tokens":11}}""");
    assertThat(r.content()).containsExactly(
        new Part.ToolCall("call_1", "a", "{\"x\":1}"),
        new Part.ToolCall("call_2", "b", "{}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
    assertThat(r.usage()).isEqualTo(new Usage(5, 6, -1, -1, -1));
  }

  @Test
  void decode_refusalReasoningAndContentArrays() throws Exception {
    ChatResponse r = decode("""
        {"id":"x","model":"deepseek-reasoner","choices":[{"message":{"role":"assistant",
          "reasoning_content":"Let me think.","reasoning":"Let me think.",
          "content":[{"type":"text","text":"Part one, "},{"type":"text","text":"part two."}],
          "refusal":"But not that."},"finish_reason":"content_filter"}]}""");
    assertThat(r.content()).containsExactly(new Part.Thinking("Let me think.", null, false),
        new Part.Text("Part one, part two."), new Part.Text("But not that."));
    assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(r.usage()).isEqualTo(Usage.UNKNOWN);
  }

  @Test
  void decode_toolCallsUnderStop_meanToolUse_andMissingIdsAreMinted() throws Exception {
    ChatResponse r = decode("""
        {"id":"o","model":"llama3","choices":[{"message":{"role":"assistant","content":"",
          "tool_calls":[{"function":{"name":"f","arguments":{"k":"v"}}}]},
          "finish_reason":"stop"}]}""");
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
    Part.ToolCall call = (Part.ToolCall) r.content().get(0);
    assertThat(call.id()).startsWith("call_").hasSizeGreaterThan(10);
    assertThat(call.name()).isEqualTo("f");
    assertThat(tree(call.argumentsJson())).isEqualTo(tree("{\"k\":\"v\"}"));
  }

  @ParameterizedTest
  @CsvSource({"stop, END_TURN", "length, MAX_TOKENS", "tool_calls, TOOL_USE",
      "function_call, TOOL_USE", "content_filter, CONTENT_FILTER", "model_length, OTHER",
      "error, OTHER"})
  void decode_finishReasons(String wire, FinishReason reason) throws Exception {
    assertThat(decode("{\"id\":\"i\",\"model\":\"m\",\"choices\":[{\"message\":{\"content\":"
        + "\"x\"},\"finish_reason\":\"" + wire + "\"}]}").finishReason()).isEqualTo(reason);
  }

  @Test
  void decode_unusableAnswers_areRefused() {
    assertThat(failure("{\"error\":{\"message\":\"boom with key sk-abcdefghijklmnopqrstuvwxyz1234\","
        + "\"type\":\"server_error\"}}").getMessage())
        .startsWith("200 with an error object: boom").doesNotContain("sk-abcdefghij");
    assertThat(failure("{\"id\":\"i\",\"choices\":[]}").getMessage())
        .isEqualTo("200 with no choices");
    assertThat(failure("{\"id\":\"i\"}").getMessage()).isEqualTo("200 with no choices");
    assertThat(failure("{\"id\":\"i\",\"choices\":[{\"message\":{\"role\":\"assistant\","
        + "\"content\":\"\"},\"finish_reason\":\"length\"}]}").getMessage())
        .contains("empty answer");
    assertThat(failure("{\"id\":\"i\",\"choices\":[{\"message\":{\"reasoning_content\":\"x\","
        + "\"content\":null}}]}").getMessage()).contains("empty answer");
    assertThat(failure("{\"id\":\"i\",\"choices\":[{\"message\":{\"content\":\"x\"}]}")
        .getMessage()).isEqualTo("200 with malformed JSON");
    assertThat(failure("[]").getMessage()).isEqualTo("200 with malformed JSON");
    assertThat(failure("{\"choices\":[{\"message\":{\"tool_calls\":[{\"id\":\"c\","
        + "\"function\":{\"name\":\"f\",\"arguments\":\"{broken\"}}]}}]}").getMessage())
        .contains("not a JSON object");
    assertThat(catchThrowableOfType(TranslationException.class,
        () -> decoder.decode(new byte[0]))).hasMessageContaining("empty body");
  }

  @Test
  void decode_scrubsKnownSecrets() {
    OpenAiResponseDecoder scrubbing = new OpenAiResponseDecoder(List.of(
        Secret.of("hunter2-the-key")));
    TranslationException e = catchThrowableOfType(TranslationException.class,
        () -> scrubbing.decode(bytes("{\"error\":{\"message\":\"bad key hunter2-the-key\"}}")));
    assertThat(e.getMessage()).doesNotContain("hunter2-the-key");
  }

  // ---- encoder ----

  @Test
  void encode_textAnswer_exactBody_andTheSdkAcceptsIt() throws Exception {
    ChatResponse r = new ChatResponse("msg_01", "claude-sonnet-4-5", List.of(
        new Part.Thinking("secret reasoning", "sig", false),
        new Part.Text("Hello"), new Part.Text(", world")), FinishReason.END_TURN, null,
        new Usage(10, 5, 4, 2, -1));
    byte[] body = encoder.encode(r);
    assertThat(tree(body)).isEqualTo(tree("""
        {"id":"chatcmpl-msg_01","object":"chat.completion","created":1795478400,
         "model":"claude-sonnet-4-5",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello, world",
           "refusal":null},"logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,
           "prompt_tokens_details":{"cached_tokens":4}}}"""));
    assertThat(CodecTestSupport.text(body)).doesNotContain("secret reasoning");
    ChatCompletion c = sdkCompletion(body);
    assertThat(c.id()).isEqualTo("chatcmpl-msg_01");
    assertThat(c.created()).isEqualTo(CLOCK_SECONDS);
    assertThat(c.choices().get(0).message().content()).contains("Hello, world");
    assertThat(c.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(c.usage().orElseThrow().totalTokens()).isEqualTo(15);
    assertThat(c.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens())
        .contains(4L);
  }

  @Test
  void encode_toolCalls_nullContent_andTheSdkAcceptsIt() throws Exception {
    ChatResponse r = new ChatResponse("chatcmpl-abc", "gemini-2.5", List.of(
        new Part.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        new Part.ToolCall("call_2", "get_time", "{}")), FinishReason.TOOL_USE, null,
        new Usage(100, 20, -1, -1, 7));
    byte[] body = encoder.encode(r);
    JsonNode message = tree(body).get("choices").get(0).get("message");
    assertThat(message.get("content").isNull()).isTrue();
    assertThat(message.get("refusal").isNull()).isTrue();
    ChatCompletion c = sdkCompletion(body);
    assertThat(c.id()).as("an id already prefixed is kept").isEqualTo("chatcmpl-abc");
    ChatCompletion.Choice choice = c.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    List<ChatCompletionMessageToolCall> calls = choice.message().toolCalls().orElseThrow();
    assertThat(calls).hasSize(2);
    ChatCompletionMessageFunctionToolCall first = calls.get(0).asFunction().validate();
    assertThat(first.id()).isEqualTo("call_1");
    assertThat(first.function().name()).isEqualTo("get_weather");
    assertThat(first.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(calls.get(1).asFunction().function().arguments()).isEqualTo("{}");
    assertThat(c.usage().orElseThrow().completionTokensDetails().orElseThrow()
        .reasoningTokens()).contains(7L);
    assertThat(c.usage().orElseThrow().promptTokensDetails()).isEmpty();
  }

  @Test
  void encode_unknownUsage_isZeros() throws Exception {
    byte[] body = encoder.encode(new ChatResponse("r", "m", List.of(new Part.Text("x")),
        FinishReason.OTHER, null, Usage.UNKNOWN));
    assertThat(tree(body).get("usage")).isEqualTo(tree(
        "{\"prompt_tokens\":0,\"completion_tokens\":0,\"total_tokens\":0}"));
    sdkCompletion(body);
  }

  @ParameterizedTest
  @CsvSource({"END_TURN, stop", "STOP_SEQUENCE, stop", "OTHER, stop", "MAX_TOKENS, length",
      "TOOL_USE, tool_calls", "CONTENT_FILTER, content_filter"})
  void encode_finishReasons(FinishReason reason, String wire) throws Exception {
    byte[] body = encoder.encode(new ChatResponse("r", "m", List.of(new Part.Text("x")),
        reason, reason == FinishReason.STOP_SEQUENCE ? "END" : null, Usage.of(1, 1)));
    assertThat(tree(body).get("choices").get(0).get("finish_reason").asText()).isEqualTo(wire);
    sdkCompletion(body);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a\"quote\\and\nnewline 🎉"})
  void encode_edgeTexts_stayValid(String text) throws Exception {
    byte[] body = encoder.encode(new ChatResponse("r", "m",
        text.isEmpty() ? List.of() : List.of(new Part.Text(text)), FinishReason.END_TURN, null,
        Usage.of(1, 1)));
    assertThat(sdkCompletion(body).choices().get(0).message().content()).contains(text);
  }

  @Test
  void roundTrip_decodeThenEncode() throws Exception {
    String upstream = """
        {"id":"chatcmpl-rt","object":"chat.completion","created":5,"model":"gpt-4.1",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Calling.","refusal":null,
           "tool_calls":[{"id":"call_9","type":"function",
             "function":{"name":"f","arguments":"{\\"a\\":[1,2]}"}}]},
           "logprobs":null,"finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7,
           "prompt_tokens_details":{"cached_tokens":1},
           "completion_tokens_details":{"reasoning_tokens":2}}}""";
    byte[] again = encoder.encode(decode(upstream));
    // Only "created" differs: the encoder stamps its own clock.
    assertThat(tree(again)).isEqualTo(tree(upstream.replace("\"created\":5",
        "\"created\":" + CLOCK_SECONDS)));
    sdkCompletion(again);
  }
}
