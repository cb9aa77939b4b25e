package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a chat-completion request body the simulator acts on. Immutable.
 *
 * @param model the model to echo in the reply
 * @param stream whether {@code "stream": true} was sent
 * @param includeUsage whether {@code stream_options.include_usage} was true
 * @param maxTokens {@code max_completion_tokens}, else {@code max_tokens}; 0 when neither
 * @param promptTokens words in the messages' text, the simulator's prompt token count
 */
record ChatRequest(String model, boolean stream, boolean includeUsage, int maxTokens, int promptTokens) {

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

  /**
   * Parses a body. {@code modelOverride} (Azure's deployment) replaces the body's model and makes
   * it optional.
   */
  static ChatRequest parse(String body, String modelOverride) throws Invalid {
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
    return new ChatRequest(model, stream, includeUsage, maxTokens, promptTokens(root.path("messages")));
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

  private static int promptTokens(JsonNode messages) {
    int words = 0;
    for (JsonNode message : messages) {
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        words += Tokens.count(content.asText());
      } else {
        for (JsonNode part : content) {
          words += Tokens.count(part.path("text").asText(""));
        }
      }
    }
    return words;
  }
}
