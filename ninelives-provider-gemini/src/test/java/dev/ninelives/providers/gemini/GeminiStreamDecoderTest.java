package dev.ninelives.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.Secret;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.core.model.StreamEvent.BlockStop;
import dev.ninelives.core.model.StreamEvent.Done;
import dev.ninelives.core.model.StreamEvent.Finish;
import dev.ninelives.core.model.StreamEvent.Start;
import dev.ninelives.core.model.StreamEvent.TextDelta;
import dev.ninelives.core.model.StreamEvent.ToolCallDelta;
import dev.ninelives.core.model.StreamEvent.ToolCallStart;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.SseParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stream decoder, fed raw {@code alt=sse} bytes through the shared SSE parser exactly as the
 * relay does. Every answer chunk is first parsed by Google's {@code GenerateContentResponse}.
 */
class GeminiStreamDecoderTest {
  private static final String MODEL = "gemini-2.5-flash";

  static String j(String caretJson) {
    return caretJson.replace('^', '"');
  }

  /** An alt=sse body as Gemini writes it: data lines, events separated by CRLF CRLF. */
  static String sse(String... caretChunks) {
    StringBuilder b = new StringBuilder();
    for (String c : caretChunks) {
      String json = j(c);
      if (!json.contains("\"error\"") && json.startsWith("{") && json.endsWith("}")) {
        GeminiProto.response(json);
      }
      b.append("data: ").append(json).append("\r\n\r\n");
    }
    return b.toString();
  }

  static String chunk(String parts, String finishReason, String usage) {
    return "{^candidates^:[{^content^:{^parts^:[" + parts + "],^role^:^model^}"
        + (finishReason == null ? "" : ",^finishReason^:^" + finishReason + "^")
        + ",^index^:0}]" + (usage == null ? "" : "," + usage)
        + ",^modelVersion^:^gemini-2.5-flash^,^responseId^:^r1^}";
  }

  static String textPart(String t) {
    return "{^text^:^" + t + "^}";
  }

  static final String PARTIAL_USAGE = "^usageMetadata^:{^promptTokenCount^:8,"
      + "^totalTokenCount^:8,^promptTokensDetails^:[{^modality^:^TEXT^,^tokenCount^:8}]}";
  static final String FINAL_USAGE = "^usageMetadata^:{^promptTokenCount^:8,"
      + "^candidatesTokenCount^:6,^totalTokenCount^:30,^thoughtsTokenCount^:16}";

  static List<StreamEvent> run(GeminiStreamDecoder d, String body, boolean byteByByte) {
    List<StreamEvent> out = new ArrayList<>();
    SseParser parser = new SseParser(e -> d.decode(e, out::add));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (byteByByte) {
      for (int i = 0; i < bytes.length; i++) {
        parser.feed(bytes, i, 1);
      }
    } else {
      parser.feed(bytes, 0, bytes.length);
    }
    parser.finish();
    d.end(out::add);
    return out;
  }

  static List<StreamEvent> run(String body) {
    return run(new GeminiStreamDecoder(MODEL), body, false);
  }

  @Test
  void text_overCrlfSeparatedChunks() {
    List<StreamEvent> events = run(sse(
        chunk(textPart("The"), null, PARTIAL_USAGE),
        chunk(textPart(" sky is"), null, PARTIAL_USAGE),
        chunk(textPart(" blue."), "STOP", FINAL_USAGE)));

    assertThat(events).containsExactly(
        new Start("r1", "gemini-2.5-flash", Usage.UNKNOWN),
        new TextDelta(0, "The"),
        new TextDelta(0, " sky is"),
        new TextDelta(0, " blue."),
        new BlockStop(0),
        new Finish(FinishReason.END_TURN, null, new Usage(8, 22, 0, 0, 16)),
        new Done());
  }

  @Test
  void byteByByteFeeding_givesTheSameEvents() {
    String body = sse(chunk(textPart("Hi"), null, null),
        chunk("{^functionCall^:{^name^:^f^,^args^:{^a^:1}}}", "STOP", FINAL_USAGE));

    assertThat(run(new GeminiStreamDecoder(MODEL), body, true))
        .isEqualTo(run(new GeminiStreamDecoder(MODEL), body, false));
  }

  @Test
  void functionCall_arrivesWhole_asItsOwnBlock_andStopMeansToolUse() {
    List<StreamEvent> events = run(sse(
        chunk(textPart("Let me check."), null, PARTIAL_USAGE),
        chunk("{^functionCall^:{^name^:^get_weather^,^args^:{^city^:^Paris^}},"
            + "^thoughtSignature^:^CiQBVKhc^}", "STOP", FINAL_USAGE)));

    assertThat(events).containsExactly(
        new Start("r1", "gemini-2.5-flash", Usage.UNKNOWN),
        new TextDelta(0, "Let me check."),
        new BlockStop(0),
        new ToolCallStart(1, "call_r1_0", "get_weather"),
        new ToolCallDelta(1, "{\"city\":\"Paris\"}"),
        new BlockStop(1),
        new Finish(FinishReason.TOOL_USE, null, new Usage(8, 22, 0, 0, 16)),
        new Done());
  }

  @Test
  void parallelCalls_inOneChunk_thenAFinishChunk() {
    List<StreamEvent> events = run(sse(
        chunk("{^functionCall^:{^name^:^get_weather^,^args^:{^city^:^Paris^}}},"
            + "{^functionCall^:{^id^:^g1^,^name^:^get_weather^,^args^:{^city^:^Tokyo^}}}",
            null, PARTIAL_USAGE),
        chunk(textPart(""), "STOP", FINAL_USAGE)));

    assertThat(events).containsExactly(
        new Start("r1", "gemini-2.5-flash", Usage.UNKNOWN),
        new ToolCallStart(0, "call_r1_0", "get_weather"),
        new ToolCallDelta(0, "{\"city\":\"Paris\"}"),
        new BlockStop(0),
        new ToolCallStart(1, "g1", "get_weather"),
        new ToolCallDelta(1, "{\"city\":\"Tokyo\"}"),
        new BlockStop(1),
        new Finish(FinishReason.TOOL_USE, null, new Usage(8, 22, 0, 0, 16)),
        new Done());
  }

  @Test
  void textAfterACall_opensANewTextBlock() {
    List<StreamEvent> events = run(sse(
        chunk("{^functionCall^:{^name^:^f^}}", null, null),
        chunk(textPart("done"), "STOP", null)));

    assertThat(events).containsSubsequence(new BlockStop(0), new TextDelta(1, "done"),
        new BlockStop(1));
  }

  @Test
  void blockedPrompt_finishesWithContentFilter() {
    List<StreamEvent> events = run(sse("{^promptFeedback^:{^blockReason^:^PROHIBITED_CONTENT^},"
        + "^usageMetadata^:{^promptTokenCount^:7,^totalTokenCount^:7},"
        + "^modelVersion^:^gemini-2.5-flash^,^responseId^:^b1^}"));

    assertThat(events).containsExactly(
        new Start("b1", "gemini-2.5-flash", Usage.UNKNOWN),
        new Finish(FinishReason.CONTENT_FILTER, null, new Usage(7, 0, 0, 0, 0)),
        new Done());
  }

  @Test
  void safetyStopMidAnswer_isContentFilter() {
    List<StreamEvent> events = run(sse(
        chunk(textPart("Step one:"), null, null),
        "{^candidates^:[{^finishReason^:^SAFETY^,^index^:0,^safetyRatings^:[{^category^:"
            + "^HARM_CATEGORY_DANGEROUS_CONTENT^,^probability^:^HIGH^,^blocked^:true}]}],"
            + "^responseId^:^r1^}"));

    assertThat(events).endsWith(new BlockStop(0),
        new Finish(FinishReason.CONTENT_FILTER, null, Usage.UNKNOWN), new Done());
  }

  @Test
  void maxTokens() {
    List<StreamEvent> events = run(sse(chunk(textPart("Once upon"), "MAX_TOKENS", FINAL_USAGE)));

    assertThat(events).contains(new Finish(FinishReason.MAX_TOKENS, null,
        new Usage(8, 22, 0, 0, 16)));
  }

  @Test
  void midStreamError_isClassified_andTheStreamNeverCompletes() {
    GeminiStreamDecoder d = new GeminiStreamDecoder(MODEL, List.of(Secret.of("key-abcdef-123")));
    List<StreamEvent> events = run(d, sse(
        chunk(textPart("Partial"), null, null),
        "{^error^:{^code^:503,^message^:^The model is overloaded (key-abcdef-123).^,"
            + "^status^:^UNAVAILABLE^}}",
        chunk(textPart(" ignored"), "STOP", null)), false);

    assertThat(events).hasSize(3);
    assertThat(events.get(1)).isEqualTo(new TextDelta(0, "Partial"));
    StreamEvent.Error error = (StreamEvent.Error) events.get(2);
    assertThat(error.classification().outcome()).isEqualTo(OutcomeClass.SERVER_ERROR);
    assertThat(error.classification().message())
        .startsWith("stream error 503 UNAVAILABLE: The model is overloaded")
        .doesNotContain("key-abcdef-123");
  }

  @Test
  void streamErrors_useTheGeminiTable() {
    StreamEvent rate = lastOf(run(sse("{^error^:{^message^:^Resource has been exhausted.^,"
        + "^status^:^RESOURCE_EXHAUSTED^,^details^:[{^@type^:"
        + "^type.googleapis.com/google.rpc.RetryInfo^,^retryDelay^:^3s^}]}}")));
    StreamEvent key = lastOf(run(sse("{^error^:{^code^:400,^message^:^API key not valid.^,"
        + "^status^:^INVALID_ARGUMENT^,^details^:[{^@type^:"
        + "^type.googleapis.com/google.rpc.ErrorInfo^,^reason^:^API_KEY_INVALID^}]}}")));
    StreamEvent unknown = lastOf(run(sse("{^error^:{^message^:^something broke^}}")));

    assertThat(((StreamEvent.Error) rate).classification().outcome())
        .isEqualTo(OutcomeClass.RATE_LIMITED);
    assertThat(((StreamEvent.Error) rate).classification().retryAfter())
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(((StreamEvent.Error) key).classification().outcome()).isEqualTo(OutcomeClass.AUTH);
    assertThat(((StreamEvent.Error) unknown).classification().outcome())
        .isEqualTo(OutcomeClass.STREAM_ERROR);
  }

  @Test
  void unreadableData_isAStreamError() {
    List<StreamEvent> events = run("data: {\"candidates\":[{\"content\":\r\n\r\n");

    assertThat(events).hasSize(1);
    assertThat(((StreamEvent.Error) events.get(0)).classification().outcome())
        .isEqualTo(OutcomeClass.STREAM_ERROR);
  }

  @Test
  void bodyEndingWithoutAFinish_getsNoDone() {
    List<StreamEvent> events = run(sse(chunk(textPart("cut off"), null, PARTIAL_USAGE)));

    assertThat(events).containsExactly(
        new Start("r1", "gemini-2.5-flash", Usage.UNKNOWN), new TextDelta(0, "cut off"));
  }

  @Test
  void emptyAnswerWithStop_isDegraded() {
    List<StreamEvent> events = run(sse(chunk(textPart(""), "STOP", FINAL_USAGE)));

    assertThat(events).hasSize(2);
    assertThat(((StreamEvent.Error) events.get(1)).classification().outcome())
        .isEqualTo(OutcomeClass.DEGRADED);
  }

  @Test
  void usageAfterTheFinish_isAnUpdate_andLateContentIsIgnored() {
    List<StreamEvent> events = run(sse(
        chunk(textPart("Hi"), "STOP", PARTIAL_USAGE),
        chunk(textPart("late"), null, FINAL_USAGE)));

    assertThat(events).endsWith(new Finish(FinishReason.END_TURN, null, new Usage(8, 0, 0, 0, 0)),
        new StreamEvent.UsageUpdate(new Usage(8, 22, 0, 0, 16)), new Done());
    assertThat(events).doesNotContain(new TextDelta(0, "late"));
  }

  @Test
  void commentsAndAStrayDoneMarker_areIgnored() {
    String body = ": keep-alive\r\n\r\n" + sse(chunk(textPart("x"), "STOP", null))
        + "data: [DONE]\r\n\r\n";

    assertThat(run(body)).containsExactly(new Start("r1", "gemini-2.5-flash", Usage.UNKNOWN),
        new TextDelta(0, "x"), new BlockStop(0),
        new Finish(FinishReason.END_TURN, null, Usage.UNKNOWN), new Done());
  }

  @Test
  void noResponseIdOrModel_mintsAnIdAndReportsTheRequestedModel() {
    List<StreamEvent> events = run(sse(
        "{^candidates^:[{^content^:{^parts^:[{^functionCall^:{^name^:^f^}}],^role^:^model^},"
            + "^finishReason^:^STOP^}]}"));

    Start start = (Start) events.get(0);
    assertThat(start.id()).startsWith("gemini-").hasSize(31);
    assertThat(start.model()).isEqualTo(MODEL);
    ToolCallStart call = (ToolCallStart) events.get(1);
    assertThat(call.id()).isEqualTo("call_" + start.id() + "_0");
  }

  private static StreamEvent lastOf(List<StreamEvent> events) {
    return events.get(events.size() - 1);
  }
}
