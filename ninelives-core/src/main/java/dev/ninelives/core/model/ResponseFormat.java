package dev.ninelives.core.model;

import java.util.Objects;

/**
 * The shape the answer must take.
 *
 * @param kind plain text, any JSON object, or JSON following a schema
 * @param name the schema's name (OpenAI requires one), or null
 * @param schemaJson the JSON Schema object text for {@link Kind#JSON_SCHEMA}, else null
 * @param strict whether the schema must be followed strictly (OpenAI's {@code strict})
 */
public record ResponseFormat(Kind kind, String name, String schemaJson, boolean strict) {
  public ResponseFormat {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.JSON_SCHEMA) != (schemaJson != null)) {
      throw new IllegalArgumentException("a schema goes with kind JSON_SCHEMA, and only with it");
    }
  }

  public enum Kind {
    TEXT,
    JSON_OBJECT,
    JSON_SCHEMA
  }
}
