package dev.ninelives.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.Message;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.ResponseFormat;
import dev.ninelives.core.model.Role;
import dev.ninelives.core.model.Tool;
import dev.ninelives.core.model.ToolChoice;
import dev.ninelives.providers.RequestProblem;
import dev.ninelives.providers.RequestScan;
import dev.ninelives.providers.codec.RequestDecoder;
import dev.ninelives.providers.codec.TranslationException;
import dev.ninelives.providers.codec.UnsupportedRequestException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenAI Chat Completions request body into the canonical model, for a client whose
 * request goes to a provider of another format. One streaming pass; no tree.
 *
 * <ul>
 *   <li>{@code system} and {@code developer} messages, wherever they are, become the canonical
 *       system text, in order;
 *   <li>{@code tool} messages become {@link Part.ToolResult}s, one user message per run of
 *       them (Anthropic and Gemini want all results of a turn together); a system message
 *       between two tool messages does not break the run. The result's tool name is looked up
 *       from the assistant call with that id;
 *   <li>consecutive messages of one role stay separate (encoders merge if they must);
 *   <li>audio and file parts, custom tools, {@code allowed_tools} choices and the deprecated
 *       {@code function} role cannot be expressed anywhere else: they are rejected with a
 *       {@link TranslationException} naming the field, as is {@code n > 1}
 *       ({@link UnsupportedRequestException});
 *   <li>fields the canonical model cannot carry (penalties, logprobs, audio, reasoning effort…)
 *       and unknown top-level fields are listed in {@link ChatRequest#dropped()} when they are
 *       set to something other than their default. {@code top_k}, which vLLM-style clients
 *       send, is carried, since the canonical model has it.
 * </ul>
 *
 * <p>Stateless and thread-safe: each call has its own parser.
 */
public final class OpenAiRequestDecoder implements RequestDecoder {

  @Override
  public ChatRequest decode(byte[] body) throws TranslationException {
    if (body == null || body.length == 0) {
      throw new TranslationException("the request body is empty; expected a JSON object");
    }
    try (JsonParser p = OpenAiJson.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(body);
      }
      Reader r = new Reader(p);
      r.readRequest();
      if (p.nextToken() != null) {
        throw malformed(body);
      }
      return r.build();
    } catch (IOException e) {
      throw malformed(body);
    }
  }

  /**
   * The client-facing message for a body that is not a JSON object. The request scanner words
   * those (with Jackson's line and column); only this rare path parses the body a second time.
   */
  private static TranslationException malformed(byte[] body) {
    RequestScan scan = OpenAiRequestScanner.scan(body);
    if (scan instanceof RequestProblem) {
      RequestProblem problem = (RequestProblem) scan;
      return new TranslationException(problem.message(), problem.param());
    }
    return new TranslationException("could not parse the JSON body of the request");
  }

  /** One decode: the parser and what it has read so far. Confined to one call. */
  private static final class Reader {
    private final JsonParser p;

    private String model;
    private final List<Part.Text> system = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private List<Part> toolRun; // results of the current run of tool messages, or null
    private final Map<String, String> callNames = new HashMap<>();
    private final List<Tool> tools = new ArrayList<>();
    private ToolChoice toolChoice;
    private Boolean parallelToolCalls;
    private ResponseFormat responseFormat;
    private List<String> stop = List.of();
    private Integer maxCompletionTokens;
    private Integer maxTokens;
    private Double temperature;
    private Double topP;
    private Integer topK;
    private Long seed;
    private boolean stream;
    private boolean includeUsage;
    private String user;
    private String safetyIdentifier;
    private boolean messagesSeen;
    private final Set<String> dropped = new LinkedHashSet<>();

    Reader(JsonParser p) {
      this.p = p;
    }

    ChatRequest build() throws TranslationException {
      if (model == null) {
        throw new TranslationException("you must provide a model parameter", "model");
      }
      if (!messagesSeen) {
        throw new TranslationException("missing required parameter: 'messages'", "messages");
      }
      flushToolRun();
      String userId = user;
      if (userId == null) {
        userId = safetyIdentifier;
      } else if (safetyIdentifier != null && !safetyIdentifier.equals(user)) {
        dropped.add("safety_identifier"); // there is room for one end-user id only
      }
      return new ChatRequest(model, system, messages, tools, toolChoice, parallelToolCalls,
          responseFormat, stop, maxCompletionTokens != null ? maxCompletionTokens : maxTokens,
          temperature, topP, topK, seed, stream, stream && includeUsage, userId,
          List.copyOf(dropped));
    }

    /** Reads the top-level members; the parser is just past the START_OBJECT. */
    void readRequest() throws IOException, TranslationException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "model":
            model = string("model");
            if (model.isEmpty()) {
              throw new TranslationException("'model' must not be empty", "model");
            }
            break;
          case "messages":
            if (v != JsonToken.START_ARRAY) {
              throw new TranslationException("'messages' must be an array", "messages");
            }
            messagesSeen = true;
            readMessages();
            break;
          case "tools":
            if (v != JsonToken.VALUE_NULL) {
              readTools(v);
            }
            break;
          case "tool_choice":
            toolChoice = readToolChoice(v);
            break;
          case "parallel_tool_calls":
            parallelToolCalls = bool("parallel_tool_calls");
            break;
          case "response_format":
            responseFormat = readResponseFormat(v);
            break;
          case "max_completion_tokens":
            maxCompletionTokens = integer("max_completion_tokens");
            break;
          case "max_tokens":
            maxTokens = integer("max_tokens");
            break;
          case "stop":
            stop = readStop(v);
            break;
          case "temperature":
            temperature = number("temperature");
            break;
          case "top_p":
            topP = number("top_p");
            break;
          case "top_k":
            topK = integer("top_k");
            break;
          case "seed":
            seed = longInteger("seed");
            break;
          case "stream":
            Boolean s = bool("stream");
            stream = s != null && s;
            break;
          case "stream_options":
            readStreamOptions(v);
            break;
          case "user":
            user = nullableString("user");
            break;
          case "safety_identifier":
            safetyIdentifier = nullableString("safety_identifier");
            break;
          case "n":
            Integer n = integer("n");
            if (n != null && n > 1) {
              throw new UnsupportedRequestException(
                  "n > 1 cannot be translated to other providers", "n");
            }
            break;
          default:
            readUncarried(name, v);
        }
      }
    }

    /**
     * A field the canonical model has no place for: named in {@code dropped} when it is set to
     * something that would change the answer, skipped silently when null or default.
     */
    private void readUncarried(String name, JsonToken v) throws IOException {
      boolean matters;
      switch (name) {
        case "logprobs":
        case "store":
          matters = v == JsonToken.VALUE_TRUE;
          p.skipChildren();
          break;
        case "top_logprobs":
        case "presence_penalty":
        case "frequency_penalty":
          matters = (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT)
              ? p.getDoubleValue() != 0 : v != JsonToken.VALUE_NULL;
          p.skipChildren();
          break;
        case "logit_bias":
        case "metadata":
        case "functions":
          matters = nonEmpty(v);
          break;
        case "modalities":
          matters = modalitiesBeyondText(v);
          break;
        case "service_tier":
          matters = notDefault(v, "auto", "default");
          break;
        case "verbosity":
          matters = notDefault(v, "medium", null);
          break;
        default:
          // audio, prediction, reasoning_effort, web_search_options (even {} turns search
          // on), prompt_cache_key, function_call, and anything unknown: set means it matters.
          matters = v != JsonToken.VALUE_NULL;
          p.skipChildren();
      }
      if (matters) {
        dropped.add(name);
      }
    }

    private boolean notDefault(JsonToken v, String default1, String default2) throws IOException {
      if (v == JsonToken.VALUE_NULL) {
        return false;
      }
      if (v == JsonToken.VALUE_STRING) {
        String s = p.getText();
        return !s.equals(default1) && !s.equals(default2);
      }
      p.skipChildren();
      return true;
    }

    private boolean modalitiesBeyondText(JsonToken v) throws IOException {
      if (v != JsonToken.START_ARRAY) {
        p.skipChildren();
        return v != JsonToken.VALUE_NULL;
      }
      boolean beyond = false;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        beyond |= t != JsonToken.VALUE_STRING || !"text".equals(p.getText());
        p.skipChildren();
      }
      return beyond;
    }

    /** Whether the value is a non-empty object or array, or any other non-null value. */
    private boolean nonEmpty(JsonToken v) throws IOException {
      if (v != JsonToken.START_OBJECT && v != JsonToken.START_ARRAY) {
        p.skipChildren();
        return v != JsonToken.VALUE_NULL;
      }
      JsonToken t = p.nextToken();
      if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
        return false;
      }
      int depth = 1;
      while (depth > 0) {
        if (t == null) {
          throw new IOException("unexpected end of input");
        }
        if (t.isStructStart()) {
          depth++;
        } else if (t.isStructEnd()) {
          depth--;
        }
        if (depth > 0) {
          t = p.nextToken();
        }
      }
      return true;
    }

    // ---- messages ----

    private void readMessages() throws IOException, TranslationException {
      int i = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        String at = "messages[" + i + "]";
        if (t != JsonToken.START_OBJECT) {
          throw new TranslationException(at + " must be an object", at);
        }
        readMessage(at);
        i++;
      }
      if (i == 0) {
        throw new TranslationException("'messages' must not be empty", "messages");
      }
    }

    private void readMessage(String at) throws IOException, TranslationException {
      String role = null;
      List<Part> content = null;
      List<Part.ToolCall> calls = List.of();
      String toolCallId = null;
      String refusal = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "role":
            role = string(at + ".role");
            break;
          case "content":
            content = readContent(v, at + ".content");
            break;
          case "tool_calls":
            calls = readToolCalls(v, at + ".tool_calls");
            break;
          case "tool_call_id":
            toolCallId = nullableString(at + ".tool_call_id");
            break;
          case "refusal":
            refusal = nullableString(at + ".refusal");
            break;
          case "name":
            if (v != JsonToken.VALUE_NULL) {
              dropped.add("messages[].name"); // no other format names participants
            }
            p.skipChildren();
            break;
          case "function_call":
            if (v != JsonToken.VALUE_NULL) {
              dropped.add("messages[].function_call");
            }
            p.skipChildren();
            break;
          case "audio":
            if (v != JsonToken.VALUE_NULL) {
              dropped.add("messages[].audio");
            }
            p.skipChildren();
            break;
          default:
            p.skipChildren();
        }
      }
      if (role == null) {
        throw new TranslationException(at + ".role is required", at + ".role");
      }
      switch (role) {
        case "system":
        case "developer":
          addSystem(requireContent(content, at), at);
          break;
        case "user":
          flushToolRun();
          messages.add(new Message(Role.USER, requireContent(content, at)));
          break;
        case "assistant":
          flushToolRun();
          addAssistant(content, refusal, calls, at);
          break;
        case "tool":
          addToolResult(requireContent(content, at), toolCallId, at);
          break;
        case "function":
          throw new TranslationException(at + ": the deprecated 'function' role cannot be "
              + "translated to the target provider's format; send 'tool' messages", at + ".role");
        default:
          throw new TranslationException(at + ".role: unknown role '" + role + "'",
              at + ".role");
      }
    }

    private static List<Part> requireContent(List<Part> content, String at)
        throws TranslationException {
      if (content == null) {
        throw new TranslationException(at + ".content is required", at + ".content");
      }
      return content;
    }

    private void addSystem(List<Part> content, String at) throws TranslationException {
      for (Part part : content) {
        if (!(part instanceof Part.Text)) {
          throw new TranslationException(
              at + ".content: system and developer messages take only text", at + ".content");
        }
        system.add((Part.Text) part);
      }
    }

    private void addAssistant(List<Part> content, String refusal, List<Part.ToolCall> calls,
        String at) throws TranslationException {
      List<Part> parts = new ArrayList<>();
      if (content != null) {
        for (Part part : content) {
          if (part instanceof Part.Image) {
            throw new TranslationException(
                at + ".content: assistant messages take only text", at + ".content");
          }
          parts.add(part);
        }
      }
      if (refusal != null && !refusal.isEmpty()) {
        parts.add(new Part.Text(refusal));
      }
      for (Part.ToolCall call : calls) {
        callNames.put(call.id(), call.name());
        parts.add(call);
      }
      if (content == null && refusal == null && calls.isEmpty()) {
        throw new TranslationException(at + ": an assistant message needs content or "
            + "tool_calls", at + ".content");
      }
      messages.add(new Message(Role.ASSISTANT, parts));
    }

    private void addToolResult(List<Part> content, String toolCallId, String at)
        throws TranslationException {
      if (toolCallId == null || toolCallId.isEmpty()) {
        throw new TranslationException(at + ".tool_call_id is required for tool messages",
            at + ".tool_call_id");
      }
      for (Part part : content) {
        if (!(part instanceof Part.Text)) {
          throw new TranslationException(at + ".content: tool messages take only text",
              at + ".content");
        }
      }
      if (toolRun == null) {
        toolRun = new ArrayList<>();
      }
      toolRun.add(new Part.ToolResult(toolCallId, callNames.get(toolCallId), content, false));
    }

    private void flushToolRun() {
      if (toolRun != null) {
        messages.add(new Message(Role.USER, toolRun));
        toolRun = null;
      }
    }

    /**
     * Reads a message's content: a string, an array of parts, or null. Empty strings carry
     * nothing and yield no part; which part types a role may have is checked by the caller,
     * since the role may come after the content.
     */
    private List<Part> readContent(JsonToken v, String at)
        throws IOException, TranslationException {
      if (v == JsonToken.VALUE_NULL) {
        return null;
      }
      if (v == JsonToken.VALUE_STRING) {
        String text = p.getText();
        return text.isEmpty() ? List.of() : List.of(new Part.Text(text));
      }
      if (v != JsonToken.START_ARRAY) {
        throw new TranslationException(at + " must be a string or an array of content parts",
            at);
      }
      List<Part> parts = new ArrayList<>();
      int j = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        String partAt = at + "[" + j + "]";
        if (t != JsonToken.START_OBJECT) {
          throw new TranslationException(partAt + " must be an object", partAt);
        }
        Part part = readContentPart(partAt);
        if (part != null) {
          parts.add(part);
        }
        j++;
      }
      return parts;
    }

    private Part readContentPart(String at) throws IOException, TranslationException {
      String type = null;
      String text = null;
      String url = null;
      String refusal = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "type":
            type = string(at + ".type");
            break;
          case "text":
            text = string(at + ".text");
            break;
          case "refusal":
            refusal = string(at + ".refusal");
            break;
          case "image_url":
            url = readImageUrl(v, at + ".image_url");
            break;
          default:
            p.skipChildren(); // input_audio, file: rejected below by type
        }
      }
      if (type == null) {
        throw new TranslationException(at + ".type is required", at + ".type");
      }
      switch (type) {
        case "text":
          if (text == null) {
            throw new TranslationException(at + ".text is required", at + ".text");
          }
          return text.isEmpty() ? null : new Part.Text(text);
        case "refusal":
          if (refusal == null) {
            throw new TranslationException(at + ".refusal is required", at + ".refusal");
          }
          return refusal.isEmpty() ? null : new Part.Text(refusal);
        case "image_url":
          if (url == null) {
            throw new TranslationException(at + ".image_url.url is required",
                at + ".image_url");
          }
          return image(url, at + ".image_url.url");
        case "input_audio":
        case "file":
          throw new TranslationException(at + ": '" + type + "' content parts cannot be "
              + "translated to the target provider's format", at);
        default:
          throw new TranslationException(at + ".type: unknown content part type '" + type
              + "'", at + ".type");
      }
    }

    private String readImageUrl(JsonToken v, String at) throws IOException, TranslationException {
      if (v != JsonToken.START_OBJECT) {
        throw new TranslationException(at + " must be an object with a 'url'", at);
      }
      String url = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if ("url".equals(name)) {
          url = string(at + ".url");
        } else {
          p.skipChildren(); // detail: a hint other formats have no place for
        }
      }
      return url;
    }

    /** {@code data:<type>;base64,<data>} becomes inline data; http(s) URLs stay URLs. */
    private static Part.Image image(String url, String at) throws TranslationException {
      if (url.regionMatches(true, 0, "data:", 0, 5)) {
        int comma = url.indexOf(',');
        String meta = comma < 0 ? "" : url.substring(5, comma);
        int semi = meta.indexOf(';');
        String mediaType = semi < 0 ? meta : meta.substring(0, semi);
        if (comma < 0 || !meta.regionMatches(true, meta.length() - 7, ";base64", 0, 7)
            || mediaType.isEmpty()) {
          throw new TranslationException(at + ": a data URL must look like "
              + "data:image/png;base64,<data>", at);
        }
        return new Part.Image(mediaType, url.substring(comma + 1), null);
      }
      if (url.regionMatches(true, 0, "https://", 0, 8)
          || url.regionMatches(true, 0, "http://", 0, 7)) {
        return new Part.Image(OpenAiWire.guessImageType(url), null, url);
      }
      throw new TranslationException(at + ": an image URL must be an http(s) or a data URL",
          at);
    }

    private List<Part.ToolCall> readToolCalls(JsonToken v, String at)
        throws IOException, TranslationException {
      if (v == JsonToken.VALUE_NULL) {
        return List.of();
      }
      if (v != JsonToken.START_ARRAY) {
        throw new TranslationException(at + " must be an array", at);
      }
      List<Part.ToolCall> calls = new ArrayList<>();
      int j = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        String callAt = at + "[" + j + "]";
        if (t != JsonToken.START_OBJECT) {
          throw new TranslationException(callAt + " must be an object", callAt);
        }
        calls.add(readToolCall(callAt));
        j++;
      }
      return calls;
    }

    private Part.ToolCall readToolCall(String at) throws IOException, TranslationException {
      String id = null;
      String type = null;
      String name = null;
      String arguments = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "id":
            id = string(at + ".id");
            break;
          case "type":
            type = string(at + ".type");
            break;
          case "function":
            if (v != JsonToken.START_OBJECT) {
              throw new TranslationException(at + ".function must be an object",
                  at + ".function");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String f = p.currentName();
              p.nextToken();
              if ("name".equals(f)) {
                name = string(at + ".function.name");
              } else if ("arguments".equals(f)) {
                arguments = string(at + ".function.arguments");
              } else {
                p.skipChildren();
              }
            }
            break;
          default:
            p.skipChildren();
        }
      }
      if (type != null && !"function".equals(type)) {
        throw new TranslationException(at + ": '" + type + "' tool calls cannot be translated "
            + "to the target provider's format", at + ".type");
      }
      if (id == null || name == null) {
        throw new TranslationException(at + " needs an id and a function name", at);
      }
      // A call without arguments is sent by some clients as ""; it means no arguments.
      if (arguments == null || arguments.isBlank()) {
        arguments = "{}";
      } else if (!OpenAiWire.isJsonObject(arguments)) {
        throw new TranslationException(at + ".function.arguments must be a JSON object "
            + "encoded as a string", at);
      }
      return new Part.ToolCall(id, name, arguments);
    }

    // ---- tools and options ----

    private void readTools(JsonToken v) throws IOException, TranslationException {
      if (v != JsonToken.START_ARRAY) {
        throw new TranslationException("'tools' must be an array", "tools");
      }
      int i = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        String at = "tools[" + i + "]";
        if (t != JsonToken.START_OBJECT) {
          throw new TranslationException(at + " must be an object", at);
        }
        tools.add(readTool(at));
        i++;
      }
    }

    private Tool readTool(String at) throws IOException, TranslationException {
      String type = null;
      String name = null;
      String description = null;
      String parameters = null;
      boolean functionSeen = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if ("type".equals(field)) {
          type = string(at + ".type");
        } else if ("function".equals(field) && v == JsonToken.START_OBJECT) {
          functionSeen = true;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken fv = p.nextToken();
            switch (f) {
              case "name":
                name = string(at + ".function.name");
                break;
              case "description":
                description = nullableString(at + ".function.description");
                break;
              case "parameters":
                if (fv == JsonToken.START_OBJECT) {
                  parameters = OpenAiWire.copyRawValue(p);
                } else if (fv != JsonToken.VALUE_NULL) {
                  throw new TranslationException(at + ".function.parameters must be a JSON "
                      + "Schema object", at + ".function.parameters");
                }
                break;
              case "strict":
                if (fv == JsonToken.VALUE_TRUE) {
                  dropped.add("tools[].function.strict");
                }
                break;
              default:
                p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if (type == null) {
        throw new TranslationException(at + ".type is required", at + ".type");
      }
      if (!"function".equals(type)) {
        throw new TranslationException(at + ": '" + type + "' tools cannot be translated to "
            + "the target provider's format; only function tools can", at + ".type");
      }
      if (!functionSeen || name == null) {
        throw new TranslationException(at + ".function.name is required",
            at + ".function.name");
      }
      return new Tool(name, description, parameters);
    }

    private ToolChoice readToolChoice(JsonToken v) throws IOException, TranslationException {
      if (v == JsonToken.VALUE_NULL) {
        return null;
      }
      if (v == JsonToken.VALUE_STRING) {
        switch (p.getText()) {
          case "auto":
            return new ToolChoice(ToolChoice.Mode.AUTO, null);
          case "required":
            return new ToolChoice(ToolChoice.Mode.ANY, null);
          case "none":
            return new ToolChoice(ToolChoice.Mode.NONE, null);
          default:
            throw new TranslationException("tool_choice must be 'none', 'auto', 'required' or "
                + "an object naming a function", "tool_choice");
        }
      }
      if (v != JsonToken.START_OBJECT) {
        throw new TranslationException("tool_choice must be a string or an object",
            "tool_choice");
      }
      String type = null;
      String name = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken fv = p.nextToken();
        if ("type".equals(field)) {
          type = string("tool_choice.type");
        } else if ("function".equals(field) && fv == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            if ("name".equals(f)) {
              name = string("tool_choice.function.name");
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if ("function".equals(type) && name != null) {
        return new ToolChoice(ToolChoice.Mode.TOOL, name);
      }
      if (type == null || "function".equals(type)) {
        throw new TranslationException("tool_choice.function.name is required",
            "tool_choice");
      }
      // allowed_tools narrows the tools per turn and custom names a custom tool: neither has
      // an equivalent, and widening the choice silently would change what the model may do.
      throw new TranslationException("tool_choice type '" + type + "' cannot be translated to "
          + "the target provider's format", "tool_choice");
    }

    private ResponseFormat readResponseFormat(JsonToken v)
        throws IOException, TranslationException {
      if (v == JsonToken.VALUE_NULL) {
        return null;
      }
      if (v != JsonToken.START_OBJECT) {
        throw new TranslationException("response_format must be an object", "response_format");
      }
      String type = null;
      String name = null;
      String schema = null;
      boolean strict = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken fv = p.nextToken();
        if ("type".equals(field)) {
          type = string("response_format.type");
        } else if ("json_schema".equals(field) && fv == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken sv = p.nextToken();
            switch (f) {
              case "name":
                name = nullableString("response_format.json_schema.name");
                break;
              case "schema":
                if (sv == JsonToken.START_OBJECT) {
                  schema = OpenAiWire.copyRawValue(p);
                } else if (sv != JsonToken.VALUE_NULL) {
                  throw new TranslationException("response_format.json_schema.schema must be "
                      + "a JSON Schema object", "response_format.json_schema.schema");
                }
                break;
              case "strict":
                Boolean b = bool("response_format.json_schema.strict");
                strict = b != null && b;
                break;
              case "description":
                if (sv != JsonToken.VALUE_NULL) {
                  dropped.add("response_format.json_schema.description");
                }
                p.skipChildren();
                break;
              default:
                p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if (type == null) {
        throw new TranslationException("response_format.type is required",
            "response_format.type");
      }
      switch (type) {
        case "text":
          return new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, false);
        case "json_object":
          return new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, false);
        case "json_schema":
          if (schema == null) {
            // Without a schema, json_schema asks for JSON only: what json_object asks.
            return new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, name, null, false);
          }
          return new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, name, schema, strict);
        default:
          throw new TranslationException("response_format.type: unknown type '" + type + "'",
              "response_format.type");
      }
    }

    private List<String> readStop(JsonToken v) throws IOException, TranslationException {
      if (v == JsonToken.VALUE_NULL) {
        return List.of();
      }
      if (v == JsonToken.VALUE_STRING) {
        return List.of(p.getText());
      }
      if (v != JsonToken.START_ARRAY) {
        throw new TranslationException("'stop' must be a string or an array of strings",
            "stop");
      }
      List<String> list = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        list.add(string("stop"));
      }
      return list;
    }

    private void readStreamOptions(JsonToken v) throws IOException, TranslationException {
      if (v == JsonToken.VALUE_NULL) {
        return;
      }
      if (v != JsonToken.START_OBJECT) {
        throw new TranslationException("'stream_options' must be an object", "stream_options");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if ("include_usage".equals(field)) {
          Boolean b = bool("stream_options.include_usage");
          includeUsage = b != null && b;
        } else {
          p.skipChildren(); // include_obfuscation: padding the gateway's own stream omits
        }
      }
    }

    // ---- typed values; each expects the parser on the value ----

    private String string(String param) throws IOException, TranslationException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw new TranslationException("'" + param + "' must be a string", param);
      }
      return p.getText();
    }

    private String nullableString(String param) throws IOException, TranslationException {
      return p.currentToken() == JsonToken.VALUE_NULL ? null : string(param);
    }

    private Boolean bool(String param) throws TranslationException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
        throw new TranslationException("'" + param + "' must be a boolean", param);
      }
      return t == JsonToken.VALUE_TRUE;
    }

    private Double number(String param) throws IOException, TranslationException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
        throw new TranslationException("'" + param + "' must be a number", param);
      }
      return p.getDoubleValue();
    }

    private Integer integer(String param) throws IOException, TranslationException {
      Long value = longInteger(param);
      if (value == null) {
        return null;
      }
      if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
        throw new TranslationException("'" + param + "' is out of range", param);
      }
      return value.intValue();
    }

    private Long longInteger(String param) throws IOException, TranslationException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw new TranslationException("'" + param + "' must be an integer", param);
      }
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw new TranslationException("'" + param + "' is out of range", param);
      }
      return p.getLongValue();
    }
  }
}
