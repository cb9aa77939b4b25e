package dev.ninelives.core.model;

import java.util.List;
import java.util.Objects;

/** One piece of a message's content. */
public sealed interface Part
    permits Part.Text, Part.Image, Part.ToolCall, Part.ToolResult, Part.Thinking {

  /** Plain text. */
  record Text(String text) implements Part {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * An image, either inline or by URL (exactly one of {@code base64Data} and {@code url}).
   *
   * @param mediaType e.g. {@code image/png}; may be null for a URL whose type is unknown
   * @param base64Data the image bytes in base64, or null
   * @param url an http(s) URL, or null
   */
  record Image(String mediaType, String base64Data, String url) implements Part {
    public Image {
      if ((base64Data == null) == (url == null)) {
        throw new IllegalArgumentException("an image has either inline data or a URL");
      }
    }
  }

  /**
   * A call the assistant makes to a tool.
   *
   * @param id the call's id (minted by the gateway when the provider gives none)
   * @param name the tool's name
   * @param argumentsJson the arguments as a JSON object text, e.g. {@code {"city":"Paris"}}
   */
  record ToolCall(String id, String name, String argumentsJson) implements Part {
    public ToolCall {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(argumentsJson, "argumentsJson");
    }
  }

  /**
   * The result of a tool call, sent back by the user side.
   *
   * @param toolCallId the id of the call it answers
   * @param name the tool's name when known (Gemini needs it; decoders fill it from the call)
   * @param content text and image parts
   * @param isError whether the tool failed
   */
  record ToolResult(String toolCallId, String name, List<Part> content, boolean isError)
      implements Part {
    public ToolResult {
      Objects.requireNonNull(toolCallId, "toolCallId");
      content = List.copyOf(content);
    }
  }

  /**
   * The model's visible reasoning (Anthropic thinking, Gemini thoughts), carried so it can be
   * sent back unchanged where a provider requires that.
   *
   * @param text the reasoning text, or for redacted thinking the opaque data
   * @param signature the provider's signature over it, or null
   * @param redacted whether this is redacted (opaque) thinking
   */
  record Thinking(String text, String signature, boolean redacted) implements Part {
    public Thinking {
      Objects.requireNonNull(text, "text");
    }
  }
}
