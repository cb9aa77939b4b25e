package dev.ninelives.providers.codec;

import dev.ninelives.core.model.ChatRequest;

/** Provider side: writes a canonical request in the provider's format. Thread-safe. */
@FunctionalInterface
public interface RequestEncoder {
  /**
   * @param request the canonical request
   * @param model the provider's model name to put in the body (or path)
   * @return the request body
   * @throws UnsupportedRequestException if the format cannot express something essential
   */
  byte[] encode(ChatRequest request, String model) throws UnsupportedRequestException;
}
