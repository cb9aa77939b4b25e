package dev.ninelives.providers.codec;

import dev.ninelives.core.model.ChatResponse;

/** Provider side: reads a complete 200 answer into the canonical model. Thread-safe. */
@FunctionalInterface
public interface ResponseDecoder {
  /**
   * @throws TranslationException when the body is malformed or holds no usable answer (the
   *     attempt then counts as degraded and fails over)
   */
  ChatResponse decode(byte[] body) throws TranslationException;
}
