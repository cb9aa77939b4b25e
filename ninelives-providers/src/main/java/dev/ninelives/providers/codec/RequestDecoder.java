package dev.ninelives.providers.codec;

import dev.ninelives.core.model.ChatRequest;

/** Client side: reads a client's request body into the canonical model. Thread-safe. */
@FunctionalInterface
public interface RequestDecoder {
  ChatRequest decode(byte[] body) throws TranslationException;
}
