package dev.ninelives.providers.anthropic;

import static dev.ninelives.providers.anthropic.SdkOracle.sse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.Secret;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamDecoderTest {

  static List<StreamEvent> decode(AnthropicStreamDecoder d, List<SseEvent> events) {
    List<StreamEvent> out = new ArrayList<>();
    for (SseEvent e : events) {
      d.decode(e, out::add);
    }
    d.end(out::add);
    return out;
  }

  static List<StreamEvent> decode(String sse) {
    return decode(new AnthropicStreamDecoder(), SdkOracle.events(SampleStreams.bytes(sse)));
  }

  @Test
  void realisticStream_mapsEventByEvent() {
    List<StreamEvent> out = decode(SampleStreams.textAndTwoToolCalls());
    Usage start = new Usage(582, 2, 100, 10, -1);
    assertThat(out).containsExactly(
        new StreamEvent.Start("msg_014p7gG3wDgGV9EUtLvnow3U", "claude-sonnet-4-5-20250929",
            start),
        new StreamEvent.TextDelta(0, "Okay, let me check "),
        new StreamEvent.TextDelta(0, "both cities — ☀️ \"quoted\"\nand "),
        new StreamEvent.TextDelta(0, "🌧 too."),
        new StreamEvent.BlockStop(0),
        new StreamEvent.ToolCallStart(1, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather"),
        new StreamEvent.ToolCallDelta(1, "{\"location\":"),
        new StreamEvent.ToolCallDelta(1, " \"San Fra"),
        new StreamEvent.ToolCallDelta(1, "ncisco, CA\", \"unit\": \"fah"),
        new StreamEvent.ToolCallDelta(1, "renheit\"}"),
        new StreamEvent.BlockStop(1),
        new StreamEvent.ToolCallStart(2, "toolu_02", "get_weather"),
        new StreamEvent.ToolCallDelta(2, "{\"location\": \"Ro"),
        new StreamEvent.ToolCallDelta(2, "me, IT\", \"days\": [1,"),
        new StreamEvent.ToolCallDelta(2, " 2]}"),
        new StreamEvent.BlockStop(2),
        new StreamEvent.Finish(FinishReason.TOOL_USE, null, new Usage(582, 89, 100, 10, -1)),
        new StreamEvent.Done());
  }

  @Test
  void thinkingBlock_withSignature_andRedactedThinkingIsSkippedWithoutAGap() {
    String sse = SampleStreams.event("message_start", "{\"type\":\"message_start\",\"message\":"
            + "{\"id\":\"msg_1\",\"model\":\"m\",\"usage\":{\"input_tokens\":5,"
            + "\"output_tokens\":1}}}")
        + SampleStreams.event("content_block_start", "{\"type\":\"content_block_start\","
            + "\"index\":0,\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"Em\"}}")
        + SampleStreams.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
        + SampleStreams.event("content_block_start", "{\"type\":\"content_block_start\","
            + "\"index\":1,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\","
            + "\"signature\":\"\"}}")
        + SampleStreams.delta(1, "thinking_delta", "thinking", "\"Let me think\"")
        + SampleStreams.delta(1, "signature_delta", "signature", "\"EqQBCgIYAh\"")
        + SampleStreams.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
        + SampleStreams.event("content_block_start", "{\"index\":2,\"content_block\":{\"text\":"
            + "\"\",\"type\":\"text\"},\"type\":\"content_block_start\"}")
        + SampleStreams.delta(2, "citations_delta", "citation", "{}")
        + SampleStreams.delta(2, "text_delta", "text", "\"4\"")
        + SampleStreams.delta(2, "text_delta", "text", "\"\"")
        + SampleStreams.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}")
        + SampleStreams.event("message_delta", "{\"type\":\"message_delta\",\"delta\":"
            + "{\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"###\"},\"usage\":"
            + "{\"output_tokens\":30,\"input_tokens\":5,\"cache_read_input_tokens\":7}}")
        + SampleStreams.event("message_stop", "{\"type\":\"message_stop\"}");
    assertThat(decode(sse)).containsExactly(
        new StreamEvent.Start("msg_1", "m", new Usage(5, 1, 0, 0, -1)),
        new StreamEvent.ThinkingDelta(0, "Let me think"),
        new StreamEvent.SignatureDelta(0, "EqQBCgIYAh"),
        new StreamEvent.BlockStop(0),
        new StreamEvent.TextDelta(1, "4"),
        new StreamEvent.BlockStop(1),
        new StreamEvent.Finish(FinishReason.STOP_SEQUENCE, "###", new Usage(12, 30, 7, 0, -1)),
        new StreamEvent.Done());
  }

  @Test
  void pingUnknownEventsCommentsAndEmptyPiecesProduceNothing() {
    AnthropicStreamDecoder d = new AnthropicStreamDecoder();
    List<StreamEvent> out = new ArrayList<>();
    d.decode(sse("ping", "{\"type\":\"ping\"}"), out::add);
    d.decode(sse("future_event", "{\"type\":\"future_event\",\"x\":1}"), out::add);
    d.decode(new SseEvent(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8), null, null, null,
        -1), out::add);
    d.decode(sse("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":9,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"orphan\"}}"), out::add);
    d.decode(sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":9}"), out::add);
    assertThat(out).isEmpty();
  }

  @Test
  void errorEvent_isClassifiedByTheAnthropicTable_andScrubbed() {
    AnthropicStreamDecoder d =
        new AnthropicStreamDecoder(List.of(Secret.of("sk-ant-verysecretkey")));
    List<StreamEvent> out = new ArrayList<>();
    d.decode(sse("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
        + "\"message\":\"Overloaded\"}}"), out::add);
    d.decode(sse("error", "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
        + "\"message\":\"key sk-ant-verysecretkey is limited\"}}"), out::add);
    assertThat(out).hasSize(2);
    StreamEvent.Error first = (StreamEvent.Error) out.get(0);
    assertThat(first.classification().outcome()).isEqualTo(OutcomeClass.SERVER_ERROR);
    assertThat(first.classification().message())
        .isEqualTo("stream error overloaded_error: Overloaded");
    StreamEvent.Error second = (StreamEvent.Error) out.get(1);
    assertThat(second.classification().outcome()).isEqualTo(OutcomeClass.RATE_LIMITED);
    assertThat(second.classification().message()).doesNotContain("verysecret");
  }

  @Test
  void unreadableData_isAStreamError() {
    for (String data : new String[] {"{\"type\":\"content_block_delta\",", "[1]", "hello",
        "{\"type\":\"ping\"} {}"}) {
      List<StreamEvent> out = new ArrayList<>();
      new AnthropicStreamDecoder().decode(sse("content_block_delta", data), out::add);
      assertThat(out).as(data).singleElement().isInstanceOfSatisfying(StreamEvent.Error.class,
          e -> assertThat(e.classification().outcome()).isEqualTo(OutcomeClass.STREAM_ERROR));
    }
    List<StreamEvent> out = new ArrayList<>();
    new AnthropicStreamDecoder().decode(new SseEvent("event: error\n\n".getBytes(
        StandardCharsets.UTF_8), null, "error", null, -1), out::add);
    assertThat(out).singleElement().isInstanceOf(StreamEvent.Error.class);
  }

  @Test
  void toolUseStartCarryingItsWholeInput_isPassedOnAsOneDelta() {
    List<StreamEvent> out = decode(SampleStreams.event("content_block_start",
        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\","
            + "\"id\":\"t\",\"name\":\"f\",\"input\":{\"a\": 1}}}"));
    assertThat(out).containsExactly(new StreamEvent.ToolCallStart(0, "t", "f"),
        new StreamEvent.ToolCallDelta(0, "{\"a\":1}"));
  }

  @Test
  void messageDeltaWithoutUsageOrReason_stillFinishes() {
    List<StreamEvent> out = decode(SampleStreams.event("message_delta",
        "{\"type\":\"message_delta\",\"delta\":{}}"));
    assertThat(out).containsExactly(
        new StreamEvent.Finish(FinishReason.OTHER, null, Usage.UNKNOWN));
  }
}
