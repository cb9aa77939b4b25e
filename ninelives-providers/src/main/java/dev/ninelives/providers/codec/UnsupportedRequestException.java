package dev.ninelives.providers.codec;

/**
 * The request needs something the target's format cannot express (for example {@code n > 1}
 * for Anthropic). The gateway skips that target without a network call and tries the next;
 * if no target can take the request, the client gets a 400 with this message.
 */
public class UnsupportedRequestException extends TranslationException {
  private static final long serialVersionUID = 1L;

  public UnsupportedRequestException(String message, String param) {
    super(message, param);
  }
}
