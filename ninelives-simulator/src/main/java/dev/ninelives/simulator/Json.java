package dev.ninelives.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON text helpers over one shared mapper, which is thread-safe once configured. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A tree built in memory always serialises; failing here is a bug in the simulator.
      throw new IllegalStateException("could not write JSON", e);
    }
  }

  /** The parsed text, or null if it is not JSON. */
  static JsonNode readOrNull(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
