package dev.ninelives.providers.anthropic;

import java.nio.charset.StandardCharsets;

/** Anthropic streams as the API sends them (shapes from its docs and recorded traffic). */
final class SampleStreams {
  private SampleStreams() {}

  static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  static String delta(int index, String type, String field, String valueJson) {
    return event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
        + ",\"delta\":{\"type\":\"" + type + "\",\"" + field + "\":" + valueJson + "}}");
  }

  /** The text block's pieces, as JSON string literals. */
  static final String[] TEXT = {
      "\"Okay, let me check \"",
      "\"both cities — ☀️ \\\"quoted\\\"\\nand \"",
      "\"🌧 too.\""};
  static final String TEXT_JOINED =
      "Okay, let me check both cities — ☀️ \"quoted\"\nand 🌧 too.";
  static final String[] TOOL_1 = {
      "\"\"",
      "\"{\\\"location\\\":\"",
      "\" \\\"San Fra\"",
      "\"ncisco, CA\\\", \\\"unit\\\": \\\"fah\"",
      "\"renheit\\\"}\""};
  static final String TOOL_1_JOINED =
      "{\"location\": \"San Francisco, CA\", \"unit\": \"fahrenheit\"}";
  static final String[] TOOL_2 = {
      "\"{\\\"location\\\": \\\"Ro\"",
      "\"me, IT\\\", \\\"days\\\": [1,\"",
      "\" 2]}\""};
  static final String TOOL_2_JOINED = "{\"location\": \"Rome, IT\", \"days\": [1, 2]}";

  /**
   * message_start, ping, a text block, two tool_use blocks streamed as input_json_delta
   * fragments (with a ping in between), message_delta, message_stop.
   */
  static String textAndTwoToolCalls() {
    StringBuilder b = new StringBuilder();
    b.append(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":"
        + "\"msg_014p7gG3wDgGV9EUtLvnow3U\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"claude-sonnet-4-5-20250929\",\"stop_sequence\":null,\"usage\":"
        + "{\"input_tokens\":472,\"cache_creation_input_tokens\":10,"
        + "\"cache_read_input_tokens\":100,\"output_tokens\":2},\"content\":[],"
        + "\"stop_reason\":null}}"));
    b.append(event("ping", "{\"type\": \"ping\"}"));
    b.append(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
    for (String t : TEXT) {
      b.append(delta(0, "text_delta", "text", t));
    }
    b.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
    b.append(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_01T1x1fJ34qAmk2tNTrN7Up6\","
        + "\"name\":\"get_weather\",\"input\":{}}}"));
    for (String t : TOOL_1) {
      b.append(delta(1, "input_json_delta", "partial_json", t));
    }
    b.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"));
    b.append(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":2,"
        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_02\","
        + "\"name\":\"get_weather\",\"input\":{}}}"));
    b.append(delta(2, "input_json_delta", "partial_json", TOOL_2[0]));
    b.append(event("ping", "{\"type\": \"ping\"}"));
    b.append(delta(2, "input_json_delta", "partial_json", TOOL_2[1]));
    b.append(delta(2, "input_json_delta", "partial_json", TOOL_2[2]));
    b.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}"));
    b.append(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
        + "\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":89}}"));
    b.append(event("message_stop", "{\"type\":\"message_stop\"}"));
    return b.toString();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
