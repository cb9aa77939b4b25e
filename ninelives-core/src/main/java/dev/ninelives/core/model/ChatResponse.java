package dev.ninelives.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A complete (non-streaming) answer in canonical form.
 *
 * @param id the provider's id for the answer (or one minted by the gateway)
 * @param model the model that answered, as the provider named it
 * @param content the assistant's parts: text, tool calls, thinking
 * @param finishReason why it stopped
 * @param stopSequence the stop sequence that matched, when known, else null
 * @param usage token counts
 */
public record ChatResponse(String id, String model, List<Part> content,
    FinishReason finishReason, String stopSequence, Usage usage) {

  public ChatResponse {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    content = List.copyOf(content);
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(usage, "usage");
  }
}
