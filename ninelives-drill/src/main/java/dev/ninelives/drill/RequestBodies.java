package dev.ninelives.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one-message chat request a drill client sends, in each format. Stateless. */
final class RequestBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestBodies() {}

  static String body(ClientFormat format, String model, boolean stream, String prompt) {
    ObjectNode root = JSON.createObjectNode();
    switch (format) {
      case GEMINI: {
        ObjectNode content = root.putArray("contents").addObject();
        content.put("role", "user");
        content.putArray("parts").addObject().put("text", prompt);
        break;
      }
      case ANTHROPIC:
        root.put("model", model);
        root.put("max_tokens", 256);
        root.put("stream", stream);
        message(root, prompt);
        break;
      default:
        root.put("model", model);
        root.put("stream", stream);
        message(root, prompt);
        break;
    }
    return root.toString();
  }

  private static void message(ObjectNode root, String prompt) {
    ObjectNode m = root.putArray("messages").addObject();
    m.put("role", "user");
    m.put("content", prompt);
  }
}
