package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The parts of a chat request the simulator acts on, whatever the dialect that sent it. Immutable.
 *
 * @param model the model to echo in the reply
 * @param stream whether a stream was asked for
 * @param includeUsage whether {@code stream_options.include_usage} was true (OpenAI family only)
 * @param maxTokens the output token limit; 0 when none was set
 * @param promptTokens words in the request's text (system prompt, messages, tool results), the
 *     simulator's prompt token count
 * @param stopSequences strings that end the answer just before they would appear
 * @param tools the declared function tools, in order, that the tool choice allows
 * @param toolChoice whether tools may be called
 * @param parallelAllowed false when the request forbids parallel calls
 * @param turn what the last message of the conversation is
 * @param userText the text of the last message when it is a plain user message, else ""
 * @param toolResults the results the last message carries, in order, as text
 */
record ChatRequest(
    String model,
    boolean stream,
    boolean includeUsage,
    int maxTokens,
    int promptTokens,
    List<String> stopSequences,
    List<Tool> tools,
    ToolChoice toolChoice,
    boolean parallelAllowed,
    Turn turn,
    String userText,
    List<String> toolResults) {

  /** What the conversation's last message is. */
  enum Turn {
    /** A user message with text (and perhaps images), no tool results. */
    USER,
    /** A message carrying the results of earlier tool calls. */
    TOOL_RESULTS,
    /** Anything else: no messages, an assistant prefill, a system message. */
    OTHER
  }

  /** Whether the model may call tools. */
  enum ToolChoice {
    AUTO,
    NONE
  }

  /**
   * A declared function tool.
   *
   * @param name the tool's name
   * @param argument the argument the simulator fills with the user's text: the first required
   *     property of the tool's schema, else {@code query}
   */
  record Tool(String name, String argument) {}

  ChatRequest {
    Objects.requireNonNull(model, "model");
    stopSequences = List.copyOf(stopSequences);
    tools = List.copyOf(tools);
    toolResults = List.copyOf(toolResults);
  }

  /** A request the real API would reject with 400; the fields follow OpenAI's error object. */
  static final class Invalid extends Exception {
    private final String param;
    private final String code;

    Invalid(String message, String param, String code) {
      super(message, null, false, false);
      this.param = param;
      this.code = code;
    }

    String param() {
      return param;
    }

    String code() {
      return code;
    }
  }

  /** Parses a body in the route's dialect; the route may name the model (Azure, Gemini). */
  static ChatRequest parse(Dialect dialect, String body, Route route) throws Invalid {
    switch (dialect) {
      case ANTHROPIC:
        return AnthropicRequests.parse(body);
      case GEMINI:
        return GeminiRequests.parse(body, route);
      default:
        return parseOpenAi(body, route.model());
    }
  }

  /**
   * Parses a Chat Completions body. {@code modelOverride} (Azure's deployment) replaces the body's
   * model and makes it optional.
   */
  static ChatRequest parseOpenAi(String body, String modelOverride) throws Invalid {
    JsonNode root = Json.readOrNull(body);
    if (root == null || !root.isObject()) {
      throw new Invalid(
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using"
              + " your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent"
              + " was not valid JSON.)",
          null,
          null);
    }
    String model = modelOverride;
    if (model == null) {
      JsonNode m = root.get("model");
      if (m == null || !m.isTextual() || m.asText().isEmpty()) {
        throw new Invalid("you must provide a model parameter", null, null);
      }
      model = m.asText();
    }
    boolean stream = root.path("stream").asBoolean(false);
    boolean includeUsage = root.path("stream_options").path("include_usage").asBoolean(false);
    int maxTokens = maxTokens(root, "max_completion_tokens");
    if (maxTokens == 0) {
      maxTokens = maxTokens(root, "max_tokens");
    }
    JsonNode messages = root.path("messages");
    int prompt = 0;
    for (JsonNode message : messages) {
      prompt += Tokens.count(openAiText(message.path("content")));
    }

    // The conversation ends with either a user turn or the run of tool results after a call.
    Turn turn = Turn.OTHER;
    String userText = "";
    List<String> results = new ArrayList<>();
    int last = messages.size() - 1;
    String lastRole = last < 0 ? "" : messages.get(last).path("role").asText("");
    if (lastRole.equals("user")) {
      turn = Turn.USER;
      userText = openAiText(messages.get(last).path("content"));
    } else if (lastRole.equals("tool") || lastRole.equals("function")) {
      turn = Turn.TOOL_RESULTS;
      int first = last;
      while (first > 0 && isToolResult(messages.get(first - 1))) {
        first--;
      }
      for (int i = first; i <= last; i++) {
        results.add(openAiText(messages.get(i).path("content")));
      }
    }

    List<Tool> tools = new ArrayList<>();
    for (JsonNode t : root.path("tools")) {
      JsonNode function = t.path("function");
      if (t.path("type").asText("function").equals("function") && function.path("name").isTextual()) {
        tools.add(new Tool(function.path("name").asText(), argumentName(function.path("parameters"))));
      }
    }
    ToolChoice choice = ToolChoice.AUTO;
    JsonNode tc = root.path("tool_choice");
    if (tc.isTextual() && tc.asText().equals("none")) {
      choice = ToolChoice.NONE;
    } else if (tc.path("function").path("name").isTextual()) {
      tools = only(tools, tc.path("function").path("name").asText());
    }
    boolean parallel = root.path("parallel_tool_calls").asBoolean(true);
    return new ChatRequest(model, stream, includeUsage, maxTokens, prompt, strings(root.path("stop")), tools, choice,
        parallel, turn, userText, results);
  }

  /** The model named in a body that may not even parse; for error messages only. */
  static String modelOrUnknown(String body, String modelOverride) {
    if (modelOverride != null) {
      return modelOverride;
    }
    JsonNode root = Json.readOrNull(body);
    JsonNode m = root == null ? null : root.get("model");
    return m != null && m.isTextual() ? m.asText() : "unknown";
  }

  private static boolean isToolResult(JsonNode message) {
    String role = message.path("role").asText("");
    return role.equals("tool") || role.equals("function");
  }

  private static int maxTokens(JsonNode root, String field) throws Invalid {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
      throw new Invalid(
          "Invalid '" + field + "': integer below minimum value. Expected a value >= 1, but got "
              + n + " instead.",
          field,
          "integer_below_min_value");
    }
    return n.asInt();
  }

  /** A content that is a string, or an array of parts whose text parts are joined by a space. */
  static String openAiText(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode part : content) {
      if (part.path("text").isTextual()) {
        texts.add(part.path("text").asText());
      }
    }
    return String.join(" ", texts);
  }

  /** A string or an array of strings, as OpenAI's {@code stop} may be; anything else is none. */
  static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isTextual() && !node.asText().isEmpty()) {
      out.add(node.asText());
    }
    for (JsonNode s : node) {
      if (s.isTextual() && !s.asText().isEmpty()) {
        out.add(s.asText());
      }
    }
    return out;
  }

  /** The first required property of a JSON schema, else {@code query}. */
  static String argumentName(JsonNode schema) {
    JsonNode required = schema.path("required");
    if (required.isArray() && required.size() > 0 && required.get(0).isTextual()) {
      return required.get(0).asText();
    }
    return "query";
  }

  /** The tools with that name; a choice naming a tool that was not declared leaves none. */
  static List<Tool> only(List<Tool> tools, String name) {
    List<Tool> out = new ArrayList<>();
    for (Tool t : tools) {
      if (t.name().equals(name)) {
        out.add(t);
      }
    }
    return out;
  }
}
