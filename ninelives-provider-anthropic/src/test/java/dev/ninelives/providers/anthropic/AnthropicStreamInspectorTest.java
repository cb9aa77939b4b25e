package dev.ninelives.providers.anthropic;

import static dev.ninelives.providers.StreamEventKind.CONTENT;
import static dev.ninelives.providers.StreamEventKind.DONE;
import static dev.ninelives.providers.StreamEventKind.ERROR;
import static dev.ninelives.providers.StreamEventKind.FINISH;
import static dev.ninelives.providers.StreamEventKind.LIFECYCLE;
import static dev.ninelives.providers.StreamEventKind.MALFORMED;
import static dev.ninelives.providers.anthropic.SdkOracle.sse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.Secret;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.StreamEventKind;
import dev.ninelives.providers.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicStreamInspectorTest {

  @Test
  void realisticStream_commitsOnTheFirstText() {
    AnthropicStreamInspector inspector = new AnthropicStreamInspector();
    List<StreamEventKind> kinds = new ArrayList<>();
    for (SseEvent e : SdkOracle.events(SampleStreams.bytes(SampleStreams.textAndTwoToolCalls()))) {
      kinds.add(inspector.inspect(e));
      if (kinds.get(kinds.size() - 1) == FINISH) {
        assertThat(inspector.finished()).isTrue();
      } else if (!kinds.contains(FINISH)) {
        assertThat(inspector.finished()).isFalse();
      }
    }
    assertThat(kinds).containsExactly(
        LIFECYCLE, // message_start
        LIFECYCLE, // ping
        LIFECYCLE, // text block start ("")
        CONTENT, CONTENT, CONTENT, // text deltas
        LIFECYCLE, // stop
        CONTENT, // tool_use start
        LIFECYCLE, // input_json_delta ""
        CONTENT, CONTENT, CONTENT, CONTENT,
        LIFECYCLE, // stop
        CONTENT, // tool_use start
        CONTENT, LIFECYCLE /* ping */, CONTENT, CONTENT,
        LIFECYCLE, // stop
        FINISH, DONE);
    assertThat(inspector.finished()).isTrue();
    assertThat(inspector.stopReason()).isEqualTo("tool_use");
    assertThat(inspector.canonicalFinishReason())
        .isEqualTo(dev.ninelives.core.model.FinishReason.TOOL_USE);
    assertThat(inspector.responseModel()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(inspector.usage()).isEqualTo(new TokenUsage(582, 89, 671));
    assertThat(inspector.error()).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "content_block_delta|{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
          + "\"thinking_delta\",\"thinking\":\"hm\"}}|CONTENT",
      "content_block_delta|{\"delta\":{\"text\":\"late type\",\"type\":\"text_delta\"},"
          + "\"type\":\"content_block_delta\",\"index\":0}|CONTENT",
      "content_block_delta|{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
          + "\"text_delta\",\"text\":\"\"}}|LIFECYCLE",
      "content_block_delta|{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
          + "\"signature_delta\",\"signature\":\"abc\"}}|LIFECYCLE",
      "content_block_start|{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
          + "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}|LIFECYCLE",
      "content_block_start|{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
          + "{\"type\":\"text\",\"text\":\"already\"}}|CONTENT",
      "future_event|{\"type\":\"future_event\"}|LIFECYCLE",
      "message_stop|{\"type\":\"message_stop\"}|DONE",
      "error|{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"x\"}}"
          + "|ERROR",
      "message_delta|not json|MALFORMED",
      "message_delta|[]|MALFORMED"})
  void kinds(String name, String data, StreamEventKind expected) {
    assertThat(new AnthropicStreamInspector().inspect(sse(name, data))).isEqualTo(expected);
  }

  @Test
  void errorEvent_isClassifiedAndScrubbed() {
    AnthropicStreamInspector inspector =
        new AnthropicStreamInspector(List.of(Secret.of("hunter2-secret-key")));
    assertThat(inspector.inspect(sse("error", "{\"type\":\"error\",\"error\":{\"type\":"
        + "\"overloaded_error\",\"message\":\"Overloaded for hunter2-secret-key\"}}")))
        .isEqualTo(ERROR);
    assertThat(inspector.error().outcome()).isEqualTo(OutcomeClass.SERVER_ERROR);
    assertThat(inspector.error().message()).doesNotContain("hunter2");
    assertThat(inspector.finished()).isFalse();
  }

  @Test
  void eventsWithoutData() {
    AnthropicStreamInspector inspector = new AnthropicStreamInspector();
    assertThat(inspector.inspect(new SseEvent(": keep-alive\n\n".getBytes(
        StandardCharsets.UTF_8), null, null, null, -1))).isEqualTo(LIFECYCLE);
    assertThat(inspector.inspect(new SseEvent("event: error\n\n".getBytes(
        StandardCharsets.UTF_8), null, "error", null, -1))).isEqualTo(ERROR);
    assertThat(inspector.error().outcome()).isEqualTo(OutcomeClass.STREAM_ERROR);
    assertThat(inspector.inspect(sse("message_delta", "{]"))).isEqualTo(MALFORMED);
    assertThat(inspector.error().outcome()).isEqualTo(OutcomeClass.STREAM_ERROR);
  }
}
