package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a Gemini {@code GenerateContentRequest} into a {@link ChatRequest}. The model and whether
 * to stream come from the path. Like the real API (proto3 JSON), every field is read in its
 * camelCase and its snake_case spelling. Stateless.
 */
final class GeminiRequests {
  private GeminiRequests() {}

  static ChatRequest parse(String body, Route route) throws ChatRequest.Invalid {
    JsonNode root = Json.readOrNull(body);
    if (root == null || !root.isObject()) {
      throw new ChatRequest.Invalid("Invalid JSON payload received. Unexpected token.", null, null);
    }
    JsonNode contents = root.path("contents");
    if (!contents.isArray() || contents.size() == 0) {
      throw new ChatRequest.Invalid("* GenerateContentRequest.contents: contents is not specified\n", null, null);
    }
    JsonNode config = field(root, "generationConfig", "generation_config");
    JsonNode max = field(config, "maxOutputTokens", "max_output_tokens");
    int maxTokens = max.canConvertToInt() && max.asInt() > 0 ? max.asInt() : 0;

    int prompt = Tokens.count(text(field(root, "systemInstruction", "system_instruction").path("parts")));
    for (JsonNode content : contents) {
      prompt += Tokens.count(text(content.path("parts")));
    }

    ChatRequest.Turn turn = ChatRequest.Turn.OTHER;
    String userText = "";
    List<String> results = new ArrayList<>();
    JsonNode last = contents.get(contents.size() - 1);
    // A single-turn request may leave the role out; it is the user's then.
    if (!last.path("role").asText("user").equals("model")) {
      for (JsonNode part : last.path("parts")) {
        JsonNode response = field(part, "functionResponse", "function_response");
        if (!response.isMissingNode()) {
          results.add(resultText(response.path("response")));
        }
      }
      if (results.isEmpty()) {
        turn = ChatRequest.Turn.USER;
        userText = text(last.path("parts"));
      } else {
        turn = ChatRequest.Turn.TOOL_RESULTS;
      }
    }

    JsonNode callingConfig = field(field(root, "toolConfig", "tool_config"),
        "functionCallingConfig", "function_calling_config");
    Set<String> allowed = new HashSet<>(ChatRequest.strings(
        field(callingConfig, "allowedFunctionNames", "allowed_function_names")));
    List<ChatRequest.Tool> tools = new ArrayList<>();
    for (JsonNode t : root.path("tools")) {
      for (JsonNode f : field(t, "functionDeclarations", "function_declarations")) {
        String name = f.path("name").asText("");
        if (!name.isEmpty() && (allowed.isEmpty() || allowed.contains(name))) {
          JsonNode schema = f.has("parameters") ? f.path("parameters")
              : field(f, "parametersJsonSchema", "parameters_json_schema");
          tools.add(new ChatRequest.Tool(name, ChatRequest.argumentName(schema)));
        }
      }
    }
    ChatRequest.ToolChoice choice = callingConfig.path("mode").asText("AUTO").equals("NONE")
        ? ChatRequest.ToolChoice.NONE
        : ChatRequest.ToolChoice.AUTO;

    return new ChatRequest(route.model(), route.streamByPath(), false, maxTokens, prompt,
        ChatRequest.strings(field(config, "stopSequences", "stop_sequences")), tools, choice, true, turn, userText,
        results);
  }

  /** The text parts joined by a space; inline data, files and calls add nothing. */
  static String text(JsonNode parts) {
    List<String> texts = new ArrayList<>();
    for (JsonNode part : parts) {
      if (part.path("text").isTextual()) {
        texts.add(part.path("text").asText());
      }
    }
    return String.join(" ", texts);
  }

  /**
   * A function response as text. The response is an object; by convention the result sits in one
   * field ({@code result}, {@code output}, ...), whose text is taken; otherwise the whole object is
   * written as JSON.
   */
  static String resultText(JsonNode response) {
    if (response.isTextual()) {
      return response.asText();
    }
    for (String key : new String[] {"result", "output", "content"}) {
      if (response.path(key).isTextual()) {
        return response.path(key).asText();
      }
    }
    if (response.size() == 1 && response.elements().next().isTextual()) {
      return response.elements().next().asText();
    }
    return response.isMissingNode() ? "" : Json.write(response);
  }

  static JsonNode field(JsonNode node, String camel, String snake) {
    JsonNode n = node.path(camel);
    return n.isMissingNode() ? node.path(snake) : n;
  }
}
