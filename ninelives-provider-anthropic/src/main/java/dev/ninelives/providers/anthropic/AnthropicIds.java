package dev.ninelives.providers.anthropic;

import java.util.concurrent.ThreadLocalRandom;

/** Ids in the shapes Anthropic's schemas demand. Stateless and thread-safe. */
final class AnthropicIds {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private AnthropicIds() {}

  /**
   * A tool-use id matching {@code ^[a-zA-Z0-9_-]+$}: other characters become {@code _}. The
   * mapping is deterministic, so a call and the result that answers it still pair up after
   * both went through it; ids that already fit (OpenAI's {@code call_…}, Anthropic's
   * {@code toolu_…}, the gateway's minted ones) are returned unchanged.
   */
  static String toolUseId(String id) {
    if (id.isEmpty()) {
      return "toolu_";
    }
    StringBuilder b = null;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!isIdChar(c)) {
        if (b == null) {
          b = new StringBuilder(id);
        }
        b.setCharAt(i, '_');
      }
    }
    return b == null ? id : b.toString();
  }

  /** A message id starting {@code msg_}, as Anthropic clients expect; minted when null/empty. */
  static String messageId(String id) {
    if (id == null || id.isEmpty()) {
      return mint("msg_");
    }
    return id.startsWith("msg_") ? id : "msg_" + id;
  }

  /** {@code prefix} followed by 24 random base62 characters. */
  static String mint(String prefix) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder b = new StringBuilder(prefix.length() + 24).append(prefix);
    for (int i = 0; i < 24; i++) {
      b.append(ALPHABET[r.nextInt(ALPHABET.length)]);
    }
    return b.toString();
  }

  private static boolean isIdChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '-';
  }
}
