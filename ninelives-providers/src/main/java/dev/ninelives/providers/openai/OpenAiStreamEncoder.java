package dev.ninelives.providers.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.core.model.Usage;
import dev.ninelives.providers.codec.StreamEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes canonical stream events as OpenAI {@code chat.completion.chunk} events, for an OpenAI
 * client served by a provider of another format. Every chunk is {@code data: <json>\n\n} with
 * the same id ({@code chatcmpl-} and the answer's id), {@code created} and model.
 *
 * <ul>
 *   <li>{@link StreamEvent.Start}: the role chunk, {@code {"role":"assistant","content":""}};
 *   <li>{@link StreamEvent.TextDelta}: a {@code content} chunk;
 *   <li>{@link StreamEvent.ToolCallStart}: {@code tool_calls[{index,id,type,function{name,
 *       arguments:""}}]}, where index counts this stream's tool calls from 0;
 *       {@link StreamEvent.ToolCallDelta}: an {@code arguments} piece for that index;
 *   <li>{@link StreamEvent.Finish}: an empty delta with the finish reason;
 *   <li>{@link StreamEvent.Done}: with {@code includeUsage}, the {@code choices: []} usage
 *       chunk (and then every earlier chunk carried {@code "usage": null}, as OpenAI's do),
 *       then {@code data: [DONE]};
 *   <li>thinking, signatures and block stops have no OpenAI counterpart and write nothing;
 *       usage (from the start, the finish or a usage update) is remembered for the end;
 *       {@link StreamEvent.Error} writes nothing, since the relay writes the terminal error.
 * </ul>
 *
 * <p>Not thread-safe: one encoder per stream, called from the stream's thread.
 */
public final class OpenAiStreamEncoder implements StreamEncoder {
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  private final boolean includeUsage;
  private final Clock clock;

  private String id;
  private String model;
  private long created;
  private int toolCalls;
  private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
  private Usage usage = Usage.UNKNOWN;

  /**
   * @param includeUsage whether the client asked for {@code stream_options.include_usage}
   * @param clock gives {@code created} (epoch seconds, read once at the start)
   */
  public OpenAiStreamEncoder(boolean includeUsage, Clock clock) {
    this.includeUsage = includeUsage;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void encode(StreamEvent event, ByteArrayOutputStream out) {
    try {
      if (event instanceof StreamEvent.Start) {
        StreamEvent.Start start = (StreamEvent.Start) event;
        begin(start.id(), start.model());
        usage = OpenAiWire.merge(usage, start.usage());
        JsonGenerator g = chunk(out);
        g.writeStringField("role", "assistant");
        g.writeStringField("content", "");
        end(g, out, null);
      } else if (event instanceof StreamEvent.TextDelta) {
        String text = ((StreamEvent.TextDelta) event).text();
        if (!text.isEmpty()) {
          JsonGenerator g = chunk(out);
          g.writeStringField("content", text);
          end(g, out, null);
        }
      } else if (event instanceof StreamEvent.ToolCallStart) {
        StreamEvent.ToolCallStart start = (StreamEvent.ToolCallStart) event;
        int index = toolCalls++;
        toolIndexByBlock.put(start.index(), index);
        JsonGenerator g = chunk(out);
        g.writeArrayFieldStart("tool_calls");
        g.writeStartObject();
        g.writeNumberField("index", index);
        g.writeStringField("id", start.id());
        g.writeStringField("type", "function");
        g.writeObjectFieldStart("function");
        g.writeStringField("name", start.name());
        g.writeStringField("arguments", "");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        end(g, out, null);
      } else if (event instanceof StreamEvent.ToolCallDelta) {
        StreamEvent.ToolCallDelta delta = (StreamEvent.ToolCallDelta) event;
        Integer index = toolIndexByBlock.get(delta.index());
        if (index != null && !delta.argumentsFragment().isEmpty()) {
          JsonGenerator g = chunk(out);
          g.writeArrayFieldStart("tool_calls");
          g.writeStartObject();
          g.writeNumberField("index", index);
          g.writeObjectFieldStart("function");
          g.writeStringField("arguments", delta.argumentsFragment());
          g.writeEndObject();
          g.writeEndObject();
          g.writeEndArray();
          end(g, out, null);
        }
      } else if (event instanceof StreamEvent.Finish) {
        StreamEvent.Finish finish = (StreamEvent.Finish) event;
        usage = OpenAiWire.merge(usage, finish.usage());
        JsonGenerator g = chunk(out);
        end(g, out, OpenAiWire.finishReasonText(finish.reason()));
      } else if (event instanceof StreamEvent.UsageUpdate) {
        usage = OpenAiWire.merge(usage, ((StreamEvent.UsageUpdate) event).usage());
      } else if (event instanceof StreamEvent.Done) {
        if (includeUsage) {
          writeUsageChunk(out);
        }
        out.writeBytes(DONE);
      }
      // ThinkingDelta, SignatureDelta, BlockStop, Error: nothing (see the class comment).
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
  }

  private void begin(String answerId, String answerModel) {
    id = OpenAiWire.chatCompletionId(answerId);
    model = answerModel == null ? "" : answerModel;
    created = clock.millis() / 1000;
  }

  /** Opens a chunk up to the inside of its delta object. */
  private JsonGenerator chunk(ByteArrayOutputStream out) throws IOException {
    if (id == null) {
      begin(null, null); // content before a Start: not expected, but keep the shape valid
    }
    out.writeBytes(DATA);
    JsonGenerator g = OpenAiJson.FACTORY.createGenerator(out);
    writeHeader(g);
    g.writeArrayFieldStart("choices");
    g.writeStartObject();
    g.writeNumberField("index", 0);
    g.writeObjectFieldStart("delta");
    return g;
  }

  /** Closes the delta and the chunk, and ends the event. */
  private void end(JsonGenerator g, ByteArrayOutputStream out, String finishReason)
      throws IOException {
    g.writeEndObject(); // delta
    g.writeNullField("logprobs");
    g.writeStringField("finish_reason", finishReason);
    g.writeEndObject();
    g.writeEndArray();
    if (includeUsage) {
      g.writeNullField("usage");
    }
    g.writeEndObject();
    g.close();
    out.write('\n');
    out.write('\n');
  }

  private void writeUsageChunk(ByteArrayOutputStream out) throws IOException {
    if (id == null) {
      begin(null, null);
    }
    out.writeBytes(DATA);
    try (JsonGenerator g = OpenAiJson.FACTORY.createGenerator(out)) {
      writeHeader(g);
      g.writeArrayFieldStart("choices");
      g.writeEndArray();
      OpenAiWire.writeUsage(g, usage);
      g.writeEndObject();
    }
    out.write('\n');
    out.write('\n');
  }

  private void writeHeader(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", id);
    g.writeStringField("object", "chat.completion.chunk");
    g.writeNumberField("created", created);
    g.writeStringField("model", model);
  }
}
