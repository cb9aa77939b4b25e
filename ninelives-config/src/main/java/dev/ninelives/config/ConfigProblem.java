package dev.ninelives.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One finding about a configuration file: an error that prevents loading it, or a warning
 * about something that loads but is probably not what the operator meant.
 *
 * <p>Messages never contain the value of an API key or a header, so problems are safe to print,
 * log and show on a status page. Immutable and thread-safe.
 *
 * @param severity whether the problem prevents loading
 * @param source the file name (or whatever name the caller gave the text)
 * @param line 1-based line, or 0 when the problem has no location (a missing file)
 * @param column 1-based column, or 0 when unknown
 * @param path where in the document, such as {@code models.chat.targets[1]}; empty for the
 *     document as a whole
 * @param message what is wrong, and where possible how to fix it
 */
public record ConfigProblem(
    Severity severity, String source, int line, int column, String path, String message) {

  /** How bad a problem is. */
  public enum Severity {
    /** The configuration cannot be used. */
    ERROR,
    /** The configuration loads, but probably does not do what was meant. */
    WARNING;

    /** The lower-case label used in {@link ConfigProblem#toString()}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ConfigProblem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be 0 or more");
    }
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * The compiler-style form {@code source:line:column: severity: path: message}, which editors
   * and CI logs turn into links. The location is left out when unknown, the path when empty.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    sb.append(": ").append(severity.label()).append(": ");
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }
}
