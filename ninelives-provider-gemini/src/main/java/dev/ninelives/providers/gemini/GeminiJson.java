package dev.ninelives.providers.gemini;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringWriter;

/** The package's one JSON factory and small streaming helpers. Thread-safe. */
final class GeminiJson {
  /**
   * Shared by every parser and generator here: a configured factory is thread-safe and owns the
   * symbol tables and buffer recycling that make repeated parses cheap. Field names are
   * canonicalized but not interned, since upstream bodies choose them.
   *
   * <p>Jackson's default limit on one string (20M characters) would turn a large inline image or
   * a long answer into "malformed JSON"; body size is bounded by the relay instead.
   */
  static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .build())
      .build();

  private GeminiJson() {}

  /** Reads a string or number value as text; null for anything else (containers skipped). */
  static String scalarText(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT
        || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  /**
   * Reads an integer value; proto3 JSON may also write integers as strings ({@code "12"}).
   * Returns -1 for anything else (containers skipped).
   */
  static long longValue(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getValueAsLong(-1);
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      return (long) p.getDoubleValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      return p.getValueAsLong(-1);
    }
    p.skipChildren();
    return -1;
  }

  /** Whether the current value is {@code true}; containers are skipped. */
  static boolean isTrue(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
      return false;
    }
    return t == JsonToken.VALUE_TRUE;
  }

  /** The current value (the parser is on its first token) as compact JSON text. */
  static String copyValue(JsonParser p) throws IOException {
    StringWriter w = new StringWriter(64);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.copyCurrentStructure(p);
    }
    return w.toString();
  }
}
