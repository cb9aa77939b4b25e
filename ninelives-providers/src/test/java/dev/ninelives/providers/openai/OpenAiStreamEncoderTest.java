package dev.ninelives.providers.openai;

import static dev.ninelives.providers.openai.CodecTestSupport.CLOCK;
import static dev.ninelives.providers.openai.CodecTestSupport.dataLines;
import static dev.ninelives.providers.openai.CodecTestSupport.sdkChunk;
import static dev.ninelives.providers.openai.CodecTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.core.model.StreamEvent.BlockStop;
import dev.ninelives.core.model.StreamEvent.Done;
import dev.ninelives.core.model.StreamEvent.Finish;
import dev.ninelives.core.model.StreamEvent.SignatureDelta;
import dev.ninelives.core.model.StreamEvent.Start;
import dev.ninelives.core.model.StreamEvent.TextDelta;
import dev.ninelives.core.model.StreamEvent.ThinkingDelta;
import dev.ninelives.core.model.StreamEvent.ToolCallDelta;
import dev.ninelives.core.model.StreamEvent.ToolCallStart;
import dev.ninelives.core.model.StreamEvent.UsageUpdate;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiStreamEncoderTest {

  static byte[] encodeAll(boolean includeUsage, List<StreamEvent> events) {
    OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(includeUsage, CLOCK);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (StreamEvent e : events) {
      encoder.encode(e, out);
    }
    return out.toByteArray();
  }

  /** An Anthropic-shaped answer: thinking, text, two tool calls, usage split start/end. */
  static List<StreamEvent> anthropicLike() {
    return List.of(
        new Start("msg_01", "claude-sonnet-4-5", new Usage(120, 1, 100, 0, -1)),
        new ThinkingDelta(0, "Let me think"),
        new SignatureDelta(0, "sig=="),
        new BlockStop(0),
        new TextDelta(1, "I'll check."),
        new BlockStop(1),
        new ToolCallStart(2, "toolu_A", "weather"),
        new ToolCallDelta(2, "{\"city\":"),
        new ToolCallDelta(2, "\"Paris\"}"),
        new BlockStop(2),
        new ToolCallStart(3, "toolu_B", "time"),
        new ToolCallDelta(3, ""),
        new ToolCallDelta(3, "{}"),
        new BlockStop(3),
        new Finish(FinishReason.TOOL_USE, null, new Usage(-1, 42, -1, -1, -1)),
        new Done());
  }

  @Test
  void exactChunks_withoutUsage() {
    byte[] out = encodeAll(false, List.of(
        new Start("abc", "m1", Usage.UNKNOWN),
        new TextDelta(0, "Hi \"there\"\n"),
        new Finish(FinishReason.END_TURN, null, Usage.of(3, 4)),
        new Done()));
    String prefix = "{\"id\":\"chatcmpl-abc\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1795478400,\"model\":\"m1\",\"choices\":[{\"index\":0,\"delta\":";
    assertThat(CodecTestSupport.text(out)).isEqualTo(""
        + "data: " + prefix + "{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,"
        + "\"finish_reason\":null}]}\n\n"
        + "data: " + prefix + "{\"content\":\"Hi \\\"there\\\"\\n\"},\"logprobs\":null,"
        + "\"finish_reason\":null}]}\n\n"
        + "data: " + prefix + "{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n"
        + "data: [DONE]\n\n");
  }

  @Test
  void includeUsage_nullOnEveryChunk_thenAUsageChunk_thenDone() throws Exception {
    byte[] out = encodeAll(true, anthropicLike());
    List<String> data = dataLines(out);
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    List<String> chunks = data.subList(0, data.size() - 1);
    // role, text, call A start + 2 pieces, call B start + 1 piece (the empty one is skipped),
    // finish, usage
    assertThat(chunks).hasSize(9);
    for (String c : chunks.subList(0, chunks.size() - 1)) {
      JsonNode node = tree(c);
      assertThat(node.has("usage")).as(c).isTrue();
      assertThat(node.get("usage").isNull()).as(c).isTrue();
      sdkChunk(c);
    }
    ChatCompletionChunk usageChunk = sdkChunk(chunks.get(chunks.size() - 1));
    assertThat(usageChunk.choices()).isEmpty();
    assertThat(usageChunk.id()).isEqualTo("chatcmpl-msg_01");
    // Input from the start, output from the finish.
    assertThat(usageChunk.usage().orElseThrow().promptTokens()).isEqualTo(120);
    assertThat(usageChunk.usage().orElseThrow().completionTokens()).isEqualTo(42);
    assertThat(usageChunk.usage().orElseThrow().totalTokens()).isEqualTo(162);
    assertThat(usageChunk.usage().orElseThrow().promptTokensDetails().orElseThrow()
        .cachedTokens()).contains(100L);
    for (String c : chunks) {
      JsonNode node = tree(c);
      assertThat(node.get("id").asText()).isEqualTo("chatcmpl-msg_01");
      assertThat(node.get("created").asLong()).isEqualTo(CodecTestSupport.CLOCK_SECONDS);
      assertThat(node.get("model").asText()).isEqualTo("claude-sonnet-4-5");
    }
    assertThat(CodecTestSupport.text(out)).doesNotContain("Let me think").doesNotContain("sig==");
  }

  @Test
  void toolCallIndexes_countCallsNotBlocks() throws Exception {
    List<String> data = dataLines(encodeAll(false, anthropicLike()));
    ChatCompletionChunk startA = sdkChunk(data.get(2));
    ChatCompletionChunk.Choice.Delta.ToolCall a =
        startA.choices().get(0).delta().toolCalls().orElseThrow().get(0);
    assertThat(a.index()).isEqualTo(0);
    assertThat(a.id()).contains("toolu_A");
    assertThat(a.type()).contains(ChatCompletionChunk.Choice.Delta.ToolCall.Type.FUNCTION);
    assertThat(a.function().orElseThrow().name()).contains("weather");
    assertThat(a.function().orElseThrow().arguments()).contains("");
    ChatCompletionChunk pieceA = sdkChunk(data.get(3));
    ChatCompletionChunk.Choice.Delta.ToolCall p =
        pieceA.choices().get(0).delta().toolCalls().orElseThrow().get(0);
    assertThat(p.index()).isEqualTo(0);
    assertThat(p.id()).isEmpty();
    assertThat(p.function().orElseThrow().arguments()).contains("{\"city\":");
    ChatCompletionChunk startB = sdkChunk(data.get(5));
    assertThat(startB.choices().get(0).delta().toolCalls().orElseThrow().get(0).index())
        .isEqualTo(1);
    ChatCompletionChunk finish = sdkChunk(data.get(7));
    assertThat(finish.choices().get(0).finishReason())
        .contains(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
    assertThat(tree(data.get(7)).has("usage")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"END_TURN, stop", "STOP_SEQUENCE, stop", "OTHER, stop", "MAX_TOKENS, length",
      "TOOL_USE, tool_calls", "CONTENT_FILTER, content_filter"})
  void finishReasons(FinishReason reason, String wire) throws Exception {
    List<String> data = dataLines(encodeAll(false, List.of(new Start("i", "m", Usage.UNKNOWN),
        new Finish(reason, null, Usage.UNKNOWN))));
    assertThat(tree(data.get(1)).get("choices").get(0).get("finish_reason").asText())
        .isEqualTo(wire);
    sdkChunk(data.get(1));
  }

  @Test
  void usageUpdate_afterFinish_isWhatTheUsageChunkReports() throws Exception {
    List<String> data = dataLines(encodeAll(true, List.of(
        new Start("chatcmpl-x", "m", Usage.UNKNOWN),
        new TextDelta(0, "a"),
        new Finish(FinishReason.END_TURN, null, Usage.UNKNOWN),
        new UsageUpdate(new Usage(5, 6, -1, -1, 2)),
        new Done())));
    assertThat(data).hasSize(5);
    JsonNode usage = tree(data.get(3));
    assertThat(usage.get("id").asText()).as("prefixed once").isEqualTo("chatcmpl-x");
    assertThat(usage.get("usage")).isEqualTo(tree("{\"prompt_tokens\":5,\"completion_tokens\":6,"
        + "\"total_tokens\":11,\"completion_tokens_details\":{\"reasoning_tokens\":2}}"));
    sdkChunk(data.get(3));
  }

  @Test
  void unknownUsage_isReportedAsZeros() throws Exception {
    List<String> data = dataLines(encodeAll(true, List.of(new Start("i", "m", Usage.UNKNOWN),
        new Finish(FinishReason.END_TURN, null, Usage.UNKNOWN), new Done())));
    assertThat(tree(data.get(2)).get("usage")).isEqualTo(tree(
        "{\"prompt_tokens\":0,\"completion_tokens\":0,\"total_tokens\":0}"));
  }

  @Test
  void errorsAndReasoning_writeNothing() {
    OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(true, CLOCK);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    encoder.encode(new Start("i", "m", Usage.UNKNOWN), out);
    int afterStart = out.size();
    encoder.encode(new ThinkingDelta(0, "hmm"), out);
    encoder.encode(new SignatureDelta(0, "s"), out);
    encoder.encode(new BlockStop(0), out);
    encoder.encode(new TextDelta(1, ""), out);
    encoder.encode(new ToolCallDelta(9, "{}"), out); // no such call
    encoder.encode(new UsageUpdate(Usage.of(1, 2)), out);
    encoder.encode(new StreamEvent.Error(Classification.of(OutcomeClass.STREAM_ERROR, "x")),
        out);
    assertThat(out.size()).isEqualTo(afterStart);
  }
}
