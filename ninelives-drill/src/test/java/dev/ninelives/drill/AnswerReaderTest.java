package dev.ninelives.drill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Answers judged the way an application would: complete or not, right or wrong, in each format.
 * The bodies are what the simulator (and the gateway) send.
 */
class AnswerReaderTest {
  private static final String WORD = "answer-check-0011aabb";

  private static AnswerReader.Judgement read(ClientFormat f, boolean stream, String body) {
    AnswerReader r = new AnswerReader(f, stream, WORD, 0);
    long t = 1;
    for (String line : body.split("\r?\n", -1)) {
      r.line(line, t++);
    }
    return r.finish();
  }

  private static String openAiStream(String... pieces) {
    StringBuilder sb = new StringBuilder("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n");
    for (String p : pieces) {
      sb.append("data: {\"choices\":[{\"delta\":{\"content\":\"").append(p).append("\"}}]}\n\n");
    }
    return sb.toString();
  }

  @Test
  void openAiWholeAnswers() {
    assertThat(read(ClientFormat.OPENAI, false,
        "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Hi " + WORD + "\"}}]}").verdict())
        .isEqualTo(Verdict.OK);
    assertThat(read(ClientFormat.OPENAI, false,
        "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Hi there\"}}]}"))
        .isEqualTo(new AnswerReader.Judgement(Verdict.WRONG, "wrong answer"));
    assertThat(read(ClientFormat.OPENAI, false,
        "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"\"}}]}"))
        .isEqualTo(new AnswerReader.Judgement(Verdict.FAILED, "empty answer"));
    assertThat(read(ClientFormat.OPENAI, false, "{\"choices\":[{\"mess").reason()).isEqualTo("malformed answer");
    assertThat(read(ClientFormat.OPENAI, false, "").reason()).isEqualTo("empty body");
  }

  @Test
  void openAiStreamsMustEndWithDoneAndNoError() {
    assertThat(read(ClientFormat.OPENAI, true, openAiStream("Hi", " " + WORD) + "data: [DONE]\n\n").verdict())
        .isEqualTo(Verdict.OK);
    assertThat(read(ClientFormat.OPENAI, true, openAiStream("Hi", " there") + "data: [DONE]\n\n").verdict())
        .isEqualTo(Verdict.WRONG);
    assertThat(read(ClientFormat.OPENAI, true, openAiStream("Hi", " " + WORD)).reason())
        .isEqualTo("stream ended before the answer was complete");
    assertThat(read(ClientFormat.OPENAI, true,
        openAiStream("Hi") + "data: {\"error\":{\"message\":\"upstream failed\"}}\n\n").reason())
        .isEqualTo("error event in the stream");
    // vLLM follows its error event with [DONE]; the error still decides.
    assertThat(read(ClientFormat.OPENAI, true,
        openAiStream("Hi") + "data: {\"error\":{\"message\":\"x\"}}\n\ndata: [DONE]\n\n").verdict())
        .isEqualTo(Verdict.FAILED);
    assertThat(read(ClientFormat.OPENAI, true, "").reason()).isEqualTo("stream ended before any content");
  }

  @Test
  void timeToFirstTokenIsTheFirstContentNotTheRoleChunk() {
    AnswerReader r = new AnswerReader(ClientFormat.OPENAI, true, WORD, 100);
    r.line("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}", 150);
    r.line("", 151);
    r.line("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}", 400);

    assertThat(r.firstContentNanos()).isEqualTo(300);
  }

  @Test
  void anthropicStreamsEndWithMessageStop() {
    String ok = String.join("\n",
        "event: message_start", "data: {\"type\":\"message_start\",\"message\":{}}", "",
        "event: content_block_delta",
        "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi " + WORD
            + "\"}}", "",
        "event: message_stop", "data: {\"type\":\"message_stop\"}", "");
    assertThat(read(ClientFormat.ANTHROPIC, true, ok).verdict()).isEqualTo(Verdict.OK);
    String error = String.join("\n",
        "event: message_start", "data: {\"type\":\"message_start\",\"message\":{}}", "",
        "event: error", "data: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}", "");
    assertThat(read(ClientFormat.ANTHROPIC, true, error).reason()).isEqualTo("error event in the stream");
    assertThat(read(ClientFormat.ANTHROPIC, false,
        "{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"Hi " + WORD + "\"}]}").verdict())
        .isEqualTo(Verdict.OK);
  }

  @Test
  void geminiStreamsEndWithAFinishReason() {
    String ok = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]}}]}\r\n\r\n"
        + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" " + WORD + "\"}]},\"finishReason\":\"STOP\"}]}"
        + "\r\n\r\n";
    assertThat(read(ClientFormat.GEMINI, true, ok).verdict()).isEqualTo(Verdict.OK);
    assertThat(read(ClientFormat.GEMINI, true,
        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]}}]}\r\n\r\n").verdict())
        .isEqualTo(Verdict.FAILED);
    assertThat(read(ClientFormat.GEMINI, false,
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi " + WORD + "\"}]}}]}").verdict())
        .isEqualTo(Verdict.OK);
  }
}
