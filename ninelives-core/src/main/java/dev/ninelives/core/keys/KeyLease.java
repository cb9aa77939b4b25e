package dev.ninelives.core.keys;

import dev.ninelives.core.config.Secret;

/**
 * One use of one key of a provider's pool, handed out for one attempt and returned with its
 * outcome through {@link KeyPool#release}.
 */
public final class KeyLease {
  final int index;
  final boolean probe;
  private final Secret secret;
  boolean released;

  KeyLease(int index, Secret secret, boolean probe) {
    this.index = index;
    this.secret = secret;
    this.probe = probe;
  }

  /** The key to send, or null for a provider configured without keys. */
  public Secret secret() {
    return secret;
  }

  /** Whether this use probes a quarantined key. */
  public boolean isProbe() {
    return probe;
  }

  /** The key's label for logs and status ("key#1a2b", or "no-key"). */
  public String label() {
    return secret == null ? "no-key" : secret.fingerprint();
  }

  @Override
  public String toString() {
    return "KeyLease[" + label() + (probe ? ", probe" : "") + "]";
  }
}
