package dev.ninelives.providers.gemini;

import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.Message;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.ResponseFormat;
import dev.ninelives.core.model.Role;
import dev.ninelives.core.model.Tool;
import dev.ninelives.core.model.ToolChoice;
import java.util.ArrayList;
import java.util.List;

/** Builds canonical requests for tests; every field defaults to "not set". */
final class RequestBuilder {
  private final List<Part.Text> system = new ArrayList<>();
  private final List<Message> messages = new ArrayList<>();
  private final List<Tool> tools = new ArrayList<>();
  private ToolChoice toolChoice;
  private Boolean parallelToolCalls;
  private ResponseFormat responseFormat;
  private final List<String> stop = new ArrayList<>();
  private Integer maxTokens;
  private Double temperature;
  private Double topP;
  private Integer topK;
  private Long seed;
  private String user;

  static RequestBuilder request() {
    return new RequestBuilder();
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

  static Part.ToolCall call(String id, String name, String args) {
    return new Part.ToolCall(id, name, args);
  }

  static Part.ToolResult result(String callId, String name, String text) {
    return new Part.ToolResult(callId, name, List.of(new Part.Text(text)), false);
  }

  RequestBuilder system(String... texts) {
    for (String t : texts) {
      system.add(new Part.Text(t));
    }
    return this;
  }

  RequestBuilder message(Message m) {
    messages.add(m);
    return this;
  }

  RequestBuilder user(String t) {
    return message(Message.user(t));
  }

  RequestBuilder tool(String name, String description, String parametersJson) {
    tools.add(new Tool(name, description, parametersJson));
    return this;
  }

  RequestBuilder toolChoice(ToolChoice c) {
    toolChoice = c;
    return this;
  }

  RequestBuilder parallelToolCalls(boolean b) {
    parallelToolCalls = b;
    return this;
  }

  RequestBuilder responseFormat(ResponseFormat f) {
    responseFormat = f;
    return this;
  }

  RequestBuilder stop(String... s) {
    stop.addAll(List.of(s));
    return this;
  }

  RequestBuilder maxTokens(int n) {
    maxTokens = n;
    return this;
  }

  RequestBuilder temperature(double t) {
    temperature = t;
    return this;
  }

  RequestBuilder topP(double p) {
    topP = p;
    return this;
  }

  RequestBuilder topK(int k) {
    topK = k;
    return this;
  }

  RequestBuilder seed(long s) {
    seed = s;
    return this;
  }

  RequestBuilder endUser(String u) {
    user = u;
    return this;
  }

  ChatRequest build() {
    return new ChatRequest("chat", system, messages, tools, toolChoice, parallelToolCalls,
        responseFormat, stop, maxTokens, temperature, topP, topK, seed, false, false, user,
        List.of());
  }
}
