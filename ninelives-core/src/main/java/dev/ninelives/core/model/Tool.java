package dev.ninelives.core.model;

import java.util.Objects;

/**
 * A function the model may call.
 *
 * @param name the function's name
 * @param description what it does, or null
 * @param parametersJson its parameters as a JSON Schema object text, or null for none
 */
public record Tool(String name, String description, String parametersJson) {
  public Tool {
    Objects.requireNonNull(name, "name");
  }
}
