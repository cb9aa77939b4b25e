package dev.ninelives.providers;

/**
 * The upstream's event stream cannot be parsed any further, e.g. one event grew past the
 * parser's size limit. The stream is unusable: the relay ends the attempt as a stream error.
 */
public final class SseException extends RuntimeException {
  public SseException(String message) {
    super(message);
  }
}
