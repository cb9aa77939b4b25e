package dev.ninelives.providers.gemini;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.Message;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.ResponseFormat;
import dev.ninelives.core.model.Role;
import dev.ninelives.core.model.Tool;
import dev.ninelives.core.model.ToolChoice;
import dev.ninelives.providers.codec.RequestEncoder;
import dev.ninelives.providers.codec.UnsupportedRequestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a canonical request as a Gemini {@code GenerateContentRequest} body (proto3 JSON,
 * camelCase). The model goes in the URL path (see {@link GeminiAdapter}), not the body.
 *
 * <table>
 *   <caption>canonical → Gemini</caption>
 *   <tr><th>canonical</th><th>Gemini</th></tr>
 *   <tr><td>messages</td><td>{@code contents}, role USER → {@code user}, ASSISTANT →
 *       {@code model}; consecutive turns of one role are merged into one content, so all tool
 *       results answering one model turn travel in one user content, as Gemini wants</td></tr>
 *   <tr><td>system</td><td>{@code systemInstruction: {parts: [{text}…]}}, without a role: the
 *       proto makes it optional and Google's REST examples leave it out</td></tr>
 *   <tr><td>Text</td><td>{@code {text}}; empty texts are left out (Gemini rejects empty
 *       parts)</td></tr>
 *   <tr><td>Image, base64</td><td>{@code {inlineData: {mimeType, data}}}; a missing media type
 *       is sniffed from the bytes (PNG, JPEG, GIF, WebP, PDF)</td></tr>
 *   <tr><td>Image, URL</td><td>a {@code data:…;base64,} URL is sent inline;
 *       {@code {fileData: {mimeType?, fileUri}}} for a Gemini Files API URI
 *       ({@code https://generativelanguage.googleapis.com/…/files/…}); any other URL is
 *       unsupported, since Gemini does not fetch arbitrary URLs (the gateway does not either:
 *       it would turn it into a fetcher of client-chosen addresses)</td></tr>
 *   <tr><td>ToolCall</td><td>{@code {functionCall: {name, args: <object>}, thoughtSignature}}.
 *       No {@code id}: Gemini pairs calls and responses by name and order, and rejects ids it
 *       does not expect. The signature is Google's documented placeholder
 *       {@value #SKIP_THOUGHT_SIGNATURE}: Gemini 3 models reject a replayed call without a
 *       signature, and the canonical model cannot carry the real one</td></tr>
 *   <tr><td>ToolResult</td><td>{@code {functionResponse: {name, response: {"result": text}}}}
 *       or {@code {"error": text}} when it failed. The name comes from the result, else from the
 *       call with the same id earlier in the conversation</td></tr>
 *   <tr><td>Thinking</td><td>dropped (Gemini thoughts cannot be sent back as text)</td></tr>
 *   <tr><td>tools</td><td>{@code tools: [{functionDeclarations: [{name, description,
 *       parametersJsonSchema}]}]}; a null description becomes "" (the proto requires
 *       one)</td></tr>
 *   <tr><td>toolChoice</td><td>{@code toolConfig.functionCallingConfig}: AUTO, ANY, NONE; a
 *       named tool is ANY with {@code allowedFunctionNames: [name]}. Sent only with tools</td></tr>
 *   <tr><td>stop, maxTokens, temperature, topP, topK</td><td>{@code generationConfig.}
 *       {@code stopSequences}, {@code maxOutputTokens}, {@code temperature}, {@code topP},
 *       {@code topK}</td></tr>
 *   <tr><td>seed</td><td>{@code generationConfig.seed}, an int32: a seed outside that range is
 *       folded into it ({@code hi ^ lo}), so the same seed still gives the same value</td></tr>
 *   <tr><td>responseFormat</td><td>JSON_OBJECT → {@code responseMimeType:
 *       "application/json"}; JSON_SCHEMA → that plus {@code responseJsonSchema}; the schema's
 *       name and strictness have no equivalent</td></tr>
 *   <tr><td>parallelToolCalls, user, includeUsage</td><td>dropped: no equivalent (Gemini
 *       always reports usage)</td></tr>
 * </table>
 *
 * <p>{@link UnsupportedRequestException} (the target is skipped, no call made) for: no message
 * with content; an image URL that is not a Gemini file; an image of unknown type; an image or
 * other non-text part inside a tool result; a tool result whose function name cannot be found;
 * a function name outside {@code [a-zA-Z0-9_-]{1,64}} (what Gemini allows in calls and
 * responses; declarations also allow {@code .} and {@code :}, but such a function could never be
 * called back); arguments or a schema that are not a JSON object; more than
 * {@value #MAX_STOP_SEQUENCES} stop sequences.
 *
 * <p>Stateless and thread-safe.
 */
public final class GeminiRequestEncoder implements RequestEncoder {
  /**
   * The signature Google documents for replayed function calls whose real thought signature is
   * not available (histories from another model or client), which turns its check off.
   */
  public static final String SKIP_THOUGHT_SIGNATURE = "skip_thought_signature_validator";
  /** Gemini's limit on {@code generationConfig.stopSequences}. */
  public static final int MAX_STOP_SEQUENCES = 5;

  private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
  private static final String GEMINI_HOST = "https://generativelanguage.googleapis.com/";

  public GeminiRequestEncoder() {}

  @Override
  public byte[] encode(ChatRequest request, String model) throws UnsupportedRequestException {
    List<Turn> turns = turns(request.messages());
    if (turns.isEmpty()) {
      throw new UnsupportedRequestException(
          "Gemini needs at least one message with content", "messages");
    }
    Map<String, String> callNames = callNames(request.messages());
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = GeminiJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      writeContents(g, turns, callNames);
      writeSystem(g, request.system());
      writeTools(g, request.tools(), request.toolChoice());
      writeGenerationConfig(g, request);
      g.writeEndObject();
    } catch (IOException e) {
      // Client JSON is read by copyJson, which reports its own errors; what is left is the
      // generator writing to memory, which does not fail.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** One Gemini content: the parts of consecutive canonical messages of one role. */
  private static final class Turn {
    final String role;
    final List<Part> parts = new ArrayList<>();
    final List<String> params = new ArrayList<>();

    Turn(String role) {
      this.role = role;
    }
  }

  private static List<Turn> turns(List<Message> messages) {
    List<Turn> turns = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      String role = m.role() == Role.ASSISTANT ? "model" : "user";
      for (int j = 0; j < m.parts().size(); j++) {
        Part part = m.parts().get(j);
        if (part instanceof Part.Thinking
            || (part instanceof Part.Text && ((Part.Text) part).text().isEmpty())) {
          continue;
        }
        // A message left empty by the skips adds no content, so its neighbours merge.
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last == null || !last.role.equals(role)) {
          last = new Turn(role);
          turns.add(last);
        }
        last.parts.add(part);
        last.params.add("messages[" + i + "].content[" + j + "]");
      }
    }
    return turns;
  }

  /** Function names by call id, for tool results that do not name their function. */
  private static Map<String, String> callNames(List<Message> messages) {
    Map<String, String> names = new HashMap<>();
    for (Message m : messages) {
      for (Part p : m.parts()) {
        if (p instanceof Part.ToolCall) {
          Part.ToolCall call = (Part.ToolCall) p;
          names.putIfAbsent(call.id(), call.name());
        }
      }
    }
    return names;
  }

  private static void writeContents(JsonGenerator g, List<Turn> turns,
      Map<String, String> callNames) throws IOException, UnsupportedRequestException {
    g.writeArrayFieldStart("contents");
    for (Turn turn : turns) {
      g.writeStartObject();
      g.writeStringField("role", turn.role);
      g.writeArrayFieldStart("parts");
      for (int k = 0; k < turn.parts.size(); k++) {
        writePart(g, turn.parts.get(k), turn.params.get(k), callNames);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writePart(JsonGenerator g, Part part, String param,
      Map<String, String> callNames) throws IOException, UnsupportedRequestException {
    g.writeStartObject();
    if (part instanceof Part.Text) {
      g.writeStringField("text", ((Part.Text) part).text());
    } else if (part instanceof Part.Image) {
      writeImage(g, (Part.Image) part, param);
    } else if (part instanceof Part.ToolCall) {
      Part.ToolCall call = (Part.ToolCall) part;
      checkName(call.name(), param + ".name");
      g.writeObjectFieldStart("functionCall");
      g.writeStringField("name", call.name());
      g.writeFieldName("args");
      if (call.argumentsJson().isBlank()) {
        // OpenAI clients send "" for a call without arguments.
        g.writeStartObject();
        g.writeEndObject();
      } else {
        copyJson(g, call.argumentsJson(), "the arguments of tool call '" + call.id() + "'",
            param + ".arguments");
      }
      g.writeEndObject();
      g.writeStringField("thoughtSignature", SKIP_THOUGHT_SIGNATURE);
    } else if (part instanceof Part.ToolResult) {
      writeToolResult(g, (Part.ToolResult) part, param, callNames);
    } else {
      // Thinking parts are filtered out before; a new Part kind must be mapped here.
      throw new IllegalStateException("unmapped part " + part.getClass().getSimpleName());
    }
    g.writeEndObject();
  }

  private static void writeImage(JsonGenerator g, Part.Image image, String param)
      throws IOException, UnsupportedRequestException {
    if (image.base64Data() != null) {
      String type = image.mediaType() != null ? image.mediaType() : sniff(image.base64Data());
      if (type == null) {
        throw new UnsupportedRequestException(
            "Gemini needs the media type of an inline image, and it could not be recognised",
            param);
      }
      g.writeObjectFieldStart("inlineData");
      g.writeStringField("mimeType", type);
      g.writeStringField("data", image.base64Data());
      g.writeEndObject();
      return;
    }
    String url = image.url();
    // A data URL that reached the canonical model undecoded is inline data all the same.
    int comma = url.indexOf(',');
    if (url.regionMatches(true, 0, "data:", 0, 5) && comma > 0
        && url.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
      String type = url.substring(5, comma - ";base64".length());
      String data = url.substring(comma + 1);
      writeImage(g, new Part.Image(type.isEmpty() ? image.mediaType() : type, data, null),
          param);
      return;
    }
    if (!(url.startsWith(GEMINI_HOST) && url.contains("/files/"))) {
      throw new UnsupportedRequestException("Gemini takes images inline (base64) or as files "
          + "uploaded to its Files API, not by URL", param);
    }
    g.writeObjectFieldStart("fileData");
    if (image.mediaType() != null) {
      g.writeStringField("mimeType", image.mediaType());
    }
    g.writeStringField("fileUri", url);
    g.writeEndObject();
  }

  private static void writeToolResult(JsonGenerator g, Part.ToolResult result, String param,
      Map<String, String> callNames) throws IOException, UnsupportedRequestException {
    String name = result.name() != null ? result.name() : callNames.get(result.toolCallId());
    if (name == null) {
      throw new UnsupportedRequestException("Gemini needs the function name of every tool "
          + "result, and the result for tool call '" + result.toolCallId()
          + "' has none (nor does the conversation hold that call)", param);
    }
    checkName(name, param + ".name");
    StringBuilder text = new StringBuilder();
    for (Part p : result.content()) {
      if (!(p instanceof Part.Text)) {
        throw new UnsupportedRequestException("Gemini tool results carry text only; the result "
            + "for tool call '" + result.toolCallId() + "' holds "
            + p.getClass().getSimpleName().toLowerCase(Locale.ROOT), param);
      }
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(((Part.Text) p).text());
    }
    g.writeObjectFieldStart("functionResponse");
    g.writeStringField("name", name);
    g.writeObjectFieldStart("response");
    // Gemini's own convention: "error" tells the model the call failed (see FunctionResponse).
    g.writeStringField(result.isError() ? "error" : "result", text.toString());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeSystem(JsonGenerator g, List<Part.Text> system) throws IOException {
    boolean open = false;
    for (Part.Text t : system) {
      if (t.text().isEmpty()) {
        continue;
      }
      if (!open) {
        g.writeObjectFieldStart("systemInstruction");
        g.writeArrayFieldStart("parts");
        open = true;
      }
      g.writeStartObject();
      g.writeStringField("text", t.text());
      g.writeEndObject();
    }
    if (open) {
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void writeTools(JsonGenerator g, List<Tool> tools, ToolChoice choice)
      throws IOException, UnsupportedRequestException {
    if (tools.isEmpty()) {
      return; // a tool choice without tools means nothing to Gemini
    }
    g.writeArrayFieldStart("tools");
    g.writeStartObject();
    g.writeArrayFieldStart("functionDeclarations");
    for (int i = 0; i < tools.size(); i++) {
      Tool t = tools.get(i);
      checkName(t.name(), "tools[" + i + "].name");
      g.writeStartObject();
      g.writeStringField("name", t.name());
      g.writeStringField("description", t.description() == null ? "" : t.description());
      if (t.parametersJson() != null && !t.parametersJson().isBlank()) {
        g.writeFieldName("parametersJsonSchema");
        copyJson(g, t.parametersJson(), "the parameters of tool '" + t.name() + "'",
            "tools[" + i + "].parameters");
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
    if (choice == null) {
      return;
    }
    g.writeObjectFieldStart("toolConfig");
    g.writeObjectFieldStart("functionCallingConfig");
    switch (choice.mode()) {
      case AUTO:
        g.writeStringField("mode", "AUTO");
        break;
      case ANY:
        g.writeStringField("mode", "ANY");
        break;
      case NONE:
        g.writeStringField("mode", "NONE");
        break;
      case TOOL:
        checkName(choice.name(), "tool_choice");
        g.writeStringField("mode", "ANY");
        g.writeArrayFieldStart("allowedFunctionNames");
        g.writeString(choice.name());
        g.writeEndArray();
        break;
      default:
        throw new IllegalStateException("unmapped tool choice " + choice.mode());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeGenerationConfig(JsonGenerator g, ChatRequest r)
      throws IOException, UnsupportedRequestException {
    List<String> stops = new ArrayList<>(r.stop().size());
    for (String s : r.stop()) {
      if (s != null && !s.isEmpty()) {
        stops.add(s);
      }
    }
    if (stops.size() > MAX_STOP_SEQUENCES) {
      throw new UnsupportedRequestException("Gemini accepts at most " + MAX_STOP_SEQUENCES
          + " stop sequences, and the request has " + stops.size(), "stop");
    }
    ResponseFormat format = r.responseFormat();
    boolean json = format != null && format.kind() != ResponseFormat.Kind.TEXT;
    if (stops.isEmpty() && r.maxTokens() == null && r.temperature() == null && r.topP() == null
        && r.topK() == null && r.seed() == null && !json) {
      return;
    }
    g.writeObjectFieldStart("generationConfig");
    if (!stops.isEmpty()) {
      g.writeArrayFieldStart("stopSequences");
      for (String s : stops) {
        g.writeString(s);
      }
      g.writeEndArray();
    }
    if (r.maxTokens() != null) {
      g.writeNumberField("maxOutputTokens", r.maxTokens());
    }
    if (r.temperature() != null) {
      g.writeNumberField("temperature", r.temperature());
    }
    if (r.topP() != null) {
      g.writeNumberField("topP", r.topP());
    }
    if (r.topK() != null) {
      g.writeNumberField("topK", r.topK());
    }
    if (r.seed() != null) {
      g.writeNumberField("seed", int32Seed(r.seed()));
    }
    if (json) {
      g.writeStringField("responseMimeType", "application/json");
      if (format.kind() == ResponseFormat.Kind.JSON_SCHEMA) {
        g.writeFieldName("responseJsonSchema");
        copyJson(g, format.schemaJson(), "the response schema", "response_format.schema");
      }
    }
    g.writeEndObject();
  }

  /** Gemini's seed is an int32; a wider seed is folded so that equal seeds stay equal. */
  static int int32Seed(long seed) {
    if (seed >= Integer.MIN_VALUE && seed <= Integer.MAX_VALUE) {
      return (int) seed;
    }
    return (int) (seed ^ (seed >>> 32));
  }

  private static void checkName(String name, String param) throws UnsupportedRequestException {
    if (name == null || !FUNCTION_NAME.matcher(name).matches()) {
      throw new UnsupportedRequestException("Gemini function names must be 1 to 64 letters, "
          + "digits, '_' or '-'; '" + name + "' is not", param);
    }
  }

  /**
   * Copies one JSON object given as text into the body, re-serialized, so a client's malformed
   * JSON can never make the body malformed.
   */
  private static void copyJson(JsonGenerator g, String json, String what, String param)
      throws IOException, UnsupportedRequestException {
    try (JsonParser p = GeminiJson.FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new UnsupportedRequestException(what + " must be a JSON object", param);
      }
      g.copyCurrentStructure(p);
      if (p.nextToken() != null) {
        throw new UnsupportedRequestException(what + " must be one JSON object", param);
      }
    } catch (StreamReadException e) {
      throw new UnsupportedRequestException(what + " is not valid JSON", param);
    }
  }

  /** The media type of base64 image (or PDF) data, from its first bytes; null if unknown. */
  static String sniff(String base64) {
    String head = base64.length() > 16 ? base64.substring(0, 16) : base64;
    byte[] b;
    try {
      b = Base64.getDecoder().decode(head.length() % 4 == 0 ? head
          : head.substring(0, head.length() - head.length() % 4));
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (startsWith(b, 0x89, 'P', 'N', 'G')) {
      return "image/png";
    }
    if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (startsWith(b, 'G', 'I', 'F', '8')) {
      return "image/gif";
    }
    if (startsWith(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E'
        && b[10] == 'B' && b[11] == 'P') {
      return "image/webp";
    }
    if (startsWith(b, '%', 'P', 'D', 'F')) {
      return "application/pdf";
    }
    return null;
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
