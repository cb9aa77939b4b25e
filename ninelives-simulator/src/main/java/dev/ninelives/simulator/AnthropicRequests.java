package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Anthropic Messages body ({@code POST /v1/messages}) into a {@link ChatRequest}, with
 * the 400 messages the real API gives for the fields it requires. Stateless.
 */
final class AnthropicRequests {
  private AnthropicRequests() {}

  static ChatRequest parse(String body) throws ChatRequest.Invalid {
    JsonNode root = Json.readOrNull(body);
    if (root == null || !root.isObject()) {
      throw invalid("There was an issue with the formatting or content of your request: the body is not a JSON object.");
    }
    JsonNode model = root.get("model");
    if (model == null || !model.isTextual() || model.asText().isEmpty()) {
      throw invalid("model: Field required");
    }
    JsonNode messages = root.get("messages");
    if (messages == null || !messages.isArray()) {
      throw invalid("messages: Field required");
    }
    // max_tokens is required by the Messages API, unlike OpenAI's and Gemini's limits.
    JsonNode max = root.get("max_tokens");
    if (max == null || max.isNull()) {
      throw invalid("max_tokens: Field required");
    }
    if (!max.isIntegralNumber() || !max.canConvertToInt() || max.asInt() < 1) {
      throw invalid("max_tokens: Input should be greater than or equal to 1");
    }

    int prompt = Tokens.count(text(root.path("system")));
    for (JsonNode message : messages) {
      JsonNode content = message.path("content");
      prompt += Tokens.count(text(content));
      for (JsonNode block : content) {
        if (block.path("type").asText().equals("tool_result")) {
          prompt += Tokens.count(text(block.path("content")));
        }
      }
    }

    ChatRequest.Turn turn = ChatRequest.Turn.OTHER;
    String userText = "";
    List<String> results = new ArrayList<>();
    JsonNode last = messages.size() == 0 ? null : messages.get(messages.size() - 1);
    if (last != null && last.path("role").asText().equals("user")) {
      JsonNode content = last.path("content");
      for (JsonNode block : content) {
        if (block.path("type").asText().equals("tool_result")) {
          results.add(text(block.path("content")));
        }
      }
      if (results.isEmpty()) {
        turn = ChatRequest.Turn.USER;
        userText = text(content);
      } else {
        turn = ChatRequest.Turn.TOOL_RESULTS;
      }
    }

    List<ChatRequest.Tool> tools = new ArrayList<>();
    for (JsonNode t : root.path("tools")) {
      // Server tools (web search, code execution, ...) have no input_schema; only client tools are called.
      if (t.path("name").isTextual() && t.has("input_schema")) {
        tools.add(new ChatRequest.Tool(t.path("name").asText(), ChatRequest.argumentName(t.path("input_schema"))));
      }
    }
    JsonNode choice = root.path("tool_choice");
    String type = choice.path("type").asText("auto");
    ChatRequest.ToolChoice toolChoice = type.equals("none") ? ChatRequest.ToolChoice.NONE : ChatRequest.ToolChoice.AUTO;
    if (type.equals("tool")) {
      tools = ChatRequest.only(tools, choice.path("name").asText());
    }
    boolean parallel = !choice.path("disable_parallel_tool_use").asBoolean(false);

    return new ChatRequest(model.asText(), root.path("stream").asBoolean(false), false, max.asInt(), prompt,
        ChatRequest.strings(root.path("stop_sequences")), tools, toolChoice, parallel, turn, userText, results);
  }

  /** A string, or the text blocks of an array joined by a space; images and other blocks add nothing. */
  static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode block : content) {
      if (block.path("type").asText().equals("text") && block.path("text").isTextual()) {
        texts.add(block.path("text").asText());
      }
    }
    return String.join(" ", texts);
  }

  private static ChatRequest.Invalid invalid(String message) {
    return new ChatRequest.Invalid(message, null, null);
  }
}
