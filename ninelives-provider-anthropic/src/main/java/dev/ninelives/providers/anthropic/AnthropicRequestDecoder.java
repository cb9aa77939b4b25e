package dev.ninelives.providers.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.Message;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.ResponseFormat;
import dev.ninelives.core.model.Role;
import dev.ninelives.core.model.Tool;
import dev.ninelives.core.model.ToolChoice;
import dev.ninelives.providers.codec.RequestDecoder;
import dev.ninelives.providers.codec.TranslationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Client side: reads an Anthropic Messages request into the canonical model, for when the
 * target speaks another format. One streaming pass; fields may come in any order.
 *
 * <p>What is carried:
 * <ul>
 *   <li>{@code system} (a string or text blocks) and, mid-conversation, messages with role
 *       {@code system} (typed by the 2026-10-21 SDKs), folded into the system text in order;
 *   <li>{@code messages}: text, images (base64 → inline data, url → URL), {@code tool_use}
 *       (assistant) as tool calls with {@code input} kept as JSON text, {@code tool_result}
 *       (user; string or text/image blocks; {@code is_error}) with the tool's name filled in
 *       from the earlier {@code tool_use} of the same id, {@code thinking} and
 *       {@code redacted_thinking};
 *   <li>custom {@code tools}, {@code tool_choice} ({@code disable_parallel_tool_use: true}
 *       becomes {@code parallelToolCalls = false}; {@code false} is the default and stays
 *       null), {@code stop_sequences}, {@code max_tokens}, {@code top_p}, {@code top_k},
 *       {@code metadata.user_id}, {@code stream}, and
 *       {@code output_config.format} (or the beta {@code output_format}) as a JSON-schema
 *       response format, not strict: Anthropic has no strict switch, and OpenAI's strict mode
 *       would reject schemas outside its subset;
 *   <li>{@code temperature} as is. Anthropic's range is 0..1, the canonical field keeps
 *       OpenAI's 0..2; the value is copied rather than doubled because both scales start at 0
 *       and default to 1, and an Anthropic client's 0.7 is what it means on either side
 *       (encoders to narrower ranges clamp).
 * </ul>
 * A streaming request also sets {@code includeUsage}: Anthropic clients always get usage in
 * {@code message_start}/{@code message_delta}, so an OpenAI target must be asked for it.
 *
 * <p>What is refused with a {@link TranslationException} (the client gets a 400 naming the
 * field): {@code document}, {@code search_result}, server-tool blocks and image {@code file}
 * sources in messages, and server tools ({@code web_search_…}, {@code bash_…}…) in
 * {@code tools}. These carry meaning the target cannot reproduce.
 *
 * <p>What is dropped and listed in {@link ChatRequest#dropped()}: any other top-level field
 * (e.g. {@code thinking}, {@code service_tier}, {@code container}, {@code mcp_servers},
 * {@code context_management}, {@code inference_geo}, {@code cache_control}), unknown keys of
 * {@code metadata} and {@code output_config} ({@code output_config.effort}), and per-block or
 * per-tool options ({@code cache_control}, {@code citations}, {@code tools.strict}…). Fields set
 * to null count as absent.
 *
 * <p>Stateless and thread-safe.
 */
public final class AnthropicRequestDecoder implements RequestDecoder {

  /** Where a content block sits, which decides the block types it may be. */
  private enum Where {
    MESSAGE,
    TOOL_RESULT,
    SYSTEM
  }

  public AnthropicRequestDecoder() {}

  @Override
  public ChatRequest decode(byte[] body) throws TranslationException {
    if (body == null || AnthropicJson.isBlank(body)) {
      throw new TranslationException("the request body is empty; expected a JSON object");
    }
    try (JsonParser p = AnthropicJson.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new TranslationException("the request body must be a JSON object");
      }
      Reader r = new Reader();
      r.readRequest(p);
      if (p.nextToken() != null) {
        throw new TranslationException(
            "could not parse the JSON body of the request: unexpected data after the JSON object");
      }
      return r.build();
    } catch (JsonProcessingException e) {
      String what = e.getOriginalMessage();
      int nl = what == null ? -1 : what.indexOf('\n');
      throw new TranslationException("could not parse the JSON body of the request"
          + (what == null ? "" : ": " + (nl < 0 ? what : what.substring(0, nl))));
    } catch (IOException e) {
      throw new TranslationException("could not read the request body");
    }
  }

  /** One decode's state. */
  private static final class Reader {
    String model;
    final List<Part.Text> system = new ArrayList<>();
    final List<Part.Text> systemFromMessages = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    boolean messagesSeen;
    final List<Tool> tools = new ArrayList<>();
    ToolChoice toolChoice;
    Boolean parallelToolCalls;
    ResponseFormat responseFormat;
    final List<String> stop = new ArrayList<>();
    Integer maxTokens;
    Double temperature;
    Double topP;
    Integer topK;
    boolean stream;
    String user;
    final Set<String> dropped = new LinkedHashSet<>();
    // tool_use id -> tool name, so tool results can name their tool (Gemini needs it).
    final Map<String, String> toolNames = new HashMap<>();

    ChatRequest build() throws TranslationException {
      if (model == null) {
        throw new TranslationException("model: Field required", "model");
      }
      if (model.isEmpty()) {
        throw new TranslationException("model: String should have at least 1 character",
            "model");
      }
      if (!messagesSeen) {
        throw new TranslationException("messages: Field required", "messages");
      }
      List<Part.Text> allSystem = new ArrayList<>(system);
      allSystem.addAll(systemFromMessages);
      return new ChatRequest(model, allSystem, messages, tools, toolChoice, parallelToolCalls,
          responseFormat, stop, maxTokens, temperature, topP, topK, null, stream, stream, user,
          List.copyOf(dropped));
    }

    void readRequest(JsonParser p) throws IOException, TranslationException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "model":
            model = AnthropicJson.stringOrNull(p, "model");
            break;
          case "system":
            readSystem(p, v);
            break;
          case "messages":
            if (v != JsonToken.START_ARRAY) {
              throw new TranslationException("messages: Input should be a valid list",
                  "messages");
            }
            messagesSeen = true;
            readMessages(p);
            break;
          case "max_tokens":
            maxTokens = intOrNull(p, "max_tokens");
            break;
          case "temperature":
            temperature = numberOrNull(p, "temperature");
            break;
          case "top_p":
            topP = numberOrNull(p, "top_p");
            break;
          case "top_k":
            topK = intOrNull(p, "top_k");
            break;
          case "stop_sequences":
            readStopSequences(p, v);
            break;
          case "stream":
            stream = booleanOrFalse(p, "stream");
            break;
          case "metadata":
            readMetadata(p, v);
            break;
          case "tools":
            readTools(p, v);
            break;
          case "tool_choice":
            readToolChoice(p, v);
            break;
          case "output_config":
            readOutputConfig(p, v);
            break;
          case "output_format": // the structured-outputs beta's name for output_config.format
            readOutputFormat(p, v, "output_format");
            break;
          default:
            dropUnlessNull(p, v, name);
        }
      }
    }

    private void dropUnlessNull(JsonParser p, JsonToken v, String name) throws IOException {
      if (v != JsonToken.VALUE_NULL) {
        dropped.add(name);
      }
      p.skipChildren();
    }

    private void readSystem(JsonParser p, JsonToken v) throws IOException, TranslationException {
      if (v == JsonToken.VALUE_NULL) {
        return;
      }
      if (v == JsonToken.VALUE_STRING) {
        if (p.getTextLength() > 0) {
          system.add(new Part.Text(p.getText()));
        }
        return;
      }
      if (v != JsonToken.START_ARRAY) {
        p.skipChildren();
        throw new TranslationException("system: Input should be a valid string or a list of "
            + "text blocks", "system");
      }
      int i = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        String path = "system[" + i++ + "]";
        system.add((Part.Text) readBlock(p, t, path, Where.SYSTEM));
      }
    }

    private void readMessages(JsonParser p) throws IOException, TranslationException {
      int i = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        readMessage(p, t, "messages[" + i++ + "]");
      }
    }

    private void readMessage(JsonParser p, JsonToken start, String path)
        throws IOException, TranslationException {
      if (start != JsonToken.START_OBJECT) {
        p.skipChildren();
        throw new TranslationException(path + ": Input should be a valid object", path);
      }
      String role = null;
      List<Part> parts = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "role":
            role = AnthropicJson.stringOrNull(p, path + ".role");
            break;
          case "content":
            parts = readContent(p, v, path + ".content", Where.MESSAGE);
            break;
          default:
            dropUnlessNull(p, v, "messages." + name);
        }
      }
      if (role == null) {
        throw new TranslationException(path + ".role: Field required", path + ".role");
      }
      if (parts == null) {
        throw new TranslationException(path + ".content: Field required", path + ".content");
      }
      switch (role) {
        case "user":
          checkNone(parts, Part.ToolCall.class, path, "tool_use blocks belong in assistant "
              + "messages");
          checkNone(parts, Part.Thinking.class, path, "thinking blocks belong in assistant "
              + "messages");
          messages.add(new Message(Role.USER, parts));
          break;
        case "assistant":
          checkNone(parts, Part.ToolResult.class, path, "tool_result blocks belong in user "
              + "messages");
          for (Part part : parts) {
            if (part instanceof Part.ToolCall) {
              Part.ToolCall call = (Part.ToolCall) part;
              toolNames.put(call.id(), call.name());
            }
          }
          messages.add(new Message(Role.ASSISTANT, parts));
          break;
        case "system":
          for (int k = 0; k < parts.size(); k++) {
            if (!(parts.get(k) instanceof Part.Text)) {
              throw new TranslationException(path + ".content[" + k + "]: a system message "
                  + "may hold only text", path + ".content[" + k + "]");
            }
            systemFromMessages.add((Part.Text) parts.get(k));
          }
          break;
        default:
          throw new TranslationException(path + ".role: Input should be 'user' or 'assistant'",
              path + ".role");
      }
    }

    private static void checkNone(List<Part> parts, Class<? extends Part> kind, String path,
        String why) throws TranslationException {
      for (int k = 0; k < parts.size(); k++) {
        if (kind.isInstance(parts.get(k))) {
          String at = path + ".content[" + k + "]";
          throw new TranslationException(at + ": " + why, at);
        }
      }
    }

    /** A message's or tool result's content: a string, or an array of blocks. */
    private List<Part> readContent(JsonParser p, JsonToken v, String path, Where where)
        throws IOException, TranslationException {
      List<Part> parts = new ArrayList<>();
      if (v == JsonToken.VALUE_STRING) {
        // A tool result's empty string means "no output"; a message's is kept as written.
        if (where != Where.TOOL_RESULT || p.getTextLength() > 0) {
          parts.add(new Part.Text(p.getText()));
        }
        return parts;
      }
      if (v == JsonToken.VALUE_NULL && where == Where.TOOL_RESULT) {
        return parts;
      }
      if (v != JsonToken.START_ARRAY) {
        p.skipChildren();
        throw new TranslationException(path + ": Input should be a valid string or list",
            path);
      }
      int i = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        parts.add(readBlock(p, t, path + "[" + i++ + "]", where));
      }
      return parts;
    }

    /**
     * Reads one content block. Its members are gathered first and judged once the object is
     * complete, because {@code type} need not come first.
     */
    private Part readBlock(JsonParser p, JsonToken start, String path, Where where)
        throws IOException, TranslationException {
      if (start != JsonToken.START_OBJECT) {
        p.skipChildren();
        throw new TranslationException(path + ": Input should be a valid object", path);
      }
      String type = null;
      String text = null;
      String thinking = null;
      String signature = null;
      String data = null;
      Source source = null;
      String id = null;
      String name = null;
      String input = null;
      String toolUseId = null;
      List<Part> content = null;
      boolean isError = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "type":
            type = AnthropicJson.stringOrNull(p, path + ".type");
            break;
          case "text":
            text = AnthropicJson.stringOrNull(p, path + ".text");
            break;
          case "thinking":
            thinking = AnthropicJson.stringOrNull(p, path + ".thinking");
            break;
          case "signature":
            signature = AnthropicJson.stringOrNull(p, path + ".signature");
            break;
          case "data":
            data = AnthropicJson.stringOrNull(p, path + ".data");
            break;
          case "source":
            source = readSource(p, v, path + ".source");
            break;
          case "id":
            id = AnthropicJson.stringOrNull(p, path + ".id");
            break;
          case "name":
            name = AnthropicJson.stringOrNull(p, path + ".name");
            break;
          case "input":
            if (v == JsonToken.START_OBJECT) {
              input = AnthropicJson.rawValue(p);
            } else if (v != JsonToken.VALUE_NULL) {
              p.skipChildren();
              throw new TranslationException(path + ".input: Input should be a valid object",
                  path + ".input");
            }
            break;
          case "tool_use_id":
            toolUseId = AnthropicJson.stringOrNull(p, path + ".tool_use_id");
            break;
          case "content":
            content = readContent(p, v, path + ".content", Where.TOOL_RESULT);
            break;
          case "is_error":
            isError = booleanOrFalse(p, path + ".is_error");
            break;
          default:
            // cache_control, citations, caller…: meaningful to Anthropic only.
            dropUnlessNull(p, v, field);
        }
      }
      if (type == null) {
        throw new TranslationException(path + ".type: Field required", path + ".type");
      }
      if (where == Where.SYSTEM && !type.equals("text")) {
        throw new TranslationException(path + ": system blocks must be of type 'text'", path);
      }
      if (where == Where.TOOL_RESULT && !type.equals("text") && !type.equals("image")) {
        throw new TranslationException(path + ": '" + type + "' blocks in a tool result cannot "
            + "be translated to the target's format; only text and image blocks can", path);
      }
      switch (type) {
        case "text":
          return new Part.Text(required(text, path + ".text"));
        case "image":
          return image(source, path);
        case "tool_use":
          return new Part.ToolCall(required(id, path + ".id"), required(name, path + ".name"),
              input == null ? "{}" : input);
        case "tool_result": {
          String callId = required(toolUseId, path + ".tool_use_id");
          return new Part.ToolResult(callId, toolNames.get(callId),
              content == null ? List.of() : content, isError);
        }
        case "thinking":
          return new Part.Thinking(thinking == null ? "" : thinking, signature, false);
        case "redacted_thinking":
          return new Part.Thinking(required(data, path + ".data"), null, true);
        case "document":
          throw new TranslationException(path + ": document blocks cannot be translated to the "
              + "target's format", path);
        default:
          throw new TranslationException(path + ": '" + type + "' blocks cannot be translated "
              + "to the target's format", path);
      }
    }

    private static Part.Image image(Source source, String path) throws TranslationException {
      if (source == null) {
        throw new TranslationException(path + ".source: Field required", path + ".source");
      }
      String at = path + ".source";
      if (source.notAnObject) {
        throw new TranslationException(at + ": Input should be a valid object", at);
      }
      if ("base64".equals(source.type)) {
        return new Part.Image(required(source.mediaType, at + ".media_type"),
            required(source.data, at + ".data"), null);
      }
      if ("url".equals(source.type)) {
        return new Part.Image(null, null, required(source.url, at + ".url"));
      }
      throw new TranslationException(at + ": image sources of type '" + source.type
          + "' cannot be translated; use base64 or url", at + ".type");
    }

    private static Source readSource(JsonParser p, JsonToken v, String path)
        throws IOException, TranslationException {
      Source s = new Source();
      if (v != JsonToken.START_OBJECT) {
        // Other block types (search_result) have a string source; judged once the type is known.
        p.skipChildren();
        s.notAnObject = true;
        return s;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "type":
            s.type = AnthropicJson.stringOrNull(p, path + ".type");
            break;
          case "media_type":
            s.mediaType = AnthropicJson.stringOrNull(p, path + ".media_type");
            break;
          case "data":
            // A document's "content" source carries blocks here; only strings matter to us.
            s.data = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
            p.skipChildren();
            break;
          case "url":
            s.url = AnthropicJson.stringOrNull(p, path + ".url");
            break;
          default:
            p.skipChildren();
        }
      }
      return s;
    }

    private void readStopSequences(JsonParser p, JsonToken v)
        throws IOException, TranslationException {
      if (v == JsonToken.VALUE_NULL) {
        return;
      }
      if (v != JsonToken.START_ARRAY) {
        p.skipChildren();
        throw new TranslationException("stop_sequences: Input should be a valid list",
            "stop_sequences");
      }
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        String s = AnthropicJson.stringOrNull(p, "stop_sequences[" + i++ + "]");
        if (s != null) {
          stop.add(s);
        }
      }
    }

    private void readMetadata(JsonParser p, JsonToken v) throws IOException, TranslationException {
      if (v == JsonToken.VALUE_NULL) {
        return;
      }
      if (v != JsonToken.START_OBJECT) {
        p.skipChildren();
        throw new TranslationException("metadata: Input should be a valid object", "metadata");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken u = p.nextToken();
        if ("user_id".equals(field)) {
          user = AnthropicJson.stringOrNull(p, "metadata.user_id");
        } else {
          dropUnlessNull(p, u, "metadata." + field);
        }
      }
    }

    private void readTools(JsonParser p, JsonToken v) throws IOException, TranslationException {
      if (v == JsonToken.VALUE_NULL) {
        return;
      }
      if (v != JsonToken.START_ARRAY) {
        p.skipChildren();
        throw new TranslationException("tools: Input should be a valid list", "tools");
      }
      int i = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        tools.add(readTool(p, t, "tools[" + i++ + "]"));
      }
    }

    private Tool readTool(JsonParser p, JsonToken start, String path)
        throws IOException, TranslationException {
      if (start != JsonToken.START_OBJECT) {
        p.skipChildren();
        throw new TranslationException(path + ": Input should be a valid object", path);
      }
      String type = null;
      String name = null;
      String description = null;
      String schema = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "type":
            type = AnthropicJson.stringOrNull(p, path + ".type");
            break;
          case "name":
            name = AnthropicJson.stringOrNull(p, path + ".name");
            break;
          case "description":
            description = AnthropicJson.stringOrNull(p, path + ".description");
            break;
          case "input_schema":
            if (v != JsonToken.START_OBJECT) {
              p.skipChildren();
              throw new TranslationException(path + ".input_schema: Input should be a valid "
                  + "object", path + ".input_schema");
            }
            schema = AnthropicJson.rawValue(p);
            break;
          default:
            dropUnlessNull(p, v, "tools." + field);
        }
      }
      if (type != null && !type.equals("custom")) {
        throw new TranslationException(path + ": the server tool '" + type + "' runs at "
            + "Anthropic and cannot be translated to the target's format", path + ".type");
      }
      return new Tool(required(name, path + ".name"), description,
          required(schema, path + ".input_schema"));
    }

    private void readToolChoice(JsonParser p, JsonToken v)
        throws IOException, TranslationException {
      if (v == JsonToken.VALUE_NULL) {
        return;
      }
      if (v != JsonToken.START_OBJECT) {
        p.skipChildren();
        throw new TranslationException("tool_choice: Input should be a valid object",
            "tool_choice");
      }
      String type = null;
      String name = null;
      boolean disableParallel = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken u = p.nextToken();
        switch (field) {
          case "type":
            type = AnthropicJson.stringOrNull(p, "tool_choice.type");
            break;
          case "name":
            name = AnthropicJson.stringOrNull(p, "tool_choice.name");
            break;
          case "disable_parallel_tool_use":
            disableParallel = booleanOrFalse(p, "tool_choice.disable_parallel_tool_use");
            break;
          default:
            dropUnlessNull(p, u, "tool_choice." + field);
        }
      }
      if (type == null) {
        throw new TranslationException("tool_choice.type: Field required", "tool_choice.type");
      }
      switch (type) {
        case "auto":
          toolChoice = new ToolChoice(ToolChoice.Mode.AUTO, null);
          break;
        case "any":
          toolChoice = new ToolChoice(ToolChoice.Mode.ANY, null);
          break;
        case "none":
          toolChoice = new ToolChoice(ToolChoice.Mode.NONE, null);
          break;
        case "tool":
          toolChoice = new ToolChoice(ToolChoice.Mode.TOOL, required(name, "tool_choice.name"));
          break;
        default:
          throw new TranslationException("tool_choice.type: Input should be 'auto', 'any', "
              + "'tool' or 'none'", "tool_choice.type");
      }
      if (disableParallel) {
        parallelToolCalls = Boolean.FALSE;
      }
    }

    private void readOutputConfig(JsonParser p, JsonToken v)
        throws IOException, TranslationException {
      if (v == JsonToken.VALUE_NULL) {
        return;
      }
      if (v != JsonToken.START_OBJECT) {
        p.skipChildren();
        throw new TranslationException("output_config: Input should be a valid object",
            "output_config");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken u = p.nextToken();
        if ("format".equals(field)) {
          readOutputFormat(p, u, "output_config.format");
        } else {
          dropUnlessNull(p, u, "output_config." + field);
        }
      }
    }

    private void readOutputFormat(JsonParser p, JsonToken v, String path)
        throws IOException, TranslationException {
      if (v == JsonToken.VALUE_NULL) {
        return;
      }
      if (v != JsonToken.START_OBJECT) {
        p.skipChildren();
        throw new TranslationException(path + ": Input should be a valid object", path);
      }
      String type = null;
      String schema = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken u = p.nextToken();
        if ("type".equals(field)) {
          type = AnthropicJson.stringOrNull(p, path + ".type");
        } else if ("schema".equals(field) && u == JsonToken.START_OBJECT) {
          schema = AnthropicJson.rawValue(p);
        } else {
          dropUnlessNull(p, u, path + "." + field);
        }
      }
      if (!"json_schema".equals(type)) {
        throw new TranslationException(path + ".type: Input should be 'json_schema'",
            path + ".type");
      }
      responseFormat = new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, null,
          required(schema, path + ".schema"), false);
    }

    private static String required(String value, String param) throws TranslationException {
      if (value == null) {
        throw new TranslationException(param + ": Field required", param);
      }
      return value;
    }

    private static Integer intOrNull(JsonParser p, String param)
        throws IOException, TranslationException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
        int n = p.getIntValue();
        if (n < 0) {
          throw new TranslationException(param + ": Input should be greater than or equal to 0",
              param);
        }
        return n;
      }
      p.skipChildren();
      throw new TranslationException(param + ": Input should be a valid integer", param);
    }

    private static Double numberOrNull(JsonParser p, String param)
        throws IOException, TranslationException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        return p.getDoubleValue();
      }
      p.skipChildren();
      throw new TranslationException(param + ": Input should be a valid number", param);
    }

    private static boolean booleanOrFalse(JsonParser p, String param)
        throws IOException, TranslationException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
        return t == JsonToken.VALUE_TRUE;
      }
      if (t == JsonToken.VALUE_NULL) {
        return false;
      }
      p.skipChildren();
      throw new TranslationException(param + ": Input should be a valid boolean", param);
    }
  }

  /** An image block's {@code source}, gathered before its type is judged. */
  private static final class Source {
    String type;
    String mediaType;
    String data;
    String url;
    boolean notAnObject;
  }
}
