package dev.ninelives.providers;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The few words an error table keeps about a failed answer, shared by every provider family so
 * attempt listings read alike. Callers scrub secrets from the result. Stateless; thread-safe.
 */
public final class ErrorText {
  private ErrorText() {
  }

  /**
   * {@code "<prefix> <label>: <message>"}, leaving out what is missing, or
   * {@code "<prefix> (no error message)"} when both are.
   *
   * @param prefix e.g. {@code "503"}
   * @param label the error's type or code, or null
   * @param message the provider's message, or null/blank
   */
  public static String describe(String prefix, String label, String message) {
    String m = message == null || message.isBlank() ? null : message;
    StringBuilder b = new StringBuilder(prefix);
    if (label != null) {
      b.append(' ').append(label);
    }
    if (m != null) {
      b.append(": ").append(m);
    } else if (label == null) {
      b.append(" (no error message)");
    }
    return b.toString();
  }

  /**
   * A useful few words from a body that is not JSON: the title of an HTML page (a proxy's
   * "502 Bad Gateway", Cloudflare's "413 Request Entity Too Large", Google's front end's
   * "Error 404 (Not Found)!!1"), or the start of a plain-text body (Envoy's "upstream connect
   * error…").
   *
   * @param len how many bytes of {@code body} are valid
   */
  public static String nonJsonSummary(byte[] body, int len) {
    String text = new String(body, 0, Math.min(len, 4096), StandardCharsets.UTF_8);
    String lower = text.toLowerCase(Locale.ROOT);
    int title = lower.indexOf("<title>");
    if (title >= 0) {
      int end = lower.indexOf("</title>", title);
      String t = (end < 0 ? text.substring(title + 7) : text.substring(title + 7, end)).trim();
      return "(non-JSON body: " + t + ")";
    }
    if (lower.contains("<html") || lower.contains("<!doctype")) {
      return "(non-JSON body: HTML page)";
    }
    StringBuilder printable = new StringBuilder(120);
    for (int i = 0; i < text.length() && printable.length() < 120; i++) {
      char c = text.charAt(i);
      printable.append(Character.isISOControl(c) || c == '\uFFFD' ? ' ' : c);
    }
    return "(non-JSON body: " + printable.toString().trim() + ")";
  }
}
