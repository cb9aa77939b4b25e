package dev.ninelives.providers.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.ninelives.core.model.ChatResponse;
import dev.ninelives.core.model.Part;
import dev.ninelives.providers.codec.ResponseEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;

/**
 * Writes a canonical answer as an OpenAI {@code chat.completion}, for an OpenAI client served
 * by a provider of another format. One choice; its message has every member OpenAI's schema
 * requires ({@code content}, {@code refusal}, {@code role}) and {@code tool_calls} when there
 * are calls. Text parts are concatenated without separators, which is what a streaming client
 * would have put together from the same answer; thinking is not written, since OpenAI has no
 * place for it.
 *
 * <p>Stateless apart from its clock, and thread-safe.
 */
public final class OpenAiResponseEncoder implements ResponseEncoder {
  private final Clock clock;

  /** An encoder stamping answers with the system clock. */
  public OpenAiResponseEncoder() {
    this(Clock.systemUTC());
  }

  /** @param clock gives {@code created} (epoch seconds) */
  public OpenAiResponseEncoder(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public byte[] encode(ChatResponse response) {
    StringBuilder text = null;
    int calls = 0;
    for (Part part : response.content()) {
      if (part instanceof Part.Text) {
        if (text == null) {
          text = new StringBuilder();
        }
        text.append(((Part.Text) part).text());
      } else if (part instanceof Part.ToolCall) {
        calls++;
      }
    }
    ByteArrayBuilder out = new ByteArrayBuilder(512);
    try (JsonGenerator g = OpenAiJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", OpenAiWire.chatCompletionId(response.id()));
      g.writeStringField("object", "chat.completion");
      g.writeNumberField("created", clock.millis() / 1000);
      g.writeStringField("model", response.model());
      g.writeArrayFieldStart("choices");
      g.writeStartObject();
      g.writeNumberField("index", 0);
      g.writeObjectFieldStart("message");
      g.writeStringField("role", "assistant");
      // null only when the answer is all tool calls, as OpenAI itself answers.
      if (text == null && calls > 0) {
        g.writeNullField("content");
      } else {
        g.writeStringField("content", text == null ? "" : text.toString());
      }
      g.writeNullField("refusal");
      if (calls > 0) {
        g.writeArrayFieldStart("tool_calls");
        for (Part part : response.content()) {
          if (part instanceof Part.ToolCall) {
            Part.ToolCall call = (Part.ToolCall) part;
            g.writeStartObject();
            g.writeStringField("id", call.id());
            g.writeStringField("type", "function");
            g.writeObjectFieldStart("function");
            g.writeStringField("name", call.name());
            g.writeStringField("arguments", call.argumentsJson());
            g.writeEndObject();
            g.writeEndObject();
          }
        }
        g.writeEndArray();
      }
      g.writeEndObject(); // message
      g.writeNullField("logprobs");
      g.writeStringField("finish_reason", OpenAiWire.finishReasonText(response.finishReason()));
      g.writeEndObject();
      g.writeEndArray();
      OpenAiWire.writeUsage(g, response.usage());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
