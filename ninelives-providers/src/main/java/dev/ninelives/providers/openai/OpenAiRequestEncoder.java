package dev.ninelives.providers.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.Message;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.ResponseFormat;
import dev.ninelives.core.model.Role;
import dev.ninelives.core.model.Tool;
import dev.ninelives.core.model.ToolChoice;
import dev.ninelives.providers.codec.RequestEncoder;
import dev.ninelives.providers.codec.UnsupportedRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a canonical request as an OpenAI Chat Completions body ({@code
 * CreateChatCompletionRequest}), for an OpenAI-family target serving a client of another
 * format.
 *
 * <ul>
 *   <li>the system text becomes one {@code system} message first, its parts joined by a blank
 *       line;
 *   <li>tool results become one {@code tool} message each, written before the rest of their
 *       user message, because OpenAI wants them right after the assistant's calls; their text
 *       parts are joined by a newline (compatible servers do not all take parts there), and
 *       images in them cannot be sent ({@link UnsupportedRequestException});
 *   <li>thinking has no place in an OpenAI request and is left out; so is {@code top_k};
 *   <li>the output limit is {@code max_completion_tokens}: reasoning models reject the
 *       deprecated {@code max_tokens};
 *   <li>{@code tool_choice} and {@code parallel_tool_calls} are written only with tools, since
 *       OpenAI rejects them without;
 *   <li>a stream always asks for {@code include_usage}: the gateway needs the counts whatever
 *       its client asked for.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class OpenAiRequestEncoder implements RequestEncoder {
  /** OpenAI accepts at most this many stop sequences. */
  static final int MAX_STOP_SEQUENCES = 4;
  private static final String DEFAULT_SCHEMA_NAME = "response";

  @Override
  public byte[] encode(ChatRequest request, String model) throws UnsupportedRequestException {
    if (request.stop().size() > MAX_STOP_SEQUENCES) {
      throw new UnsupportedRequestException("OpenAI accepts at most " + MAX_STOP_SEQUENCES
          + " stop sequences, but the request has " + request.stop().size(), "stop");
    }
    ByteArrayBuilder out = new ByteArrayBuilder(1024);
    try (JsonGenerator g = OpenAiJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("model", model);
      writeMessages(g, request);
      if (!request.tools().isEmpty()) {
        writeTools(g, request.tools());
        if (request.toolChoice() != null) {
          writeToolChoice(g, request.toolChoice());
        }
        if (request.parallelToolCalls() != null) {
          g.writeBooleanField("parallel_tool_calls", request.parallelToolCalls());
        }
      }
      if (request.responseFormat() != null) {
        writeResponseFormat(g, request.responseFormat());
      }
      if (request.maxTokens() != null) {
        g.writeNumberField("max_completion_tokens", request.maxTokens());
      }
      if (!request.stop().isEmpty()) {
        g.writeArrayFieldStart("stop");
        for (String s : request.stop()) {
          g.writeString(s);
        }
        g.writeEndArray();
      }
      if (request.temperature() != null) {
        g.writeNumberField("temperature", request.temperature());
      }
      if (request.topP() != null) {
        g.writeNumberField("top_p", request.topP());
      }
      if (request.seed() != null) {
        g.writeNumberField("seed", request.seed());
      }
      if (request.user() != null) {
        g.writeStringField("user", request.user());
      }
      if (request.stream()) {
        g.writeBooleanField("stream", true);
        g.writeObjectFieldStart("stream_options");
        g.writeBooleanField("include_usage", true);
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void writeMessages(JsonGenerator g, ChatRequest request)
      throws IOException, UnsupportedRequestException {
    g.writeArrayFieldStart("messages");
    if (!request.system().isEmpty()) {
      StringBuilder text = new StringBuilder();
      for (Part.Text t : request.system()) {
        if (text.length() > 0) {
          text.append("\n\n");
        }
        text.append(t.text());
      }
      g.writeStartObject();
      g.writeStringField("role", "system");
      g.writeStringField("content", text.toString());
      g.writeEndObject();
    }
    List<Message> messages = request.messages();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.role() == Role.USER) {
        writeUser(g, m, i);
      } else {
        writeAssistant(g, m);
      }
    }
    g.writeEndArray();
  }

  private static void writeUser(JsonGenerator g, Message m, int i)
      throws IOException, UnsupportedRequestException {
    List<Part> rest = new ArrayList<>(m.parts().size());
    boolean hadResults = false;
    List<Part> parts = m.parts();
    for (int j = 0; j < parts.size(); j++) {
      Part part = parts.get(j);
      if (part instanceof Part.ToolResult) {
        hadResults = true;
        writeToolMessage(g, (Part.ToolResult) part, "messages[" + i + "].content[" + j + "]");
      } else if (part instanceof Part.Text || part instanceof Part.Image) {
        rest.add(part);
      }
      // Thinking and tool calls do not belong in a user turn; there is nowhere to put them.
    }
    if (hadResults && rest.isEmpty()) {
      return;
    }
    g.writeStartObject();
    g.writeStringField("role", "user");
    if (rest.size() == 1 && rest.get(0) instanceof Part.Text) {
      g.writeStringField("content", ((Part.Text) rest.get(0)).text());
    } else if (rest.isEmpty()) {
      g.writeStringField("content", "");
    } else {
      g.writeArrayFieldStart("content");
      for (Part part : rest) {
        if (part instanceof Part.Text) {
          g.writeStartObject();
          g.writeStringField("type", "text");
          g.writeStringField("text", ((Part.Text) part).text());
          g.writeEndObject();
        } else {
          Part.Image image = (Part.Image) part;
          g.writeStartObject();
          g.writeStringField("type", "image_url");
          g.writeObjectFieldStart("image_url");
          g.writeStringField("url", imageUrl(image, "messages[" + i + "]"));
          g.writeEndObject();
          g.writeEndObject();
        }
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static String imageUrl(Part.Image image, String at)
      throws UnsupportedRequestException {
    if (image.url() != null) {
      return image.url();
    }
    if (image.mediaType() == null) {
      throw new UnsupportedRequestException(
          "an inline image without a media type cannot be sent as a data URL", at);
    }
    return "data:" + image.mediaType() + ";base64," + image.base64Data();
  }

  private static void writeToolMessage(JsonGenerator g, Part.ToolResult result, String at)
      throws IOException, UnsupportedRequestException {
    StringBuilder text = new StringBuilder();
    boolean first = true;
    for (Part part : result.content()) {
      if (part instanceof Part.Image) {
        throw new UnsupportedRequestException(
            "OpenAI tool messages take only text; this tool result holds an image", at);
      }
      if (part instanceof Part.Text) {
        if (!first) {
          text.append('\n');
        }
        text.append(((Part.Text) part).text());
        first = false;
      }
    }
    // OpenAI has no error flag on tool results; the text is what tells the model it failed.
    g.writeStartObject();
    g.writeStringField("role", "tool");
    g.writeStringField("tool_call_id", result.toolCallId());
    g.writeStringField("content", text.toString());
    g.writeEndObject();
  }

  private static void writeAssistant(JsonGenerator g, Message m) throws IOException {
    List<Part.Text> texts = new ArrayList<>();
    List<Part.ToolCall> calls = new ArrayList<>();
    for (Part part : m.parts()) {
      if (part instanceof Part.Text) {
        if (!((Part.Text) part).text().isEmpty()) {
          texts.add((Part.Text) part);
        }
      } else if (part instanceof Part.ToolCall) {
        calls.add((Part.ToolCall) part);
      }
      // Thinking: OpenAI has no field for earlier reasoning, and its models need none back.
    }
    g.writeStartObject();
    g.writeStringField("role", "assistant");
    if (texts.size() == 1) {
      g.writeStringField("content", texts.get(0).text());
    } else if (texts.size() > 1) {
      // Kept as parts rather than joined: where one text block ends is the client's business.
      g.writeArrayFieldStart("content");
      for (Part.Text t : texts) {
        g.writeStartObject();
        g.writeStringField("type", "text");
        g.writeStringField("text", t.text());
        g.writeEndObject();
      }
      g.writeEndArray();
    } else if (calls.isEmpty()) {
      g.writeStringField("content", ""); // a turn with only thinking still keeps its place
    } else {
      g.writeNullField("content");
    }
    if (!calls.isEmpty()) {
      g.writeArrayFieldStart("tool_calls");
      for (Part.ToolCall call : calls) {
        g.writeStartObject();
        g.writeStringField("id", call.id());
        g.writeStringField("type", "function");
        g.writeObjectFieldStart("function");
        g.writeStringField("name", call.name());
        g.writeStringField("arguments", call.argumentsJson());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writeTools(JsonGenerator g, List<Tool> tools) throws IOException {
    g.writeArrayFieldStart("tools");
    for (Tool tool : tools) {
      g.writeStartObject();
      g.writeStringField("type", "function");
      g.writeObjectFieldStart("function");
      g.writeStringField("name", tool.name());
      if (tool.description() != null) {
        g.writeStringField("description", tool.description());
      }
      if (tool.parametersJson() != null) {
        g.writeFieldName("parameters");
        g.writeRawValue(tool.parametersJson());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeToolChoice(JsonGenerator g, ToolChoice choice) throws IOException {
    switch (choice.mode()) {
      case AUTO:
        g.writeStringField("tool_choice", "auto");
        break;
      case ANY:
        g.writeStringField("tool_choice", "required");
        break;
      case NONE:
        g.writeStringField("tool_choice", "none");
        break;
      case TOOL:
      default:
        g.writeObjectFieldStart("tool_choice");
        g.writeStringField("type", "function");
        g.writeObjectFieldStart("function");
        g.writeStringField("name", choice.name());
        g.writeEndObject();
        g.writeEndObject();
    }
  }

  private static void writeResponseFormat(JsonGenerator g, ResponseFormat format)
      throws IOException {
    g.writeObjectFieldStart("response_format");
    switch (format.kind()) {
      case TEXT:
        g.writeStringField("type", "text");
        break;
      case JSON_OBJECT:
        g.writeStringField("type", "json_object");
        break;
      case JSON_SCHEMA:
      default:
        g.writeStringField("type", "json_schema");
        g.writeObjectFieldStart("json_schema");
        g.writeStringField("name", schemaName(format.name()));
        g.writeFieldName("schema");
        g.writeRawValue(format.schemaJson());
        if (format.strict()) {
          g.writeBooleanField("strict", true);
        }
        g.writeEndObject();
    }
    g.writeEndObject();
  }

  /**
   * OpenAI requires a schema name of at most 64 letters, digits, '_' or '-'; other formats
   * have none, so one is made up, and a foreign one is made to fit.
   */
  static String schemaName(String name) {
    if (name == null || name.isEmpty()) {
      return DEFAULT_SCHEMA_NAME;
    }
    StringBuilder b = new StringBuilder(Math.min(name.length(), 64));
    for (int i = 0; i < name.length() && b.length() < 64; i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-';
      b.append(ok ? c : '_');
    }
    return b.toString();
  }
}
