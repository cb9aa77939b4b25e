package dev.ninelives.providers.anthropic;

import static dev.ninelives.providers.anthropic.SdkOracle.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.SseEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamEncoderTest {

  static byte[] encode(AnthropicStreamEncoder enc, StreamEvent... events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (StreamEvent e : events) {
      enc.encode(e, out);
    }
    return out.toByteArray();
  }

  static byte[] encode(StreamEvent... events) {
    return encode(new AnthropicStreamEncoder(), events);
  }

  /** "name data-json" per event, data as a tree for comparison. */
  static List<String> names(byte[] sse) {
    List<String> out = new ArrayList<>();
    for (SseEvent e : SdkOracle.events(sse)) {
      out.add(e.event());
    }
    return out;
  }

  static List<JsonNode> data(byte[] sse) {
    List<JsonNode> out = new ArrayList<>();
    for (SseEvent e : SdkOracle.events(sse)) {
      out.add(tree(e.dataBytes()));
    }
    return out;
  }

  static String j(String caretJson) {
    return caretJson.replace('^', '"');
  }

  @Test
  void openAiShapedStream_textThenParallelToolCalls_usageAfterTheFinish() {
    byte[] sse = encode(
        new StreamEvent.Start("chatcmpl-9", "gpt-4.1", Usage.UNKNOWN),
        new StreamEvent.TextDelta(0, ""),
        new StreamEvent.TextDelta(0, "Hel"),
        new StreamEvent.TextDelta(0, "lo"),
        new StreamEvent.ToolCallStart(1, "call_a", "get_weather"),
        new StreamEvent.ToolCallDelta(1, ""),
        new StreamEvent.ToolCallDelta(1, "{\"city\""),
        new StreamEvent.ToolCallDelta(1, ":\"Paris\"}"),
        new StreamEvent.ToolCallStart(2, "call_b", "get_time"),
        new StreamEvent.ToolCallDelta(2, "{}"),
        new StreamEvent.Finish(FinishReason.TOOL_USE, null, Usage.UNKNOWN),
        new StreamEvent.UsageUpdate(new Usage(100, 20, 30, -1, -1)),
        new StreamEvent.Done());
    assertThat(names(sse)).containsExactly("message_start",
        "content_block_start", "content_block_delta", "content_block_delta",
        "content_block_stop",
        "content_block_start", "content_block_delta", "content_block_delta",
        "content_block_stop",
        "content_block_start", "content_block_delta", "content_block_stop",
        "message_delta", "message_stop");
    List<JsonNode> d = data(sse);
    assertThat(d.get(0)).isEqualTo(tree(j("{^type^:^message_start^,^message^:{"
        + "^id^:^msg_chatcmpl-9^,^type^:^message^,^role^:^assistant^,^model^:^gpt-4.1^,"
        + "^content^:[],^stop_reason^:null,^stop_sequence^:null,^usage^:{^input_tokens^:0,"
        + "^cache_creation_input_tokens^:0,^cache_read_input_tokens^:0,^output_tokens^:0}}}")));
    assertThat(d.get(1)).isEqualTo(tree(j("{^type^:^content_block_start^,^index^:0,"
        + "^content_block^:{^type^:^text^,^text^:^^}}")));
    assertThat(d.get(2)).isEqualTo(tree(j("{^type^:^content_block_delta^,^index^:0,"
        + "^delta^:{^type^:^text_delta^,^text^:^Hel^}}")));
    assertThat(d.get(5)).isEqualTo(tree(j("{^type^:^content_block_start^,^index^:1,"
        + "^content_block^:{^type^:^tool_use^,^id^:^call_a^,^name^:^get_weather^,"
        + "^input^:{}}}")));
    assertThat(d.get(6)).isEqualTo(tree(j("{^type^:^content_block_delta^,^index^:1,"
        + "^delta^:{^type^:^input_json_delta^,^partial_json^:^{\\^city\\^^}}")));
    assertThat(d.get(12)).isEqualTo(tree(j("{^type^:^message_delta^,^delta^:{"
        + "^stop_reason^:^tool_use^,^stop_sequence^:null},^usage^:{^input_tokens^:70,"
        + "^cache_creation_input_tokens^:0,^cache_read_input_tokens^:30,"
        + "^output_tokens^:20}}")));
    assertThat(d.get(13)).isEqualTo(tree(j("{^type^:^message_stop^}")));

    Message m = SdkOracle.accumulate(sse);
    assertThat(m.content()).hasSize(3);
    assertThat(m.content().get(0).asText().text()).isEqualTo("Hello");
    assertThat(m.content().get(1).asToolUse().id()).isEqualTo("call_a");
    assertThat(SdkOracle.sdkTree(m.content().get(1).asToolUse()._input()))
        .isEqualTo(tree("{\"city\":\"Paris\"}"));
    assertThat(m.content().get(2).asToolUse().name()).isEqualTo("get_time");
    assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
    assertThat(m.usage().outputTokens()).isEqualTo(20);
  }

  @Test
  void sseFraming_isEventThenDataThenABlankLine() {
    String sse = new String(encode(new StreamEvent.Start("msg_1", "m", Usage.UNKNOWN),
        new StreamEvent.TextDelta(0, "a\nb")), StandardCharsets.UTF_8);
    assertThat(sse).startsWith("event: message_start\ndata: {\"type\":\"message_start\",");
    assertThat(sse).contains("\n\nevent: content_block_start\ndata: {")
        .contains("event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
            + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\\nb\"}}\n\n")
        .endsWith("\n\n");
  }

  @Test
  void thinkingWithSignature_thenText_blocksRenumberedFromZero() {
    byte[] sse = encode(
        new StreamEvent.Start("msg_1", "claude", new Usage(50, 1, 10, 5, -1)),
        new StreamEvent.ThinkingDelta(3, "Hmm"),
        new StreamEvent.SignatureDelta(3, "sig=="),
        new StreamEvent.BlockStop(3),
        new StreamEvent.SignatureDelta(7, "nowhere to go"),
        new StreamEvent.TextDelta(7, "Answer"),
        new StreamEvent.BlockStop(7),
        new StreamEvent.BlockStop(7),
        new StreamEvent.Finish(FinishReason.STOP_SEQUENCE, "###", new Usage(50, 12, 10, 5, -1)),
        new StreamEvent.Done());
    List<JsonNode> d = data(sse);
    assertThat(d.get(0).get("message").get("usage")).isEqualTo(tree(j("{^input_tokens^:35,"
        + "^cache_creation_input_tokens^:5,^cache_read_input_tokens^:10,^output_tokens^:0}")));
    assertThat(d.get(1)).isEqualTo(tree(j("{^type^:^content_block_start^,^index^:0,"
        + "^content_block^:{^type^:^thinking^,^thinking^:^^,^signature^:^^}}")));
    assertThat(d.get(3)).isEqualTo(tree(j("{^type^:^content_block_delta^,^index^:0,"
        + "^delta^:{^type^:^signature_delta^,^signature^:^sig==^}}")));
    assertThat(names(sse)).containsExactly("message_start", "content_block_start",
        "content_block_delta", "content_block_delta", "content_block_stop",
        "content_block_start", "content_block_delta", "content_block_stop", "message_delta",
        "message_stop");
    assertThat(d.get(5).get("index").asInt()).isEqualTo(1);
    assertThat(d.get(8).get("delta")).isEqualTo(tree(j("{^stop_reason^:^stop_sequence^,"
        + "^stop_sequence^:^###^}")));

    Message m = SdkOracle.accumulate(sse);
    ContentBlock thinking = m.content().get(0);
    assertThat(thinking.asThinking().thinking()).isEqualTo("Hmm");
    assertThat(thinking.asThinking().signature()).isEqualTo("sig==");
    assertThat(m.content().get(1).asText().text()).isEqualTo("Answer");
    assertThat(m.stopSequence()).contains("###");
  }

  @Test
  void finishWithUsage_sendsTheDeltaAtOnce_openBlocksAreClosedFirst() {
    AnthropicStreamEncoder enc = new AnthropicStreamEncoder();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    enc.encode(new StreamEvent.Start("msg_1", "m", Usage.of(10, 0)), out);
    enc.encode(new StreamEvent.TextDelta(0, "hi"), out);
    enc.encode(new StreamEvent.Finish(FinishReason.MAX_TOKENS, null, Usage.of(10, 7)), out);
    assertThat(names(out.toByteArray())).containsExactly("message_start",
        "content_block_start", "content_block_delta", "content_block_stop", "message_delta");
    enc.encode(new StreamEvent.UsageUpdate(Usage.of(10, 99)), out);
    enc.encode(new StreamEvent.Done(), out);
    byte[] sse = out.toByteArray();
    assertThat(names(sse)).endsWith("message_delta", "message_stop").hasSize(6);
    assertThat(SdkOracle.accumulate(sse).usage().outputTokens()).isEqualTo(7);
  }

  @Test
  void contentBeforeStart_getsAMintedMessageStart_withTheFallbackModel() {
    byte[] sse = encode(new AnthropicStreamEncoder("claude-fallback"),
        new StreamEvent.TextDelta(0, "x"), new StreamEvent.Done());
    Message m = SdkOracle.accumulate(sse);
    assertThat(m.id()).startsWith("msg_").hasSizeGreaterThan(10);
    assertThat(m.model().asString()).isEqualTo("claude-fallback");
    assertThat(m.stopReason()).contains(StopReason.END_TURN); // Done without a Finish
  }

  @Test
  void interleavedText_opensANewBlock_lateToolArgumentsAreDropped() {
    byte[] sse = encode(
        new StreamEvent.Start("msg_1", "m", Usage.UNKNOWN),
        new StreamEvent.TextDelta(0, "a"),
        new StreamEvent.ToolCallStart(1, "t1", "f"),
        new StreamEvent.TextDelta(0, "b"),
        new StreamEvent.ToolCallDelta(1, "{\"late\":true}"),
        new StreamEvent.ToolCallDelta(5, "{\"unknown\":true}"),
        new StreamEvent.Finish(FinishReason.TOOL_USE, null, Usage.of(1, 1)),
        new StreamEvent.Done());
    assertThat(names(sse)).containsExactly("message_start",
        "content_block_start", "content_block_delta", // text "a"
        "content_block_stop", "content_block_start", // tool
        "content_block_delta", "content_block_stop", // its "{}", closed by the late text
        "content_block_start", "content_block_delta", // text "b" in a new block
        "content_block_stop", "message_delta", "message_stop");
    Message m = SdkOracle.accumulate(sse);
    assertThat(m.content()).hasSize(3);
    assertThat(m.content().get(0).asText().text()).isEqualTo("a");
    assertThat(SdkOracle.sdkTree(m.content().get(1).asToolUse()._input())).isEqualTo(tree("{}"));
    assertThat(m.content().get(2).asText().text()).isEqualTo("b");
  }

  @Test
  void errorWritesNothing_andNothingFollowsDone() {
    assertThat(encode(new StreamEvent.Start("msg_1", "m", Usage.UNKNOWN),
        new StreamEvent.Error(Classification.of(OutcomeClass.STREAM_ERROR, "cut")))).asString()
        .doesNotContain("error");
    byte[] sse = encode(new StreamEvent.Start("msg_1", "m", Usage.UNKNOWN),
        new StreamEvent.Done(), new StreamEvent.TextDelta(0, "after"), new StreamEvent.Done());
    assertThat(names(sse)).containsExactly("message_start", "message_delta", "message_stop");
  }

  @Test
  void everyFinishReason_givesAStopReasonTheSdkKnows() {
    for (FinishReason r : FinishReason.values()) {
      byte[] sse = encode(new StreamEvent.Start("msg_1", "m", Usage.UNKNOWN),
          new StreamEvent.TextDelta(0, "x"), new StreamEvent.Finish(r, null, Usage.of(1, 1)),
          new StreamEvent.Done());
      assertThat(SdkOracle.accumulate(sse).stopReason()).as(r.name()).isPresent();
    }
  }

  @Test
  void theOracleRejectsBrokenStreams() {
    // A delta before its block started: the SDK's accumulator must refuse it, or the tests
    // above prove nothing.
    String broken = SampleStreams.event("message_start", "{\"type\":\"message_start\","
        + "\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}")
        + SampleStreams.delta(0, "text_delta", "text", "\"x\"");
    MessageAccumulator acc = MessageAccumulator.create();
    assertThatThrownBy(() -> {
      for (SseEvent e : SdkOracle.events(SampleStreams.bytes(broken))) {
        acc.accumulate(SdkOracle.streamEvent(e.data()));
      }
    }).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> SdkOracle.accumulate(SampleStreams.bytes(broken)))
        .isInstanceOf(AssertionError.class);
    String unstopped = SampleStreams.event("message_start", "{\"type\":\"message_start\","
        + "\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}")
        + SampleStreams.event("content_block_start", "{\"type\":\"content_block_start\","
            + "\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
        + SampleStreams.event("message_delta", "{\"type\":\"message_delta\",\"delta\":"
            + "{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":1}}")
        + SampleStreams.event("message_stop", "{\"type\":\"message_stop\"}");
    assertThatThrownBy(() -> SdkOracle.accumulate(SampleStreams.bytes(unstopped)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("is open");
    assertThatThrownBy(() -> SdkOracle.streamEvent("{\"type\":\"message_delta\","
        + "\"delta\":{\"stop_reason\":\"bogus\"},\"usage\":{\"output_tokens\":1}}"))
        .isInstanceOf(RuntimeException.class);
  }
}
