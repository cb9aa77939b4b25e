package dev.ninelives.providers.openai;

import dev.ninelives.providers.StreamEventKind;

import static dev.ninelives.providers.SampleStreams.parseWhole;
import static dev.ninelives.providers.SampleStreams.utf8;
import static dev.ninelives.providers.StreamEventKind.CONTENT;
import static dev.ninelives.providers.StreamEventKind.DONE;
import static dev.ninelives.providers.StreamEventKind.ERROR;
import static dev.ninelives.providers.StreamEventKind.FINISH;
import static dev.ninelives.providers.StreamEventKind.LIFECYCLE;
import static dev.ninelives.providers.StreamEventKind.METADATA;
import static dev.ninelives.providers.StreamEventKind.MALFORMED;
import static dev.ninelives.providers.StreamEventKind.USAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.Secret;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.SampleStreams;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.TokenUsage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiStreamInspectorTest {

  static String j(String caretJson) {
    return caretJson.replace('^', '"');
  }

  static List<StreamEventKind> kinds(String stream) {
    OpenAiStreamInspector inspector = new OpenAiStreamInspector();
    return parseWhole(utf8(stream)).stream().map(inspector::inspect).toList();
  }

  @Test
  void openAiStream_withUsage() {
    OpenAiStreamInspector inspector = new OpenAiStreamInspector();
    List<StreamEventKind> kinds = parseWhole(utf8(SampleStreams.OPENAI)).stream()
        .map(inspector::inspect).toList();
    assertThat(kinds).containsExactly(LIFECYCLE, CONTENT, FINISH, USAGE, DONE);
    assertThat(inspector.finishReason()).isEqualTo("stop");
    assertThat(inspector.usage()).isEqualTo(new TokenUsage(9, 4, 13));
    assertThat(inspector.error()).isNull();
  }

  @Test
  void reportsTheAnsweringModelAndTheCanonicalFinishReason() {
    OpenAiStreamInspector openAi = new OpenAiStreamInspector();
    parseWhole(utf8(SampleStreams.OPENAI)).forEach(openAi::inspect);
    OpenAiStreamInspector azure = new OpenAiStreamInspector();
    parseWhole(utf8(SampleStreams.AZURE)).forEach(azure::inspect);
    OpenAiStreamInspector tools = new OpenAiStreamInspector();
    parseWhole(utf8(SampleStreams.OPENROUTER_TOOLS)).forEach(tools::inspect);

    assertThat(openAi.responseModel()).isEqualTo("gpt-4.1");
    assertThat(openAi.canonicalFinishReason())
        .isEqualTo(dev.ninelives.core.model.FinishReason.END_TURN);
    assertThat(azure.responseModel()).isEqualTo("gpt-4o"); // not the first chunk's ""
    assertThat(tools.canonicalFinishReason())
        .isEqualTo(dev.ninelives.core.model.FinishReason.TOOL_USE);
    assertThat(new OpenAiStreamInspector().canonicalFinishReason()).isNull();
  }

  @Test
  void azureStream_earlyEmptyChoicesChunk_isMetadataNotUsage() {
    assertThat(kinds(SampleStreams.AZURE)).containsExactly(METADATA, LIFECYCLE, CONTENT, FINISH,
        DONE);
  }

  @Test
  void vllmStream_errorThenDone() {
    OpenAiStreamInspector inspector = new OpenAiStreamInspector();
    List<StreamEventKind> kinds = parseWhole(utf8(SampleStreams.VLLM_ERROR)).stream()
        .map(inspector::inspect).toList();
    assertThat(kinds).containsExactly(LIFECYCLE, CONTENT, ERROR, DONE);
    // vLLM's integer code is the HTTP status: 500 reads as a server error.
    assertThat(inspector.error().outcome()).isEqualTo(OutcomeClass.SERVER_ERROR);
    assertThat(inspector.error().message())
        .isEqualTo("stream error InternalServerError: engine dead: CUDA error");
  }

  @Test
  void openRouterStream_commentsToolCallsAndUsageOnTheFinishChunk() {
    OpenAiStreamInspector inspector = new OpenAiStreamInspector();
    List<StreamEventKind> kinds = parseWhole(utf8(SampleStreams.OPENROUTER_TOOLS)).stream()
        .map(inspector::inspect).toList();
    assertThat(kinds).containsExactly(LIFECYCLE, LIFECYCLE, CONTENT, CONTENT, FINISH, DONE);
    assertThat(inspector.finishReason()).isEqualTo("tool_calls");
    assertThat(inspector.usage()).isEqualTo(new TokenUsage(20, 7, 27));
  }

  static Stream<Arguments> singleEvents() {
    return Stream.of(
        Arguments.of("role only", j("{^choices^:[{^index^:0,^delta^:{^role^:^assistant^}}]}"),
            LIFECYCLE),
        Arguments.of("empty content", j("{^choices^:[{^index^:0,^delta^:{^content^:^^}}]}"),
            LIFECYCLE),
        Arguments.of("null content", j("{^choices^:[{^index^:0,^delta^:{^content^:null}}]}"),
            LIFECYCLE),
        Arguments.of("empty delta", j("{^choices^:[{^index^:0,^delta^:{}}]}"), LIFECYCLE),
        Arguments.of("empty tool_calls", j("{^choices^:[{^delta^:{^tool_calls^:[]}}]}"),
            LIFECYCLE),
        Arguments.of("usage null", j("{^choices^:[],^usage^:null}"), METADATA),
        Arguments.of("azure filter results", j("{^choices^:[],^prompt_filter_results^:"
            + "[{^prompt_index^:0}]}"), METADATA),
        Arguments.of("text", j("{^choices^:[{^delta^:{^content^:^Hi^}}]}"), CONTENT),
        Arguments.of("whitespace text", j("{^choices^:[{^delta^:{^content^:^ ^}}]}"), CONTENT),
        Arguments.of("tool call", j("{^choices^:[{^delta^:{^tool_calls^:[{^index^:0,"
            + "^function^:{^arguments^:^^}}]}}]}"), CONTENT),
        Arguments.of("legacy function call", j("{^choices^:[{^delta^:{^function_call^:"
            + "{^name^:^f^}}}]}"), CONTENT),
        Arguments.of("refusal", j("{^choices^:[{^delta^:{^refusal^:^I can't^}}]}"), CONTENT),
        Arguments.of("reasoning_content", j("{^choices^:[{^delta^:{^content^:null,"
            + "^reasoning_content^:^Let me think^}}]}"), CONTENT),
        Arguments.of("reasoning", j("{^choices^:[{^delta^:{^reasoning^:^hmm^}}]}"), CONTENT),
        Arguments.of("empty reasoning", j("{^choices^:[{^delta^:{^reasoning^:^^}}]}"), LIFECYCLE),
        Arguments.of("content with finish", j("{^choices^:[{^delta^:{^content^:^.^},"
            + "^finish_reason^:^length^}]}"), CONTENT),
        Arguments.of("finish", j("{^choices^:[{^delta^:{},^finish_reason^:^stop^}]}"), FINISH),
        Arguments.of("finish with usage", j("{^choices^:[{^delta^:{},^finish_reason^:^stop^}],"
            + "^usage^:{^prompt_tokens^:1,^completion_tokens^:2,^total_tokens^:3}}"), FINISH),
        Arguments.of("usage", j("{^choices^:[],^usage^:{^prompt_tokens^:1,"
            + "^completion_tokens^:2,^total_tokens^:3}}"), USAGE),
        Arguments.of("usage without choices", j("{^usage^:{^prompt_tokens^:1}}"), USAGE),
        Arguments.of("error", j("{^error^:{^message^:^x^,^type^:^server_error^}}"), ERROR),
        Arguments.of("error string", j("{^error^:^boom^}"), ERROR),
        Arguments.of("old vllm error", j("{^object^:^error^,^message^:^x^,^code^:500}"), ERROR),
        Arguments.of("error null", j("{^choices^:[],^error^:null}"), METADATA),
        Arguments.of("done", "[DONE]", DONE),
        Arguments.of("not json", "hello", MALFORMED),
        Arguments.of("truncated json", "{\"choices\":[", MALFORMED),
        Arguments.of("json array", "[1]", MALFORMED),
        Arguments.of("two objects", "{}{}", MALFORMED),
        Arguments.of("empty data", "", LIFECYCLE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleEvents")
  void eachKind(String name, String data, StreamEventKind expected) {
    assertThat(new OpenAiStreamInspector().inspect(SseEvent.ofData(data))).isEqualTo(expected);
  }

  @Test
  void contentWithFinish_remembersTheFinishReason() {
    OpenAiStreamInspector inspector = new OpenAiStreamInspector();
    inspector.inspect(SseEvent.ofData(j("{^choices^:[{^delta^:{^content^:^end^},"
        + "^finish_reason^:^length^}]}")));
    assertThat(inspector.finishReason()).isEqualTo("length");
    inspector.inspect(SseEvent.ofData("[DONE]"));
    assertThat(inspector.finishReason()).isEqualTo("length");
  }

  @Test
  void groqUsage_inXGroq_isRead() {
    OpenAiStreamInspector inspector = new OpenAiStreamInspector();
    StreamEventKind k = inspector.inspect(SseEvent.ofData(j("{^choices^:[{^delta^:{},^finish_reason^:"
        + "^stop^}],^x_groq^:{^id^:^req_1^,^usage^:{^prompt_tokens^:5,^completion_tokens^:6,"
        + "^total_tokens^:11}}}")));
    assertThat(k).isEqualTo(FINISH);
    assertThat(inspector.usage()).isEqualTo(new TokenUsage(5, 6, 11));
  }

  @Test
  void commentAndNoDataEvents_areLifecycle() {
    for (SseEvent e : parseWhole(utf8(": keep-alive\n\nid: 3\n\n"))) {
      assertThat(new OpenAiStreamInspector().inspect(e)).isEqualTo(LIFECYCLE);
    }
  }

  @Test
  void namedErrorEvent_isAnErrorEvenWithoutAnErrorKey() {
    List<SseEvent> events = parseWhole(utf8("event: error\ndata: {\"detail\":\"x\"}\n\n"));
    OpenAiStreamInspector inspector = new OpenAiStreamInspector();
    assertThat(inspector.inspect(events.get(0))).isEqualTo(ERROR);
    assertThat(inspector.error().outcome()).isEqualTo(OutcomeClass.STREAM_ERROR);
  }

  static Stream<Arguments> streamErrors() {
    return Stream.of(
        Arguments.of(j("{^error^:{^type^:^overloaded_error^,^message^:^Overloaded^}}"),
            OutcomeClass.SERVER_ERROR),
        Arguments.of(j("{^error^:{^message^:^The server had an error^,^type^:^server_error^,"
            + "^param^:null,^code^:null}}"), OutcomeClass.SERVER_ERROR),
        Arguments.of(j("{^error^:{^message^:^Rate limit^,^type^:^tokens^,"
            + "^code^:^rate_limit_exceeded^}}"), OutcomeClass.RATE_LIMITED),
        Arguments.of(j("{^error^:{^message^:^quota^,^type^:^insufficient_quota^}}"),
            OutcomeClass.AUTH),
        Arguments.of(j("{^error^:{^message^:^This model's maximum context length is 4096^,"
            + "^type^:^BadRequestError^}}"), OutcomeClass.CONTEXT_LENGTH),
        Arguments.of(j("{^error^:{^message^:^filtered^,^code^:^content_filter^}}"),
            OutcomeClass.CONTENT_POLICY),
        Arguments.of(j("{^error^:{^message^:^x^,^code^:503}}"), OutcomeClass.SERVER_ERROR),
        Arguments.of(j("{^error^:{^message^:^x^,^code^:^429^}}"), OutcomeClass.RATE_LIMITED),
        Arguments.of(j("{^error^:{^message^:^something odd^,^type^:^weird^}}"),
            OutcomeClass.STREAM_ERROR),
        Arguments.of(j("{^error^:^boom^}"), OutcomeClass.STREAM_ERROR),
        Arguments.of(j("{^object^:^error^,^message^:^x^,^type^:^InternalServerError^,"
            + "^code^:500}"), OutcomeClass.SERVER_ERROR));
  }

  @ParameterizedTest
  @MethodSource("streamErrors")
  void streamErrors_areClassifiedByTheFamilyTable(String data, OutcomeClass expected) {
    OpenAiStreamInspector inspector = new OpenAiStreamInspector();
    assertThat(inspector.inspect(SseEvent.ofData(data))).isEqualTo(ERROR);
    assertThat(inspector.error().outcome()).isEqualTo(expected);
    assertThat(inspector.error().retryAfter()).isNull();
  }

  @Test
  void streamErrorMessage_isScrubbed() {
    Secret key = Secret.of("token-for-local-server");
    OpenAiStreamInspector inspector = new OpenAiStreamInspector(List.of(key));
    inspector.inspect(SseEvent.ofData(j("{^error^:{^message^:^bad token-for-local-server and "
        + "sk-abcdefghijklmnopqrstuvwx^}}")));
    assertThat(inspector.error().message()).doesNotContain("token-for-local-server")
        .doesNotContain("sk-abcdefghijklmnopqrstuvwx");
  }

  @Test
  void malformedEvent_reportsAStreamError() {
    OpenAiStreamInspector inspector = new OpenAiStreamInspector();
    assertThat(inspector.inspect(SseEvent.ofData("{oops"))).isEqualTo(MALFORMED);
    assertThat(inspector.error().outcome()).isEqualTo(OutcomeClass.STREAM_ERROR);
  }

  @Test
  void unknownFinishReason_isKeptAsSent() {
    OpenAiStreamInspector inspector = new OpenAiStreamInspector();
    inspector.inspect(SseEvent.ofData(j("{^choices^:[{^delta^:{},^finish_reason^:"
        + "^model_length^}]}")));
    assertThat(inspector.finishReason()).isEqualTo("model_length");
  }
}
