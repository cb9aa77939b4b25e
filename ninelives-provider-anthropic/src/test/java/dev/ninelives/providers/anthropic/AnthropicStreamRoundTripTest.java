package dev.ninelives.providers.anthropic;

import static dev.ninelives.providers.anthropic.SdkOracle.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.SseParser;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A realistic Anthropic stream (message_start, pings, a text block, two tool_use blocks whose
 * input arrives as input_json_delta fragments, message_delta, message_stop), fed to the parser
 * in ragged chunks, decoded to canonical events and encoded back for an Anthropic client:
 * every event the client gets passes the SDK, and the text and arguments reassemble exactly.
 */
class AnthropicStreamRoundTripTest {

  static byte[] roundTrip(byte[] upstream, long seed) {
    AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
    AnthropicStreamEncoder encoder = new AnthropicStreamEncoder();
    ByteArrayOutputStream client = new ByteArrayOutputStream();
    List<StreamEvent> canonical = new ArrayList<>();
    SseParser parser = new SseParser(e -> decoder.decode(e, ev -> {
      canonical.add(ev);
      encoder.encode(ev, client);
    }));
    Random random = new Random(seed);
    int i = 0;
    while (i < upstream.length) {
      int n = Math.min(upstream.length - i, 1 + random.nextInt(40));
      parser.feed(upstream, i, n);
      i += n;
    }
    parser.finish();
    decoder.end(ev -> encoder.encode(ev, client));
    assertThat(canonical).filteredOn(e -> e instanceof StreamEvent.Error).isEmpty();
    return client.toByteArray();
  }

  @Test
  void everyEventPassesTheSdk_andTextAndArgumentsReassembleExactly() {
    byte[] upstream = SampleStreams.bytes(SampleStreams.textAndTwoToolCalls());
    for (long seed = 0; seed < 5; seed++) {
      byte[] client = roundTrip(upstream, seed);

      // Event by event: the name matches the type, and the SDK parses and validates it.
      Map<Integer, StringBuilder> pieces = new TreeMap<>();
      List<String> names = new ArrayList<>();
      for (SseEvent e : SdkOracle.events(client)) {
        names.add(e.event());
        SdkOracle.streamEvent(e.data());
        JsonNode d = tree(e.dataBytes());
        assertThat(d.get("type").asText()).isEqualTo(e.event());
        if (e.event().equals("content_block_delta")) {
          JsonNode delta = d.get("delta");
          String piece = delta.has("text") ? delta.get("text").asText()
              : delta.get("partial_json").asText();
          pieces.computeIfAbsent(d.get("index").asInt(), k -> new StringBuilder()).append(piece);
        }
      }
      assertThat(names).containsExactly("message_start",
          "content_block_start", "content_block_delta", "content_block_delta",
          "content_block_delta", "content_block_stop",
          "content_block_start", "content_block_delta", "content_block_delta",
          "content_block_delta", "content_block_delta", "content_block_stop",
          "content_block_start", "content_block_delta", "content_block_delta",
          "content_block_delta", "content_block_stop",
          "message_delta", "message_stop");
      assertThat(pieces.get(0)).hasToString(SampleStreams.TEXT_JOINED);
      assertThat(pieces.get(1)).hasToString(SampleStreams.TOOL_1_JOINED);
      assertThat(pieces.get(2)).hasToString(SampleStreams.TOOL_2_JOINED);

      // As a whole: the SDK's accumulator takes the events in order and builds the message.
      Message m = SdkOracle.accumulate(client);
      assertThat(m.id()).isEqualTo("msg_014p7gG3wDgGV9EUtLvnow3U");
      assertThat(m.model().asString()).isEqualTo("claude-sonnet-4-5-20250929");
      assertThat(m.content()).hasSize(3);
      assertThat(m.content().get(0).asText().text()).isEqualTo(SampleStreams.TEXT_JOINED);
      assertThat(m.content().get(1).asToolUse().id())
          .isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
      assertThat(SdkOracle.sdkTree(m.content().get(1).asToolUse()._input()))
          .isEqualTo(tree(SampleStreams.TOOL_1_JOINED));
      assertThat(SdkOracle.sdkTree(m.content().get(2).asToolUse()._input()))
          .isEqualTo(tree(SampleStreams.TOOL_2_JOINED));
      assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
      assertThat(m.usage().inputTokens()).isEqualTo(472);
      assertThat(m.usage().cacheReadInputTokens()).contains(100L);
      assertThat(m.usage().cacheCreationInputTokens()).contains(10L);
      assertThat(m.usage().outputTokens()).isEqualTo(89);
    }
  }
}
