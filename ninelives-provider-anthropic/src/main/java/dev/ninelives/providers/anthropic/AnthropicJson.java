package dev.ninelives.providers.anthropic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import dev.ninelives.providers.codec.TranslationException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The package's one JSON factory and small streaming helpers. Stateless and thread-safe. */
final class AnthropicJson {
  /**
   * Shared by every parser and generator here: a configured factory is thread-safe and owns the
   * symbol tables and buffer recycling that make repeated parses cheap. Field names are
   * canonicalized but not interned, since clients choose them.
   *
   * <p>Jackson's default 20M-character limit on one string would turn a legitimate large image
   * or answer into "malformed JSON"; body size is bounded by the relay instead.
   */
  static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .build())
      .build();

  private AnthropicJson() {}

  /** A UTF-8 generator on {@code out}; closing it flushes but leaves {@code out} open. */
  static JsonGenerator generator(OutputStream out) {
    try {
      return FACTORY.createGenerator(out, JsonEncoding.UTF8);
    } catch (IOException e) {
      throw new UncheckedIOException("creating a generator on memory cannot fail", e);
    }
  }

  /**
   * Reads the current value (scalar, object or array) as compact JSON text, leaving the parser
   * on its last token. This is how raw values (schemas, tool inputs) cross the canonical model.
   */
  static String rawValue(JsonParser p) throws IOException {
    SegmentedStringWriter w = new SegmentedStringWriter(new BufferRecycler());
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.copyCurrentStructure(p);
    }
    return w.getAndClear();
  }

  /** Reads a string value, or null for null; anything else is the client's type error. */
  static String stringOrNull(JsonParser p, String param) throws IOException, TranslationException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    p.skipChildren();
    throw new TranslationException("'" + param + "' must be a string", param);
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

  /** Reads a non-negative integer count, or -1 for null or anything else. */
  static long count(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      long v = p.getValueAsLong(-1);
      return v < 0 ? -1 : v;
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = p.getDoubleValue();
      return d < 0 ? -1 : (long) d;
    }
    p.skipChildren();
    return -1;
  }

  /** Whether the current string token is non-empty, without allocating a String for it. */
  static boolean nonEmptyString(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_STRING && p.getTextLength() > 0;
  }

  /** Whether every byte is JSON whitespace (or there are none). */
  static boolean isBlank(byte[] data) {
    for (byte b : data) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
