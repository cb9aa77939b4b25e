package dev.ninelives.providers.codec;

import dev.ninelives.core.model.ChatResponse;

/** Client side: writes a canonical answer in the client's format. Thread-safe. */
@FunctionalInterface
public interface ResponseEncoder {
  byte[] encode(ChatResponse response);
}
