package dev.ninelives.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ninelives.simulator.AnswerCheck;

/**
 * Reads one answer as it arrives, line by line, and judges it the way an application would:
 * complete or not, and right or wrong. A stream is complete when it ends the way its format ends
 * a finished answer (OpenAI: {@code [DONE]}; Anthropic: {@code message_stop}; Gemini: a chunk with
 * a finish reason) with no error event before; an answer is right when its text carries the
 * prompt's check word ({@link AnswerCheck}), so a wrong answer with HTTP 200 counts against it.
 *
 * <p>Not thread-safe: the HTTP client delivers one response's lines in order.
 */
final class AnswerReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClientFormat format;
  private final boolean stream;
  private final String checkWord;
  private final long sentNanos;
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder body = new StringBuilder();
  private String event = "";
  private boolean finished;
  private boolean errorEvent;
  private boolean malformed;
  private long firstContentNanos = -1;

  AnswerReader(ClientFormat format, boolean stream, String checkWord, long sentNanos) {
    this.format = format;
    this.stream = stream;
    this.checkWord = checkWord;
    this.sentNanos = sentNanos;
  }

  /** One line of the body, without its line break, received at {@code nowNanos}. */
  void line(String line, long nowNanos) {
    if (!stream) {
      body.append(line).append('\n');
      return;
    }
    if (line.startsWith("event:")) {
      event = line.substring(6).trim();
      return;
    }
    if (!line.startsWith("data:")) {
      return;
    }
    String data = line.substring(5).trim();
    if (data.equals("[DONE]")) {
      // vLLM sends [DONE] after an error event; the error still decides.
      finished = format == ClientFormat.OPENAI || format == ClientFormat.AZURE;
      return;
    }
    JsonNode json;
    try {
      json = JSON.readTree(data);
    } catch (Exception e) {
      malformed = true;
      return;
    }
    if (json == null) {
      return;
    }
    String piece = streamPiece(json);
    if (piece != null && !piece.isEmpty()) {
      if (firstContentNanos < 0) {
        firstContentNanos = nowNanos - sentNanos;
      }
      text.append(piece);
    }
  }

  /** The text an event carries, noting errors and the end on the way. */
  private String streamPiece(JsonNode json) {
    switch (format) {
      case ANTHROPIC: {
        String type = json.path("type").asText(event);
        if (type.equals("error") || event.equals("error")) {
          errorEvent = true;
        } else if (type.equals("message_stop")) {
          finished = true;
        } else if (type.equals("content_block_delta")) {
          return json.path("delta").path("text").asText("");
        }
        return null;
      }
      case GEMINI: {
        if (json.has("error")) {
          errorEvent = true;
          return null;
        }
        JsonNode candidate = json.path("candidates").path(0);
        if (candidate.hasNonNull("finishReason")) {
          finished = true;
        }
        return parts(candidate.path("content").path("parts"));
      }
      default: {
        if (json.has("error")) {
          errorEvent = true;
          return null;
        }
        return json.path("choices").path(0).path("delta").path("content").asText("");
      }
    }
  }

  private static String parts(JsonNode parts) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode p : parts) {
      sb.append(p.path("text").asText(""));
    }
    return sb.toString();
  }

  /** Nanoseconds from sending to the first content, or -1. */
  long firstContentNanos() {
    return firstContentNanos;
  }

  /** The verdict once the body has ended, with the reason for a failure. */
  Judgement finish() {
    if (stream) {
      if (errorEvent) {
        return new Judgement(Verdict.FAILED, "error event in the stream");
      }
      if (malformed) {
        return new Judgement(Verdict.FAILED, "malformed stream event");
      }
      if (!finished) {
        return new Judgement(Verdict.FAILED, text.length() == 0 ? "stream ended before any content"
            : "stream ended before the answer was complete");
      }
      return judgeText(text.toString());
    }
    JsonNode json;
    try {
      json = JSON.readTree(body.toString());
    } catch (Exception e) {
      return new Judgement(Verdict.FAILED, "malformed answer");
    }
    if (json == null || !json.isObject()) {
      return new Judgement(Verdict.FAILED, body.toString().isBlank() ? "empty body" : "malformed answer");
    }
    String whole;
    switch (format) {
      case ANTHROPIC: {
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : json.path("content")) {
          if (block.path("type").asText().equals("text")) {
            sb.append(block.path("text").asText(""));
          }
        }
        whole = sb.toString();
        break;
      }
      case GEMINI:
        whole = parts(json.path("candidates").path(0).path("content").path("parts"));
        break;
      default:
        whole = json.path("choices").path(0).path("message").path("content").asText("");
        break;
    }
    return judgeText(whole);
  }

  private Judgement judgeText(String answer) {
    if (answer.isBlank()) {
      return new Judgement(Verdict.FAILED, "empty answer");
    }
    return AnswerCheck.carries(answer, checkWord)
        ? new Judgement(Verdict.OK, "")
        : new Judgement(Verdict.WRONG, "wrong answer");
  }

  /** A verdict and, for failures and wrong answers, why. */
  record Judgement(Verdict verdict, String reason) {}
}
