package dev.ninelives.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a scalar with values from an
 * environment map, and {@code $$} with a literal {@code $}.
 *
 * <p>Substitution happens before a value is converted, so {@code ${PORT:-4000}} works where a
 * number is expected. Substituted text is not scanned again: a {@code $} inside a variable's
 * value stays as it is. A {@code $} followed by anything else is kept literally, so most
 * passwords need no escaping.
 *
 * <p>Error messages name variables but never quote the scalar, since the scalar may be a key.
 *
 * <p>Immutable and thread-safe as long as the map is not modified.
 */
final class EnvSubstitutor {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String DEFAULT_SEPARATOR = ":-";

  private final Map<String, String> env;

  EnvSubstitutor(Map<String, String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  Parsed<String> substitute(String raw) {
    if (raw.indexOf('$') < 0) {
      return Parsed.ok(raw);
    }
    StringBuilder out = new StringBuilder(raw.length());
    List<String> unset = new ArrayList<>();
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c != '$' || i + 1 >= raw.length()) {
        out.append(c);
        i++;
      } else if (raw.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
      } else if (raw.charAt(i + 1) == '{') {
        int close = raw.indexOf('}', i + 2);
        if (close < 0) {
          return Parsed.fail("unterminated '${': write ${NAME} or ${NAME:-default}"
              + " (or '$$' for a literal '$')");
        }
        String reference = raw.substring(i + 2, close);
        int sep = reference.indexOf(DEFAULT_SEPARATOR);
        String name = sep < 0 ? reference : reference.substring(0, sep);
        if (!NAME.matcher(name).matches()) {
          return Parsed.fail("invalid '${...}': a variable name has letters, digits and '_'"
              + " and does not start with a digit (write '$$' for a literal '$')");
        }
        String value = env.get(name);
        if (sep >= 0 && (value == null || value.isEmpty())) {
          // Shell semantics: ":-" also replaces a variable that is set but empty.
          value = reference.substring(sep + DEFAULT_SEPARATOR.length());
        }
        if (value == null) {
          unset.add(name);
        } else {
          out.append(value);
        }
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    if (!unset.isEmpty()) {
      return Parsed.fail(unset.size() == 1
          ? "environment variable " + unset.get(0) + " is not set"
          : "environment variables " + String.join(", ", unset) + " are not set");
    }
    return Parsed.ok(out.toString());
  }
}
