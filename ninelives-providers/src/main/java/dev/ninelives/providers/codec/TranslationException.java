package dev.ninelives.providers.codec;

/**
 * A body that cannot be read as the format it claims to be, or holds something that cannot be
 * translated at all. Its message is written for the client (it becomes a 400) and never quotes
 * secrets.
 */
public class TranslationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String param;

  public TranslationException(String message) {
    this(message, null);
  }

  /**
   * @param param the offending request field, e.g. {@code messages[2].content}, or null
   */
  public TranslationException(String message, String param) {
    super(message, null, false, false);
    this.param = param;
  }

  /** The offending request field, or null. */
  public String param() {
    return param;
  }
}
