package dev.ninelives.providers.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.ninelives.core.model.ChatResponse;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.Part;
import dev.ninelives.providers.codec.ResponseEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Client side: writes a canonical answer as an Anthropic {@code Message}:
 * {@code {"id":"msg_…","type":"message","role":"assistant","model","content":[…],
 * "stop_reason","stop_sequence","usage":{…}}}.
 *
 * <ul>
 *   <li>{@code id} gets the {@code msg_} prefix when it lacks one;
 *   <li>content: text, {@code tool_use} (ids made to fit Anthropic's pattern; {@code input} is
 *       the arguments object, {@code {}} for blank arguments, and arguments that are not a JSON
 *       object, which a provider can emit, are kept whole as
 *       {@code {"_arguments": "<text>"}} rather than lost), {@code thinking} with its signature
 *       ({@code ""} when the provider gave none: Anthropic's SDKs require the member, and the
 *       request encoder never sends an empty signature back) and {@code redacted_thinking};
 *       images and tool results never occur in answers and are skipped;
 *   <li>{@code stop_reason}: END_TURN → end_turn, MAX_TOKENS → max_tokens, STOP_SEQUENCE →
 *       stop_sequence, TOOL_USE → tool_use, CONTENT_FILTER → refusal, OTHER → end_turn;
 *       {@code stop_sequence} only with STOP_SEQUENCE;
 *   <li>usage: {@code input_tokens} is the uncached part (input − cached − cache creation,
 *       never negative), then both cache counts and {@code output_tokens}; unknown counts are
 *       0.
 * </ul>
 * The output passes the anthropic-java SDK's {@code Message.validate()}.
 *
 * <p>Stateless and thread-safe.
 */
public final class AnthropicResponseEncoder implements ResponseEncoder {

  /** The member under which tool arguments that are not a JSON object are passed on. */
  public static final String RAW_ARGUMENTS_KEY = "_arguments";

  public AnthropicResponseEncoder() {}

  @Override
  public byte[] encode(ChatResponse response) {
    ByteArrayBuilder out = new ByteArrayBuilder(512);
    try (JsonGenerator g = AnthropicJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", AnthropicIds.messageId(response.id()));
      g.writeStringField("type", "message");
      g.writeStringField("role", "assistant");
      g.writeStringField("model", response.model());
      g.writeArrayFieldStart("content");
      for (Part part : response.content()) {
        writeBlock(g, part);
      }
      g.writeEndArray();
      g.writeStringField("stop_reason", AnthropicMapping.stopReason(response.finishReason()));
      g.writeStringField("stop_sequence",
          response.finishReason() == FinishReason.STOP_SEQUENCE ? response.stopSequence() : null);
      g.writeObjectFieldStart("usage");
      AnthropicMapping.writeUsageMembers(g, response.usage());
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void writeBlock(JsonGenerator g, Part part) throws IOException {
    if (part instanceof Part.Text) {
      g.writeStartObject();
      g.writeStringField("type", "text");
      g.writeStringField("text", ((Part.Text) part).text());
      g.writeEndObject();
    } else if (part instanceof Part.ToolCall) {
      Part.ToolCall call = (Part.ToolCall) part;
      g.writeStartObject();
      g.writeStringField("type", "tool_use");
      g.writeStringField("id", AnthropicIds.toolUseId(call.id()));
      g.writeStringField("name", call.name());
      g.writeFieldName("input");
      writeInput(g, call.argumentsJson());
      g.writeEndObject();
    } else if (part instanceof Part.Thinking) {
      Part.Thinking t = (Part.Thinking) part;
      g.writeStartObject();
      if (t.redacted()) {
        g.writeStringField("type", "redacted_thinking");
        g.writeStringField("data", t.text());
      } else {
        g.writeStringField("type", "thinking");
        g.writeStringField("thinking", t.text());
        g.writeStringField("signature", t.signature() == null ? "" : t.signature());
      }
      g.writeEndObject();
    }
    // Images and tool results belong to requests; an answer carrying one has nothing to say.
  }

  /** Writes tool arguments as the object Anthropic clients expect; see the class comment. */
  static void writeInput(JsonGenerator g, String argumentsJson) throws IOException {
    if (argumentsJson.isBlank()) {
      g.writeStartObject();
      g.writeEndObject();
    } else if (!AnthropicRequestEncoder.copyObject(argumentsJson, g)) {
      g.writeStartObject();
      g.writeStringField(RAW_ARGUMENTS_KEY, argumentsJson);
      g.writeEndObject();
    }
  }
}
