package dev.ninelives.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A chat request in canonical form.
 *
 * @param model the model name as the client sent it
 * @param system system (and developer) instructions, as text parts; empty if none
 * @param messages the conversation, in order
 * @param tools the functions the model may call; empty if none
 * @param toolChoice how tools must be used, or null for the provider's default
 * @param parallelToolCalls whether several calls per turn are allowed, or null for default
 * @param responseFormat the answer's required shape, or null for free text
 * @param stop stop sequences; empty if none
 * @param maxTokens the output token limit, or null (encoders that need one use a default)
 * @param temperature sampling temperature as the client sent it (OpenAI scale 0..2), or null
 * @param topP nucleus sampling, or null
 * @param topK top-k sampling, or null
 * @param seed sampling seed, or null
 * @param stream whether the client asked for a stream
 * @param includeUsage whether a streaming client asked for usage at the end
 * @param user an end-user id for abuse tracking, or null
 * @param dropped names of request fields the client sent that the canonical model cannot
 *     carry (they are lost when translating; the gateway says so in a response header)
 */
public record ChatRequest(
    String model,
    List<Part.Text> system,
    List<Message> messages,
    List<Tool> tools,
    ToolChoice toolChoice,
    Boolean parallelToolCalls,
    ResponseFormat responseFormat,
    List<String> stop,
    Integer maxTokens,
    Double temperature,
    Double topP,
    Integer topK,
    Long seed,
    boolean stream,
    boolean includeUsage,
    String user,
    List<String> dropped) {

  public ChatRequest {
    Objects.requireNonNull(model, "model");
    system = List.copyOf(system);
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
    stop = List.copyOf(stop);
    dropped = List.copyOf(dropped);
  }

  /** A minimal request, for tests and examples. */
  public static ChatRequest of(String model, List<Message> messages) {
    return new ChatRequest(model, List.of(), messages, List.of(), null, null, null, List.of(),
        null, null, null, null, null, false, false, null, List.of());
  }
}
