package dev.ninelives.core.config;

import java.util.Objects;

/**
 * A credential read from configuration. Its {@link #toString()} never shows the value, so a
 * secret that ends up in a log line, an error message or a status page shows as redacted.
 * Only the provider adapter that puts it on the wire calls {@link #reveal()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Secret {
  private final String value;
  // Computed once: every attempt labels its key, and String.format is not cheap.
  private final String fingerprint;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
    this.fingerprint = fingerprintOf(value);
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The raw credential, for the one place that sends it upstream. */
  public String reveal() {
    return value;
  }

  /**
   * A short, stable, non-reversible label for this key ("key#1a2b") so operators can tell
   * keys of one pool apart in metrics and status without seeing them.
   */
  public String fingerprint() {
    return fingerprint;
  }

  private static String fingerprintOf(String value) {
    int h = 0x811c9dc5;
    for (int i = 0; i < value.length(); i++) {
      h ^= value.charAt(i);
      h *= 0x01000193;
    }
    return String.format("key#%04x", (h ^ (h >>> 16)) & 0xffff);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret && ((Secret) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "[redacted " + fingerprint() + "]";
  }
}
