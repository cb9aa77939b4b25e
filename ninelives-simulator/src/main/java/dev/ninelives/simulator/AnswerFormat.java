package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One answer written in a dialect's wire format, whole or as a stream of events. An "event" is
 * the unit that faults count: its text may hold several frames written together (an Anthropic
 * tool call is its start, its argument pieces and its stop). Implementations are built for one
 * answer and are not thread-safe; they are used on one event loop.
 */
interface AnswerFormat {

  /** The whole (non-stream) answer. */
  JsonNode whole();

  /** The content type of {@link #whole()}. */
  String wholeContentType();

  /** The content type of the stream. */
  String streamContentType();

  /** The stream's events in order, each exactly as written. */
  List<String> events();

  /** What ends a complete stream after {@code sent} events (OpenAI: {@code [DONE]}); may be empty. */
  String end(int sent);

  /** A stream's first event cut off mid-JSON, for the malformed-body fault; {@link #end} follows it. */
  String malformed();

  /** The mid-stream error event after {@code sent} events, with whatever the server sends after it. */
  String errorEvent(int sent);

  static AnswerFormat of(ProviderState provider, ChatRequest chat, Answer answer, Route route) {
    switch (provider.dialect) {
      case ANTHROPIC:
        return new AnthropicAnswer(provider, chat, answer);
      case GEMINI:
        return new GeminiAnswer(provider, chat, answer, route.sse());
      default:
        return new OpenAiAnswer(provider, chat, answer);
    }
  }

  /** An SSE frame with only a {@code data:} line, as the OpenAI family writes them. */
  static String data(JsonNode event) {
    return "data: " + Json.write(event) + "\n\n";
  }
}
