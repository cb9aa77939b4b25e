package dev.ninelives.providers.anthropic;

import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.Message;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.ResponseFormat;
import dev.ninelives.core.model.Role;
import dev.ninelives.core.model.Tool;
import dev.ninelives.core.model.ToolChoice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Canonical requests covering what the request encoder must write, as other decoders make. */
final class SampleRequests {
  private SampleRequests() {}

  static final String WEATHER_SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":"
      + "{\"type\":\"string\"}},\"required\":[\"city\"]}";

  static ChatRequest request(List<Part.Text> system, List<Message> messages, List<Tool> tools,
      ToolChoice choice, Boolean parallel, ResponseFormat format, List<String> stop,
      Integer maxTokens, Double temperature, Double topP, Integer topK, Long seed,
      boolean stream, String user) {
    return new ChatRequest("alias", system, messages, tools, choice, parallel, format, stop,
        maxTokens, temperature, topP, topK, seed, stream, stream, user, List.of());
  }

  static Message user(Part... parts) {
    return new Message(Role.USER, List.of(parts));
  }

  static Message assistant(Part... parts) {
    return new Message(Role.ASSISTANT, List.of(parts));
  }

  static Part.Text text(String t) {
    return new Part.Text(t);
  }

  /** Named samples, in a stable order. */
  static Map<String, ChatRequest> all() {
    Map<String, ChatRequest> m = new LinkedHashMap<>();
    m.put("minimal", ChatRequest.of("alias", List.of(Message.user("Hello"))));
    m.put("everything", request(
        List.of(text("You are terse."), text("Answer in English.")),
        List.of(
            user(text("Weather in Paris and Rome?"),
                new Part.Image("image/png", "iVBORw0KGgo=", null)),
            assistant(new Part.Thinking("Two cities, two calls.", "sig-abc", false),
                text("Checking both."),
                new Part.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                new Part.ToolCall("call_2", "get_weather", "{\"city\":\"Rome\"}")),
            user(new Part.ToolResult("call_1", "get_weather", List.of(text("18C")), false)),
            user(new Part.ToolResult("call_2", "get_weather", List.of(text("no data")), true),
                text("And tomorrow?"))),
        List.of(new Tool("get_weather", "Weather for a city", WEATHER_SCHEMA),
            new Tool("no_params", null, null)),
        new ToolChoice(ToolChoice.Mode.ANY, null), Boolean.FALSE,
        new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "answer",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},"
                + "\"required\":[\"a\"],\"additionalProperties\":false}", true),
        List.of("END"), 2000, 1.6, 0.95, 50, 7L, true, "user-1"));
    m.put("images by url and data url", request(List.of(), List.of(
        user(new Part.Image(null, null, "https://example.com/cat.jpg"),
            new Part.Image(null, null, "data:image/jpg;base64,/9j/4AAQ"),
            text("What is this?"))), List.of(), null, null, null, List.of(), 100, null, null,
        null, null, false, null));
    m.put("tool result with image, named tool choice", request(List.of(), List.of(
        user(text("Draw")),
        assistant(new Part.ToolCall("call.x/1", "render", "")),
        user(new Part.ToolResult("call.x/1", "render",
            List.of(text("done"), new Part.Image("image/webp", "UklGRg==", null)), false))),
        List.of(new Tool("render", "Render", "{\"properties\":{}}")),
        new ToolChoice(ToolChoice.Mode.TOOL, "render"), null, null, List.of(), null, 0.2, null,
        null, null, false, null));
    m.put("tool choice none with parallel off", request(List.of(), List.of(user(text("hi"))),
        List.of(new Tool("f", null, "{\"type\":\"object\"}")),
        new ToolChoice(ToolChoice.Mode.NONE, null), Boolean.FALSE, null, List.of(), null, null,
        null, null, null, false, null));
    m.put("redacted thinking and prefill", request(List.of(text("")), List.of(
        user(text("Think.")),
        assistant(new Part.Thinking("EmwKAhgB", null, true),
            new Part.Thinking("unsigned musing", null, false), text("The answer is"))),
        List.of(), null, null, new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null,
            false), List.of(), null, null, null, null, null, false, null));
    return m;
  }
}
