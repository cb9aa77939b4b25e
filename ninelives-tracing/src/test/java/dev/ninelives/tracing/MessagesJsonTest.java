package dev.ninelives.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.model.Message;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesJsonTest {

  @Test
  void escapesWhatJsonMustEscape() {
    StringBuilder out = new StringBuilder();
    MessagesJson.string(out, "a \"quote\", a \\ and\na line\u0001");

    assertThat(out).hasToString("\"a \\\"quote\\\", a \\\\ and\\na line\\u0001\"");
  }

  @Test
  void toolCallsResultsReasoningAndImagesHaveTheirConventionalShapes() {
    String json = MessagesJson.input(List.of(
        new Message(Role.USER, List.of(new Part.Text("Weather?"),
            new Part.Image("image/png", "iVBORw0KGgoAAAANSUhEUg", null),
            new Part.Image(null, null, "https://example.com/a.png"))),
        new Message(Role.ASSISTANT, List.of(new Part.Thinking("Let me check.", "sig", false),
            new Part.ToolCall("call_1", "weather", "{\"city\":\"Paris\"}"))),
        new Message(Role.USER, List.of(new Part.ToolResult("call_1", "weather",
            List.of(new Part.Text("rainy")), false)))));

    assertThat(json).isEqualTo("["
        + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Weather?\"},"
        + "{\"type\":\"blob\",\"modality\":\"image\",\"mime_type\":\"image/png\"},"
        + "{\"type\":\"uri\",\"modality\":\"image\",\"uri\":\"https://example.com/a.png\"}]},"
        + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"reasoning\",\"content\":"
        + "\"Let me check.\"},{\"type\":\"tool_call\",\"id\":\"call_1\",\"name\":\"weather\","
        + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}]},"
        + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_1\","
        + "\"response\":[{\"type\":\"text\",\"content\":\"rainy\"}]}]}]");
    assertThat(json).doesNotContain("iVBORw0KGgo"); // image bytes stay out of traces
  }
}
