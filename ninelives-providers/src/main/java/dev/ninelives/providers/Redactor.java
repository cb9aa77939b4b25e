package dev.ninelives.providers;

import dev.ninelives.core.config.Secret;
import java.util.Collection;

/**
 * Removes credentials from text that came from an upstream (error messages, mostly) before it
 * reaches a log line, a metric, the status page or a client. Upstreams do echo keys: OpenAI's
 * 401 says "Incorrect API key provided: sk-ab***yz", others print the key or a bearer token.
 *
 * <p>Two passes. First every known secret (the provider's keys, header values) is replaced
 * wherever it appears. Then a token scan replaces anything shaped like a credential:
 * <ul>
 *   <li>tokens starting {@code sk-}/{@code sk_} (OpenAI, Anthropic, DeepSeek, OpenRouter),
 *       {@code AIza} (Google), {@code eyJ} (JWTs such as Entra ID tokens), {@code gsk_} (Groq),
 *       {@code hf_} (Hugging Face), {@code xai-};
 *   <li>masked keys: any token containing {@code ***};
 *   <li>the token after {@code Bearer};
 *   <li>within the few tokens after a word containing "key", any token of 16 or more
 *       {@code [A-Za-z0-9_*-]} characters that is not a plain lower-case word;
 *   <li>anywhere, tokens of 32 or more such characters mixing letters and digits (raw hex or
 *       base62 keys), except UUIDs and {@code req_} request ids, which help support and are not
 *       secrets.
 * </ul>
 * Each match becomes {@value #REDACTED}. The scan is deliberately greedy: losing an odd request
 * id from a message costs far less than leaking a key.
 *
 * <p>Stateless and thread-safe. Not for the hot path: it allocates, and runs only on failures.
 */
public final class Redactor {
  public static final String REDACTED = "[redacted]";

  // Known secrets shorter than this are not searched for: they would mangle ordinary words.
  private static final int MIN_KNOWN_SECRET = 6;
  // How many tokens after a "key" word may still be the key ("key provided: <key>").
  private static final int KEY_WINDOW = 4;

  private Redactor() {}

  /** {@link #scrub(String, Collection)} with no known secrets: shapes only. */
  public static String scrub(String text) {
    return scrub(text, null);
  }

  /**
   * Returns {@code text} with every known secret and every key-shaped token replaced by
   * {@value #REDACTED}.
   *
   * @param known secrets to remove verbatim (may be null or empty)
   * @return the scrubbed text, or null when {@code text} is null
   */
  public static String scrub(String text, Collection<Secret> known) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String t = text;
    if (known != null) {
      for (Secret s : known) {
        String v = s == null ? null : s.reveal();
        if (v != null && v.length() >= MIN_KNOWN_SECRET && t.contains(v)) {
          t = t.replace(v, REDACTED);
        }
      }
    }
    return scrubShapes(t);
  }

  /**
   * Scrubs {@code text}, turns line breaks and control characters into single spaces, and cuts
   * it to at most {@code maxChars} characters (ending in "…" when cut). For one-line messages.
   */
  public static String summarize(String text, Collection<Secret> known, int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be positive, but was " + maxChars);
    }
    String s = scrub(text, known);
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), maxChars + 1));
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = b.length() > 0;
        continue;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      b.append(c);
      if (b.length() > maxChars) {
        break;
      }
    }
    if (b.length() <= maxChars) {
      return b.toString();
    }
    int cut = maxChars - 1;
    // Never split a surrogate pair: half an emoji is not valid text.
    if (cut > 0 && Character.isHighSurrogate(b.charAt(cut - 1))) {
      cut--;
    }
    b.setLength(cut);
    return b.append('…').toString();
  }

  private static String scrubShapes(String text) {
    StringBuilder out = null;
    int n = text.length();
    int copied = 0;
    int keyWindow = 0;
    boolean afterBearer = false;
    int i = 0;
    while (i < n) {
      if (!isTokenChar(text.charAt(i))) {
        i++;
        continue;
      }
      int j = i;
      while (j < n && isTokenChar(text.charAt(j))) {
        j++;
      }
      // A trailing '.' ends the sentence, it is not part of the token.
      int end = j;
      while (end > i && text.charAt(end - 1) == '.') {
        end--;
      }
      String token = text.substring(i, end);
      boolean redact = (afterBearer && token.length() >= 8)
          || hasSecretShape(token)
          || (keyWindow > 0 && isKeyLike(token));
      if (redact) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(text, copied, i).append(REDACTED);
        copied = end;
      }
      afterBearer = token.equalsIgnoreCase("bearer");
      if (containsIgnoreCase(token, "key")) {
        keyWindow = KEY_WINDOW;
      } else if (keyWindow > 0) {
        keyWindow--;
      }
      i = j;
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, n).toString();
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '*' || c == '.';
  }

  private static boolean hasSecretShape(String t) {
    int len = t.length();
    if ((t.startsWith("sk-") || t.startsWith("sk_")) && len >= 10) {
      return true;
    }
    if ((t.startsWith("AIza") || t.startsWith("eyJ")) && len >= 20) {
      return true;
    }
    if ((t.startsWith("gsk_") || t.startsWith("hf_") || t.startsWith("xai-")) && len >= 16) {
      return true;
    }
    if (t.contains("***")) {
      return true;
    }
    return len >= 32 && t.indexOf('.') < 0 && hasLetterAndDigit(t) && !isUuid(t)
        && !t.startsWith("req_");
  }

  private static boolean isKeyLike(String t) {
    if (t.length() < 16 || t.indexOf('.') >= 0) {
      return false;
    }
    for (int k = 0; k < t.length(); k++) {
      char c = t.charAt(k);
      if (c < 'a' || c > 'z') {
        return true; // a digit, capital, '_', '-' or '*': not a plain English word
      }
    }
    return false;
  }

  private static boolean hasLetterAndDigit(String t) {
    boolean letter = false;
    boolean digit = false;
    for (int k = 0; k < t.length(); k++) {
      char c = t.charAt(k);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        letter = true;
      }
    }
    return letter && digit;
  }

  private static boolean isUuid(String t) {
    if (t.length() != 36) {
      return false;
    }
    for (int k = 0; k < 36; k++) {
      char c = t.charAt(k);
      boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
      if (dash != (c == '-')) {
        return false;
      }
      if (!dash && Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsIgnoreCase(String t, String word) {
    int max = t.length() - word.length();
    for (int k = 0; k <= max; k++) {
      if (t.regionMatches(true, k, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }
}
