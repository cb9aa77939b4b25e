package dev.ninelives.providers.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.Locale;
import java.util.Set;

/**
 * Provider side: writes a canonical request as an Anthropic Messages body
 * ({@code CreateMessageParams}).
 *
 * <ul>
 *   <li>{@code system}: one text as a string, several as text blocks; empty texts are left out
 *       (Anthropic rejects empty text blocks).
 *   <li>{@code messages}: consecutive turns of one role are merged into one message (after
 *       leaving out turns that end up empty), and in a user turn every tool result comes first,
 *       as {@code tool_result} blocks, then the rest in order: Anthropic wants all results of an
 *       assistant turn at the start of the next user message. Tool-use ids are made to fit
 *       {@code ^[a-zA-Z0-9_-]+$} the same way on calls and results, so they still pair up.
 *   <li>Tool calls become {@code tool_use} blocks whose {@code input} is the arguments object;
 *       blank arguments mean {@code {}}, anything else that is not a JSON object is refused.
 *   <li>Thinking is sent back only when Anthropic can verify it: {@code thinking} blocks that
 *       carry a signature, and {@code redacted_thinking} (whose opaque data is itself
 *       Anthropic's). Unsigned thinking (from other providers, or cut short) is left out.
 *   <li>{@code tools} with {@code input_schema}: none means {@code {"type":"object",
 *       "properties":{}}}, a schema without {@code type} gets {@code "type":"object"}.
 *   <li>{@code tool_choice}, with {@code disable_parallel_tool_use} when parallel calls are
 *       off; left out when there are no tools (Anthropic rejects a choice without tools).
 *   <li>{@code max_tokens} is required by Anthropic: the request's value, else the encoder's
 *       default ({@value #DEFAULT_MAX_TOKENS} unless configured), which every current Claude
 *       model accepts and which is a common SDK default.
 *   <li>{@code temperature} is clamped to Anthropic's 0..1 (the canonical scale is OpenAI's
 *       0..2): clamping keeps the common values 0..1 unchanged, where scaling would turn
 *       OpenAI's default 1 into 0.5.
 *   <li>{@code top_p}, {@code top_k}, {@code stop_sequences}, {@code stream}; {@code user} as
 *       {@code metadata.user_id} (left out when longer than Anthropic's 512 characters).
 *   <li>A JSON-schema response format becomes {@code output_config.format}. A plain JSON-object
 *       format is <b>dropped</b>, not refused: Anthropic has no schema-less JSON mode (its
 *       structured outputs need a closed schema), and a client asking for JSON mode has to say
 *       "JSON" in its prompt anyway, which Claude follows; refusing would fail requests that
 *       work. {@link #droppedFields} reports it, with {@code seed}, so the gateway can say so.
 * </ul>
 * The output validates against {@code CreateMessageParams} of Anthropic's OpenAPI spec.
 *
 * <p>Immutable and thread-safe.
 */
public final class AnthropicRequestEncoder implements RequestEncoder {
  /** The {@code max_tokens} sent when the request sets none. */
  public static final int DEFAULT_MAX_TOKENS = 4096;

  private static final int MAX_USER_ID = 512;
  private static final Set<String> MEDIA_TYPES =
      Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

  private final int defaultMaxTokens;

  /** An encoder that sends {@value #DEFAULT_MAX_TOKENS} when a request sets no limit. */
  public AnthropicRequestEncoder() {
    this(DEFAULT_MAX_TOKENS);
  }

  /** @param defaultMaxTokens the {@code max_tokens} sent when a request sets none */
  public AnthropicRequestEncoder(int defaultMaxTokens) {
    if (defaultMaxTokens < 1) {
      throw new IllegalArgumentException("defaultMaxTokens must be positive, but was "
          + defaultMaxTokens);
    }
    this.defaultMaxTokens = defaultMaxTokens;
  }

  /**
   * The request fields {@link #encode} leaves out although the request sets them, by their
   * canonical (OpenAI-style) names: {@code seed} (Anthropic has none), {@code response_format}
   * (a plain JSON-object format) and {@code user} (over 512 characters). Empty when nothing is
   * lost.
   */
  public static List<String> droppedFields(ChatRequest request) {
    List<String> out = new ArrayList<>(2);
    if (request.seed() != null) {
      out.add("seed");
    }
    if (request.responseFormat() != null
        && request.responseFormat().kind() == ResponseFormat.Kind.JSON_OBJECT) {
      out.add("response_format");
    }
    if (request.user() != null && request.user().length() > MAX_USER_ID) {
      out.add("user");
    }
    return out;
  }

  @Override
  public byte[] encode(ChatRequest request, String model) throws UnsupportedRequestException {
    ByteArrayBuilder out = new ByteArrayBuilder(1024);
    try (JsonGenerator g = AnthropicJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("model", model);
      g.writeNumberField("max_tokens",
          request.maxTokens() != null ? request.maxTokens() : defaultMaxTokens);
      writeSystem(g, request.system());
      writeMessages(g, request.messages());
      boolean tools = !request.tools().isEmpty();
      if (tools) {
        writeTools(g, request.tools());
        writeToolChoice(g, request.toolChoice(), request.parallelToolCalls());
      }
      if (!request.stop().isEmpty()) {
        g.writeArrayFieldStart("stop_sequences");
        for (String s : request.stop()) {
          g.writeString(s);
        }
        g.writeEndArray();
      }
      if (request.temperature() != null) {
        g.writeNumberField("temperature", Math.min(request.temperature(), 1.0));
      }
      if (request.topP() != null) {
        g.writeNumberField("top_p", request.topP());
      }
      if (request.topK() != null) {
        g.writeNumberField("top_k", request.topK());
      }
      if (request.user() != null && request.user().length() <= MAX_USER_ID) {
        g.writeObjectFieldStart("metadata");
        g.writeStringField("user_id", request.user());
        g.writeEndObject();
      }
      ResponseFormat rf = request.responseFormat();
      if (rf != null && rf.kind() == ResponseFormat.Kind.JSON_SCHEMA) {
        g.writeObjectFieldStart("output_config");
        g.writeObjectFieldStart("format");
        g.writeStringField("type", "json_schema");
        g.writeFieldName("schema");
        if (!copyObject(rf.schemaJson(), g)) {
          throw new UnsupportedRequestException(
              "the response format's schema is not a JSON object", "response_format");
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      if (request.stream()) {
        g.writeBooleanField("stream", true);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void writeSystem(JsonGenerator g, List<Part.Text> system) throws IOException {
    List<String> texts = new ArrayList<>(system.size());
    for (Part.Text t : system) {
      if (!t.text().isEmpty()) {
        texts.add(t.text());
      }
    }
    if (texts.isEmpty()) {
      return;
    }
    if (texts.size() == 1) {
      g.writeStringField("system", texts.get(0));
      return;
    }
    g.writeArrayFieldStart("system");
    for (String t : texts) {
      writeText(g, t);
    }
    g.writeEndArray();
  }

  /** One Anthropic message: the merged canonical turns of one role. */
  private static final class Turn {
    final Role role;
    final List<Part> toolResults = new ArrayList<>();
    final List<Part> others = new ArrayList<>();

    Turn(Role role) {
      this.role = role;
    }
  }

  private static void writeMessages(JsonGenerator g, List<Message> messages)
      throws IOException, UnsupportedRequestException {
    List<Turn> turns = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      Turn turn = turns.isEmpty() ? null : turns.get(turns.size() - 1);
      boolean merge = turn != null && turn.role == m.role();
      Turn target = merge ? turn : new Turn(m.role());
      boolean any = false;
      for (int k = 0; k < m.parts().size(); k++) {
        Part part = m.parts().get(k);
        String path = "messages[" + i + "].parts[" + k + "]";
        check(m.role(), part, path);
        if (!sendable(part)) {
          continue;
        }
        any = true;
        if (part instanceof Part.ToolResult) {
          target.toolResults.add(part);
        } else {
          target.others.add(part);
        }
      }
      if (any && !merge) {
        turns.add(target);
      }
    }
    g.writeArrayFieldStart("messages");
    for (Turn t : turns) {
      g.writeStartObject();
      g.writeStringField("role", t.role == Role.USER ? "user" : "assistant");
      g.writeArrayFieldStart("content");
      for (Part part : t.toolResults) {
        writeToolResult(g, (Part.ToolResult) part);
      }
      for (Part part : t.others) {
        writePart(g, part);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Refuses parts a role cannot carry in Anthropic's format. */
  private static void check(Role role, Part part, String path)
      throws UnsupportedRequestException {
    if (role == Role.USER && (part instanceof Part.ToolCall || part instanceof Part.Thinking)) {
      throw new UnsupportedRequestException("a user message cannot carry "
          + (part instanceof Part.ToolCall ? "a tool call" : "thinking") + " for Anthropic",
          path);
    }
    if (role == Role.ASSISTANT && part instanceof Part.ToolResult) {
      throw new UnsupportedRequestException(
          "an assistant message cannot carry a tool result for Anthropic", path);
    }
    if (part instanceof Part.ToolCall) {
      Part.ToolCall call = (Part.ToolCall) part;
      if (call.name().isEmpty()) {
        throw new UnsupportedRequestException("a tool call has an empty name", path);
      }
      if (!isBlank(call.argumentsJson()) && !isObject(call.argumentsJson())) {
        throw new UnsupportedRequestException("the arguments of tool call '" + call.id()
            + "' are not a JSON object; Anthropic takes tool input as an object", path);
      }
    } else if (part instanceof Part.Image) {
      image(part, path); // throws when the image cannot be sent
    } else if (part instanceof Part.ToolResult) {
      List<Part> content = ((Part.ToolResult) part).content();
      for (int k = 0; k < content.size(); k++) {
        Part c = content.get(k);
        String at = path + ".content[" + k + "]";
        if (c instanceof Part.Image) {
          image(c, at);
        } else if (!(c instanceof Part.Text)) {
          throw new UnsupportedRequestException(
              "a tool result may hold only text and images for Anthropic", at);
        }
      }
    }
  }

  /** Whether a part has anything Anthropic would accept and use. */
  private static boolean sendable(Part part) {
    if (part instanceof Part.Text) {
      return !((Part.Text) part).text().isEmpty();
    }
    if (part instanceof Part.Thinking) {
      Part.Thinking t = (Part.Thinking) part;
      return t.redacted() ? !t.text().isEmpty()
          : t.signature() != null && !t.signature().isEmpty();
    }
    return true;
  }

  private static void writePart(JsonGenerator g, Part part) throws IOException {
    if (part instanceof Part.Text) {
      writeText(g, ((Part.Text) part).text());
    } else if (part instanceof Part.Image) {
      writeImage(g, (Part.Image) part);
    } else if (part instanceof Part.ToolCall) {
      Part.ToolCall call = (Part.ToolCall) part;
      g.writeStartObject();
      g.writeStringField("type", "tool_use");
      g.writeStringField("id", AnthropicIds.toolUseId(call.id()));
      g.writeStringField("name", call.name());
      g.writeFieldName("input");
      if (isBlank(call.argumentsJson())) {
        g.writeStartObject();
        g.writeEndObject();
      } else {
        copyObject(call.argumentsJson(), g); // checked to be an object before writing began
      }
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
        g.writeStringField("signature", t.signature());
      }
      g.writeEndObject();
    }
  }

  private static void writeText(JsonGenerator g, String text) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "text");
    g.writeStringField("text", text);
    g.writeEndObject();
  }

  private static void writeToolResult(JsonGenerator g, Part.ToolResult r) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "tool_result");
    g.writeStringField("tool_use_id", AnthropicIds.toolUseId(r.toolCallId()));
    List<Part> content = new ArrayList<>(r.content().size());
    for (Part c : r.content()) {
      if (sendable(c)) {
        content.add(c);
      }
    }
    if (content.size() == 1 && content.get(0) instanceof Part.Text) {
      g.writeStringField("content", ((Part.Text) content.get(0)).text());
    } else if (!content.isEmpty()) {
      g.writeArrayFieldStart("content");
      for (Part c : content) {
        writePart(g, c);
      }
      g.writeEndArray();
    }
    if (r.isError()) {
      g.writeBooleanField("is_error", true);
    }
    g.writeEndObject();
  }

  private static void writeImage(JsonGenerator g, Part.Image image) throws IOException {
    String[] src;
    try {
      src = image(image, "");
    } catch (UnsupportedRequestException e) {
      throw new IllegalStateException("images are checked before writing begins", e);
    }
    g.writeStartObject();
    g.writeStringField("type", "image");
    g.writeObjectFieldStart("source");
    if (src[0] != null) {
      g.writeStringField("type", "base64");
      g.writeStringField("media_type", src[0]);
      g.writeStringField("data", src[1]);
    } else {
      g.writeStringField("type", "url");
      g.writeStringField("url", src[2]);
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /**
   * How an image goes to Anthropic: {media type, base64 data, null} for inline data (a
   * {@code data:} URL counts as inline), or {null, null, url}.
   */
  private static String[] image(Part part, String path) throws UnsupportedRequestException {
    Part.Image image = (Part.Image) part;
    String mediaType = image.mediaType();
    String data = image.base64Data();
    if (data == null && image.url().regionMatches(true, 0, "data:", 0, 5)) {
      String url = image.url();
      int comma = url.indexOf(',');
      String meta = comma < 0 ? "" : url.substring(5, comma);
      if (!meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
        throw new UnsupportedRequestException(
            "a data: URL image must be base64-encoded for Anthropic", path);
      }
      mediaType = meta.substring(0, meta.length() - 7);
      data = url.substring(comma + 1);
    }
    if (data == null) {
      return new String[] {null, null, image.url()};
    }
    String mt = mediaType == null ? "" : mediaType.trim().toLowerCase(Locale.ROOT);
    if (mt.equals("image/jpg")) {
      mt = "image/jpeg";
    }
    if (!MEDIA_TYPES.contains(mt)) {
      throw new UnsupportedRequestException("Anthropic accepts inline images of type "
          + "image/jpeg, image/png, image/gif and image/webp, not '" + mediaType + "'", path);
    }
    return new String[] {mt, data, null};
  }

  private static void writeTools(JsonGenerator g, List<Tool> tools)
      throws IOException, UnsupportedRequestException {
    g.writeArrayFieldStart("tools");
    for (int i = 0; i < tools.size(); i++) {
      Tool t = tools.get(i);
      String path = "tools[" + i + "]";
      if (!validToolName(t.name())) {
        throw new UnsupportedRequestException("the tool name '" + t.name() + "' is not allowed "
            + "by Anthropic: use 1 to 128 letters, digits, '_' or '-'", path + ".name");
      }
      g.writeStartObject();
      g.writeStringField("name", t.name());
      if (t.description() != null) {
        g.writeStringField("description", t.description());
      }
      g.writeFieldName("input_schema");
      writeInputSchema(g, t.parametersJson(), path);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /**
   * Writes a tool's parameter schema. Anthropic requires an object schema with
   * {@code "type":"object"}; OpenAI accepts one without {@code type} (and no schema at all for
   * a function without parameters), so the type is added where missing.
   */
  private static void writeInputSchema(JsonGenerator g, String schema, String path)
      throws IOException, UnsupportedRequestException {
    if (schema == null || isBlank(schema)) {
      g.writeStartObject();
      g.writeStringField("type", "object");
      g.writeObjectFieldStart("properties");
      g.writeEndObject();
      g.writeEndObject();
      return;
    }
    String type = topLevelType(schema);
    if (type == null) {
      throw new UnsupportedRequestException("the tool's parameter schema is not a JSON object",
          path + ".parameters");
    }
    if (!type.isEmpty() && !type.equals("object")) {
      throw new UnsupportedRequestException("Anthropic needs a tool's parameter schema to have "
          + "type 'object', not '" + type + "'", path + ".parameters");
    }
    try (JsonParser p = AnthropicJson.FACTORY.createParser(schema)) {
      p.nextToken();
      g.writeStartObject();
      if (type.isEmpty()) {
        g.writeStringField("type", "object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        g.writeFieldName(p.currentName());
        p.nextToken();
        g.copyCurrentStructure(p);
      }
      g.writeEndObject();
    }
  }

  /**
   * The schema's top-level {@code type} when it is a string, "" when absent (or not a string),
   * or null when the text is not one well-formed JSON object.
   */
  private static String topLevelType(String schema) {
    try (JsonParser p = AnthropicJson.FACTORY.createParser(schema)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String type = "";
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if ("type".equals(name) && v == JsonToken.VALUE_STRING) {
          type = p.getText();
        }
        p.skipChildren();
      }
      return p.nextToken() == null ? type : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static void writeToolChoice(JsonGenerator g, ToolChoice choice, Boolean parallel)
      throws IOException {
    boolean disableParallel = Boolean.FALSE.equals(parallel);
    if (choice == null && !disableParallel) {
      return;
    }
    ToolChoice.Mode mode = choice == null ? ToolChoice.Mode.AUTO : choice.mode();
    g.writeObjectFieldStart("tool_choice");
    switch (mode) {
      case ANY:
        g.writeStringField("type", "any");
        break;
      case NONE:
        g.writeStringField("type", "none");
        break;
      case TOOL:
        g.writeStringField("type", "tool");
        g.writeStringField("name", choice.name());
        break;
      case AUTO:
      default:
        g.writeStringField("type", "auto");
        break;
    }
    // ToolChoiceNone has no such member (and no calls to run in parallel).
    if (disableParallel && mode != ToolChoice.Mode.NONE) {
      g.writeBooleanField("disable_parallel_tool_use", true);
    }
    g.writeEndObject();
  }

  private static boolean validToolName(String name) {
    if (name.isEmpty() || name.length() > 128) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(String s) {
    return s.isBlank();
  }

  /** Whether {@code json} is exactly one well-formed JSON object. */
  static boolean isObject(String json) {
    try (JsonParser p = AnthropicJson.FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Copies {@code json} into {@code g} if it is one well-formed JSON object; returns false (and
   * writes nothing) otherwise. Copying token by token rather than writing the text raw means a
   * malformed value can never corrupt the body.
   */
  static boolean copyObject(String json, JsonGenerator g) throws IOException {
    if (json == null || !isObject(json)) {
      return false;
    }
    try (JsonParser p = AnthropicJson.FACTORY.createParser(json)) {
      p.nextToken();
      g.copyCurrentStructure(p);
    }
    return true;
  }
}
