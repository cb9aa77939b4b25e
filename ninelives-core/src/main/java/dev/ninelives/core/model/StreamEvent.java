package dev.ninelives.core.model;

import dev.ninelives.core.policy.Classification;
import java.util.Objects;

/**
 * One event of a streamed answer in canonical form. Content is organised in blocks, numbered
 * from 0 in the order they start (Anthropic's model): a text block, a thinking block, or one
 * tool call. Decoders turn a provider's events into these; encoders turn these into the
 * client's events.
 */
public sealed interface StreamEvent {

  /** Whether this event carries content the client must see: the first one commits. */
  default boolean isContent() {
    return false;
  }

  /** The answer begins. Usage may hold the input count already. */
  record Start(String id, String model, Usage usage) implements StreamEvent { }

  /** A piece of text of block {@code index}. */
  record TextDelta(int index, String text) implements StreamEvent {
    @Override
    public boolean isContent() {
      return !text.isEmpty();
    }
  }

  /** A piece of reasoning of block {@code index}. */
  record ThinkingDelta(int index, String text) implements StreamEvent {
    @Override
    public boolean isContent() {
      return !text.isEmpty();
    }
  }

  /** The signature of thinking block {@code index}. */
  record SignatureDelta(int index, String signature) implements StreamEvent { }

  /** A tool call begins as block {@code index}. */
  record ToolCallStart(int index, String id, String name) implements StreamEvent {
    public ToolCallStart {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public boolean isContent() {
      return true;
    }
  }

  /** A piece of the JSON arguments of the tool call in block {@code index}. */
  record ToolCallDelta(int index, String argumentsFragment) implements StreamEvent {
    @Override
    public boolean isContent() {
      return !argumentsFragment.isEmpty();
    }
  }

  /** Block {@code index} is complete. */
  record BlockStop(int index) implements StreamEvent { }

  /** The model stopped; usage is the final count when the provider gives it here. */
  record Finish(FinishReason reason, String stopSequence, Usage usage) implements StreamEvent {
    public Finish {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(usage, "usage");
    }
  }

  /** Usage reported on its own (OpenAI's usage chunk after the finish). */
  record UsageUpdate(Usage usage) implements StreamEvent { }

  /** The provider reported an error inside the stream. */
  record Error(Classification classification) implements StreamEvent { }

  /** The stream ended normally (the provider's end marker, or the end of a Gemini body). */
  record Done() implements StreamEvent { }
}
