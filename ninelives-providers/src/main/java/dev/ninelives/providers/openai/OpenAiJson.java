package dev.ninelives.providers.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/** The package's one JSON factory and small streaming helpers. Thread-safe. */
final class OpenAiJson {
  /**
   * Shared by every parser and generator here: a configured factory is thread-safe and owns
   * the symbol tables and buffer recycling that make repeated parses cheap. Field names are
   * canonicalized but not {@code String.intern()}ed, since clients choose them.
   *
   * <p>Jackson's default 20M-character limit on one string would turn a legitimate large answer
   * or data URL into "malformed JSON"; body size is bounded by the relay instead, so strings
   * may be as long as a body. The nesting limit stays at Jackson's default.
   */
  static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .build())
      .build();

  private OpenAiJson() {}

  /**
   * Whether the current string token is non-empty, without allocating a String for it.
   * Only meaningful when the current token is {@link JsonToken#VALUE_STRING}.
   */
  static boolean nonEmptyString(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_STRING && p.getTextLength() > 0;
  }

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

  /** Reads an integer value (or an integral string), or -1. Containers are skipped. */
  static long longValue(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getValueAsLong(-1);
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      return (long) p.getDoubleValue();
    }
    p.skipChildren();
    return -1;
  }
}
