package dev.ninelives.providers.codec;

import dev.ninelives.core.model.StreamEvent;
import java.io.ByteArrayOutputStream;

/**
 * Client side: writes canonical events as the client's stream events (zero or more SSE events
 * per canonical event, complete with their blank-line terminators). One per stream; not
 * thread-safe.
 */
public interface StreamEncoder {

  /** Appends the client's bytes for {@code event} to {@code out}. */
  void encode(StreamEvent event, ByteArrayOutputStream out);
}
