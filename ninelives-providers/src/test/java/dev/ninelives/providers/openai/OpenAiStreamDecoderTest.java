package dev.ninelives.providers.openai;

import static dev.ninelives.providers.openai.CodecTestSupport.decodeStream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.core.model.StreamEvent.BlockStop;
import dev.ninelives.core.model.StreamEvent.Done;
import dev.ninelives.core.model.StreamEvent.Finish;
import dev.ninelives.core.model.StreamEvent.Start;
import dev.ninelives.core.model.StreamEvent.TextDelta;
import dev.ninelives.core.model.StreamEvent.ThinkingDelta;
import dev.ninelives.core.model.StreamEvent.ToolCallDelta;
import dev.ninelives.core.model.StreamEvent.ToolCallStart;
import dev.ninelives.core.model.StreamEvent.UsageUpdate;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.SampleStreams;
import dev.ninelives.providers.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamDecoderTest {

  /** One chunk in OpenAI's shape with the given choice delta and finish reason. */
  static String chunk(String delta, String finish) {
    return "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"delta\":" + delta
        + ",\"logprobs\":null,\"finish_reason\":" + (finish == null ? "null" : "\"" + finish
        + "\"") + "}],\"usage\":null}\n\n";
  }

  @Test
  void openAiTextStream_withIncludeUsage() {
    assertThat(decodeStream(SampleStreams.OPENAI)).containsExactly(
        new Start("chatcmpl-1", "gpt-4.1", Usage.UNKNOWN),
        new TextDelta(0, "Héllo 👋 世界"),
        new BlockStop(0),
        new Finish(FinishReason.END_TURN, null, Usage.UNKNOWN),
        new UsageUpdate(new Usage(9, 4, 0, -1, -1)),
        new Done());
  }

  @Test
  void azure_promptFilterChunkIsIgnored_andStartComesFromTheFirstRealChunk() {
    assertThat(decodeStream(SampleStreams.AZURE)).containsExactly(
        new Start("chatcmpl-a", "gpt-4o", Usage.UNKNOWN),
        new TextDelta(0, "Hi"),
        new BlockStop(0),
        new Finish(FinishReason.END_TURN, null, Usage.UNKNOWN),
        new Done());
  }

  @Test
  void parallelToolCalls_areToldApartByIndex_evenInterleaved() {
    String body = chunk("{\"role\":\"assistant\",\"content\":\"\"}", null)
        + chunk("{\"content\":\"Checking \"}", null)
        + chunk("{\"content\":\"both.\"}", null)
        + chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_A\",\"type\":\"function\","
            + "\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]}", null)
        + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]}",
            null)
        + chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_B\",\"type\":\"function\","
            + "\"function\":{\"name\":\"time\",\"arguments\":\"{\\\"tz\\\"\"}}]}", null)
        + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\":1}\"}},"
            + "{\"index\":1,\"function\":{\"arguments\":\":2}\"}}]}", null)
        + chunk("{}", "tool_calls")
        + "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"gpt-4.1\",\"choices\":[],\"usage\":{\"prompt_tokens\":50,"
        + "\"completion_tokens\":25,\"total_tokens\":75,\"completion_tokens_details\":"
        + "{\"reasoning_tokens\":0}}}\n\n"
        + "data: [DONE]\n\n";
    assertThat(decodeStream(body)).containsExactly(
        new Start("chatcmpl-s", "gpt-4.1", Usage.UNKNOWN),
        new TextDelta(0, "Checking "),
        new TextDelta(0, "both."),
        new ToolCallStart(1, "call_A", "weather"),
        new ToolCallDelta(1, "{\"ci"),
        new ToolCallStart(2, "call_B", "time"),
        new ToolCallDelta(2, "{\"tz\""),
        new ToolCallDelta(1, "ty\":1}"),
        new ToolCallDelta(2, ":2}"),
        new BlockStop(0),
        new BlockStop(1),
        new BlockStop(2),
        new Finish(FinishReason.TOOL_USE, null, Usage.UNKNOWN),
        new UsageUpdate(new Usage(50, 25, -1, -1, 0)),
        new Done());
  }

  @Test
  void reasoningThenText_reasoningBlockFirst_andDuplicateFieldsCountOnce() {
    String body = chunk("{\"role\":\"assistant\",\"content\":null,"
            + "\"reasoning_content\":\"Hmm\",\"reasoning\":\"Hmm\"}", null)
        + chunk("{\"reasoning\":\", fine.\"}", null)
        + chunk("{\"content\":\"Answer\",\"reasoning_content\":null}", null)
        + chunk("{}", "length")
        + "data: [DONE]\n\n";
    assertThat(decodeStream(body)).containsExactly(
        new Start("chatcmpl-s", "gpt-4.1", Usage.UNKNOWN),
        new ThinkingDelta(0, "Hmm"),
        new ThinkingDelta(0, ", fine."),
        new TextDelta(1, "Answer"),
        new BlockStop(0),
        new BlockStop(1),
        new Finish(FinishReason.MAX_TOKENS, null, Usage.UNKNOWN),
        new Done());
  }

  @Test
  void finishChunkCarryingContentAndUsage_ollamaAndVllmStyle() {
    String body = "data: {\"id\":\"chatcmpl-o\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1,\"model\":\"qwen3\",\"system_fingerprint\":\"fp_ollama\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
        + "\"tool_calls\":[{\"id\":\"call_x\",\"index\":0,\"type\":\"function\",\"function\":"
        + "{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}\n\n"
        + "data: [DONE]\n\n";
    assertThat(decodeStream(body)).containsExactly(
        new Start("chatcmpl-o", "qwen3", Usage.UNKNOWN),
        new ToolCallStart(0, "call_x", "f"),
        new ToolCallDelta(0, "{\"a\":1}"),
        new BlockStop(0),
        new Finish(FinishReason.TOOL_USE, null, new Usage(7, 3, -1, -1, -1)),
        new Done());
  }

  @Test
  void serversThatNumberEveryCallZero_getOneBlockPerCallId() {
    String body = chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"function\":"
            + "{\"name\":\"a\",\"arguments\":\"{}\"}}]}", null)
        + chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"function\":"
            + "{\"arguments\":\"\"}}]}", null)
        + chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"c2\",\"function\":"
            + "{\"name\":\"b\",\"arguments\":\"{}\"}}]}", "tool_calls");
    List<StreamEvent> events = decodeStream(body);
    assertThat(events).filteredOn(e -> e instanceof ToolCallStart).containsExactly(
        new ToolCallStart(0, "c1", "a"), new ToolCallStart(1, "c2", "b"));
  }

  @Test
  void errorsInsideTheStream_areClassified() {
    List<StreamEvent> vllm = decodeStream(SampleStreams.VLLM_ERROR);
    assertThat(vllm).hasSize(4);
    assertThat(vllm.get(0)).isInstanceOf(Start.class);
    assertThat(vllm.get(1)).isEqualTo(new TextDelta(0, "The"));
    StreamEvent.Error error = (StreamEvent.Error) vllm.get(2);
    assertThat(error.classification().outcome()).isEqualTo(OutcomeClass.SERVER_ERROR);
    assertThat(error.classification().message()).contains("CUDA error");
    assertThat(vllm.get(3)).isEqualTo(new Done());

    StreamEvent.Error rate = (StreamEvent.Error) decodeStream("data: {\"error\":{\"message\":"
        + "\"slow down\",\"type\":\"rate_limit_exceeded\",\"param\":null,\"code\":null}}\n\n")
        .get(0);
    assertThat(rate.classification().outcome()).isEqualTo(OutcomeClass.RATE_LIMITED);

    StreamEvent.Error old = (StreamEvent.Error) decodeStream("data: {\"object\":\"error\","
        + "\"message\":\"This model's maximum context length is 4096 tokens\",\"type\":"
        + "\"BadRequestError\",\"code\":400}\n\n").get(0);
    assertThat(old.classification().outcome()).isEqualTo(OutcomeClass.CONTEXT_LENGTH);
  }

  @Test
  void dataThatIsNotJson_isAStreamError() {
    for (String data : new String[] {"data: not json\n\n", "data: [1,2]\n\n",
        "data: {\"id\":1} {}\n\n", "data: {\"choices\":[\n\n"}) {
      List<StreamEvent> events = decodeStream(data);
      assertThat(events).as(data).hasSize(1);
      assertThat(((StreamEvent.Error) events.get(0)).classification().outcome())
          .isEqualTo(OutcomeClass.STREAM_ERROR);
    }
  }

  @Test
  void keepAlivesAndMetadataOnly_yieldNothing_andEndAddsNothing() {
    OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
    List<StreamEvent> out = new ArrayList<>();
    for (SseEvent e : CodecTestSupport.events(": keep-alive\n\ndata: \n\n"
        + "data: {\"choices\":[],\"prompt_filter_results\":[]}\n\n")) {
      decoder.decode(e, out::add);
    }
    decoder.end(out::add);
    assertThat(out).isEmpty();
  }

  @Test
  void doneWithWhitespace_isDone() {
    assertThat(decodeStream("data:  [DONE] \n\n")).containsExactly(new Done());
  }
}
