package dev.ninelives.providers.openai;

import static dev.ninelives.providers.openai.CodecTestSupport.CLOCK;
import static dev.ninelives.providers.openai.CodecTestSupport.JSON;
import static dev.ninelives.providers.openai.CodecTestSupport.bytes;
import static dev.ninelives.providers.openai.CodecTestSupport.dataLines;
import static dev.ninelives.providers.openai.CodecTestSupport.sdkChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.core.model.Usage;
import dev.ninelives.providers.SseParser;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A realistic OpenAI stream (text, then two parallel tool calls whose arguments arrive in many
 * small fragments, the finish, the usage chunk and {@code [DONE]}) goes through the decoder and
 * back out through the encoder. The official SDK must accept every chunk written, and putting
 * the chunks together must give back the original text and arguments.
 */
class OpenAiStreamRoundTripTest {
  static final String TEXT = "Let me check both cities — \"Paris\" and Rome. 🌦️ One moment…";
  static final String ARGS_A = "{\"city\":\"Paris\",\"units\":\"metric\",\"days\":[1,2,3]}";
  static final String ARGS_B = "{\"city\":\"Rome\",\"tz\":\"Europe/Rome\",\"note\":\"é\\\"x\"}";

  /** Builds the upstream body; {@code interleave} mixes the two calls' fragments. */
  static String upstreamStream(boolean interleave, long seed) throws Exception {
    Random random = new Random(seed);
    StringBuilder body = new StringBuilder();
    body.append(chunk(delta -> delta.put("role", "assistant").put("content", "")
        .putNull("refusal"), null));
    for (String piece : split(TEXT, random)) {
      body.append(chunk(delta -> delta.put("content", piece), null));
    }
    List<String> a = split(ARGS_A, random);
    List<String> b = split(ARGS_B, random);
    body.append(toolStart(0, "call_weather", "get_weather"));
    if (!interleave) {
      for (String piece : a) {
        body.append(toolPiece(0, piece));
      }
      body.append(toolStart(1, "call_time", "get_time"));
      for (String piece : b) {
        body.append(toolPiece(1, piece));
      }
    } else {
      body.append(toolStart(1, "call_time", "get_time"));
      int i = 0;
      int j = 0;
      while (i < a.size() || j < b.size()) {
        if (j >= b.size() || (i < a.size() && random.nextBoolean())) {
          body.append(toolPiece(0, a.get(i++)));
        } else {
          body.append(toolPiece(1, b.get(j++)));
        }
      }
    }
    body.append(chunk(delta -> { }, "tool_calls"));
    body.append("data: {\"id\":\"chatcmpl-up\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1700000000,\"model\":\"gpt-4.1-2025-04-14\",\"choices\":[],"
        + "\"usage\":{\"prompt_tokens\":321,\"completion_tokens\":87,\"total_tokens\":408,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":256,\"audio_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
        + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
        + "\"obfuscation\":\"aB3\"}\n\n");
    body.append("data: [DONE]\n\n");
    return body.toString();
  }

  interface DeltaFiller {
    void fill(ObjectNode delta);
  }

  static String chunk(DeltaFiller filler, String finish) throws Exception {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-up").put("object", "chat.completion.chunk")
        .put("created", 1700000000).put("model", "gpt-4.1-2025-04-14")
        .put("service_tier", "default").put("system_fingerprint", "fp_1");
    ArrayNode choices = root.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    filler.fill(choice.putObject("delta"));
    choice.putNull("logprobs");
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    root.putNull("usage");
    root.put("obfuscation", "xyz");
    return "data: " + JSON.writeValueAsString(root) + "\n\n";
  }

  static String toolStart(int index, String id, String name) throws Exception {
    return chunk(delta -> {
      ObjectNode call = delta.putArray("tool_calls").addObject();
      call.put("index", index).put("id", id).put("type", "function");
      call.putObject("function").put("name", name).put("arguments", "");
    }, null);
  }

  static String toolPiece(int index, String piece) throws Exception {
    return chunk(delta -> {
      ObjectNode call = delta.putArray("tool_calls").addObject();
      call.put("index", index);
      call.putObject("function").put("arguments", piece);
    }, null);
  }

  /** Splits text into pieces of 1 to 4 code points (never inside a surrogate pair). */
  static List<String> split(String text, Random random) {
    List<String> pieces = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int end = i;
      int points = 1 + random.nextInt(4);
      for (int k = 0; k < points && end < text.length(); k++) {
        end = text.offsetByCodePoints(end, 1);
      }
      pieces.add(text.substring(i, end));
      i = end;
    }
    return pieces;
  }

  /** Feeds the body to the gateway's SSE parser in random slices, as a network would. */
  static List<StreamEvent> decodeInSlices(String body, long seed) {
    byte[] raw = bytes(body);
    OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
    List<StreamEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(e -> decoder.decode(e, events::add));
    Random random = new Random(seed);
    int i = 0;
    while (i < raw.length) {
      int n = Math.min(raw.length - i, 1 + random.nextInt(40));
      parser.feed(raw, i, n);
      i += n;
    }
    parser.finish();
    decoder.end(events::add);
    return events;
  }

  @ParameterizedTest(name = "interleaved={0}, includeUsage={1}, seed={2}")
  @CsvSource({"false, true, 1", "false, false, 2", "true, true, 3", "true, false, 4"})
  void upstreamToCanonicalToClient(boolean interleave, boolean includeUsage, long seed)
      throws Exception {
    String upstream = upstreamStream(interleave, seed);
    List<StreamEvent> events = decodeInSlices(upstream, seed);

    // The canonical view: one text block, then one block per call, closed in order.
    assertThat(events.get(0)).isEqualTo(
        new StreamEvent.Start("chatcmpl-up", "gpt-4.1-2025-04-14", Usage.UNKNOWN));
    assertThat(events).filteredOn(e -> e instanceof StreamEvent.ToolCallStart).containsExactly(
        new StreamEvent.ToolCallStart(1, "call_weather", "get_weather"),
        new StreamEvent.ToolCallStart(2, "call_time", "get_time"));
    assertThat(events.subList(events.size() - 6, events.size())).containsExactly(
        new StreamEvent.BlockStop(0), new StreamEvent.BlockStop(1),
        new StreamEvent.BlockStop(2),
        new StreamEvent.Finish(FinishReason.TOOL_USE, null, Usage.UNKNOWN),
        new StreamEvent.UsageUpdate(new Usage(321, 87, 256, -1, 0)),
        new StreamEvent.Done());
    StringBuilder canonicalText = new StringBuilder();
    Map<Integer, StringBuilder> canonicalArgs = new HashMap<>();
    for (StreamEvent e : events) {
      if (e instanceof StreamEvent.TextDelta) {
        assertThat(((StreamEvent.TextDelta) e).index()).isZero();
        canonicalText.append(((StreamEvent.TextDelta) e).text());
      } else if (e instanceof StreamEvent.ToolCallDelta) {
        StreamEvent.ToolCallDelta d = (StreamEvent.ToolCallDelta) e;
        canonicalArgs.computeIfAbsent(d.index(), k -> new StringBuilder())
            .append(d.argumentsFragment());
      }
    }
    assertThat(canonicalText.toString()).isEqualTo(TEXT);
    assertThat(canonicalArgs.get(1).toString()).isEqualTo(ARGS_A);
    assertThat(canonicalArgs.get(2).toString()).isEqualTo(ARGS_B);

    // Back out to an OpenAI client.
    OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(includeUsage, CLOCK);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (StreamEvent e : events) {
      encoder.encode(e, out);
    }
    List<String> data = dataLines(out.toByteArray());
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    Map<Long, StringBuilder> args = new HashMap<>();
    Map<Long, String> ids = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    String finish = null;
    ChatCompletionChunk usageChunk = null;
    for (String d : data.subList(0, data.size() - 1)) {
      ChatCompletionChunk c = sdkChunk(d); // the official SDK parses and validates each chunk
      assertThat(c.id()).isEqualTo("chatcmpl-up");
      assertThat(c.model()).isEqualTo("gpt-4.1-2025-04-14");
      if (c.choices().isEmpty()) {
        usageChunk = c;
        continue;
      }
      ChatCompletionChunk.Choice.Delta delta = c.choices().get(0).delta();
      delta.content().ifPresent(text::append);
      for (ChatCompletionChunk.Choice.Delta.ToolCall call
          : delta.toolCalls().orElse(List.of())) {
        call.id().ifPresent(id -> ids.put(call.index(), id));
        call.function().flatMap(f -> f.name()).ifPresent(n -> names.put(call.index(), n));
        call.function().flatMap(f -> f.arguments()).ifPresent(piece ->
            args.computeIfAbsent(call.index(), k -> new StringBuilder()).append(piece));
      }
      if (c.choices().get(0).finishReason().isPresent()) {
        finish = c.choices().get(0).finishReason().get().asString();
      }
    }
    assertThat(text.toString()).isEqualTo(TEXT);
    assertThat(ids).containsExactlyInAnyOrderEntriesOf(
        Map.of(0L, "call_weather", 1L, "call_time"));
    assertThat(names).containsExactlyInAnyOrderEntriesOf(
        Map.of(0L, "get_weather", 1L, "get_time"));
    assertThat(args.get(0L).toString()).isEqualTo(ARGS_A);
    assertThat(args.get(1L).toString()).isEqualTo(ARGS_B);
    assertThat(finish).isEqualTo("tool_calls");
    if (includeUsage) {
      assertThat(usageChunk).isNotNull();
      assertThat(usageChunk.usage().orElseThrow().promptTokens()).isEqualTo(321);
      assertThat(usageChunk.usage().orElseThrow().completionTokens()).isEqualTo(87);
      assertThat(usageChunk.usage().orElseThrow().totalTokens()).isEqualTo(408);
    } else {
      assertThat(usageChunk).isNull();
    }
  }

  /** The oracle is strict: a chunk missing a required member is refused. */
  @Test
  void theSdkRejectsAnIncompleteChunk() {
    assertThatThrownBy(() -> sdkChunk("{\"id\":\"x\",\"object\":\"chat.completion.chunk\","
        + "\"model\":\"m\",\"choices\":[]}")).isInstanceOf(OpenAIInvalidDataException.class);
  }
}
