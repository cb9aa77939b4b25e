package dev.ninelives.tracing;

import dev.ninelives.core.model.ChatResponse;
import dev.ninelives.core.model.Message;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.Role;
import java.util.List;

/**
 * Prompts and answers as the GenAI conventions' message JSON ({@code gen_ai.input.messages},
 * {@code gen_ai.output.messages}, {@code gen_ai.system_instructions}): a list of messages, each
 * a role and typed parts. Used only when the operator turned content capture on.
 *
 * <p>Images are recorded by their URL or media type, never their bytes: a trace is no place
 * for megabytes of base64. Tool-call arguments stay the JSON text the model produced, as a
 * string, since a model's JSON is not always valid. Stateless.
 */
final class MessagesJson {
  private MessagesJson() {
  }

  static String input(List<Message> messages) {
    StringBuilder out = new StringBuilder(256).append('[');
    for (int i = 0; i < messages.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Message m = messages.get(i);
      out.append("{\"role\":");
      string(out, role(m));
      out.append(",\"parts\":");
      parts(out, m.parts());
      out.append('}');
    }
    return out.append(']').toString();
  }

  /** System instructions: a list of parts. */
  static String instructions(List<Part.Text> system) {
    StringBuilder out = new StringBuilder(128);
    parts(out, system);
    return out.toString();
  }

  /** One answer: the conventions' list of choices, which here always holds one. */
  static String output(ChatResponse response) {
    StringBuilder out = new StringBuilder(256).append("[{\"role\":\"assistant\",\"parts\":");
    parts(out, response.content());
    out.append(",\"finish_reason\":");
    string(out, FinishReasons.name(response.finishReason()));
    return out.append("}]").toString();
  }

  /** "tool" for a message that only carries tool results, as the conventions have it. */
  private static String role(Message m) {
    if (m.role() == Role.ASSISTANT) {
      return "assistant";
    }
    boolean onlyResults = !m.parts().isEmpty();
    for (Part p : m.parts()) {
      onlyResults &= p instanceof Part.ToolResult;
    }
    return onlyResults ? "tool" : "user";
  }

  private static void parts(StringBuilder out, List<? extends Part> parts) {
    out.append('[');
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      part(out, parts.get(i));
    }
    out.append(']');
  }

  private static void part(StringBuilder out, Part part) {
    if (part instanceof Part.Text) {
      out.append("{\"type\":\"text\",\"content\":");
      string(out, ((Part.Text) part).text());
    } else if (part instanceof Part.Thinking) {
      Part.Thinking t = (Part.Thinking) part;
      out.append("{\"type\":\"reasoning\",\"content\":");
      string(out, t.redacted() ? "" : t.text());
    } else if (part instanceof Part.ToolCall) {
      Part.ToolCall c = (Part.ToolCall) part;
      out.append("{\"type\":\"tool_call\",\"id\":");
      string(out, c.id());
      out.append(",\"name\":");
      string(out, c.name());
      out.append(",\"arguments\":");
      string(out, c.argumentsJson());
    } else if (part instanceof Part.ToolResult) {
      Part.ToolResult r = (Part.ToolResult) part;
      out.append("{\"type\":\"tool_call_response\",\"id\":");
      string(out, r.toolCallId());
      out.append(",\"response\":");
      parts(out, r.content());
    } else {
      Part.Image img = (Part.Image) part;
      if (img.url() != null) {
        out.append("{\"type\":\"uri\",\"modality\":\"image\",\"uri\":");
        string(out, img.url());
      } else {
        out.append("{\"type\":\"blob\",\"modality\":\"image\",\"mime_type\":");
        string(out, img.mediaType() == null ? "" : img.mediaType());
      }
    }
    out.append('}');
  }

  /** A JSON string literal. */
  static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
