package dev.ninelives.config;

import java.util.Objects;

/**
 * The outcome of turning text into a value: the value, or a message saying what was expected.
 * Immutable.
 *
 * @param value the value, or null on failure
 * @param error why the text was rejected, or null on success
 */
record Parsed<T>(T value, String error) {

  Parsed {
    if ((value == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of value and error");
    }
  }

  static <T> Parsed<T> ok(T value) {
    return new Parsed<>(Objects.requireNonNull(value, "value"), null);
  }

  static <T> Parsed<T> fail(String error) {
    return new Parsed<>(null, Objects.requireNonNull(error, "error"));
  }

  boolean isOk() {
    return error == null;
  }
}
