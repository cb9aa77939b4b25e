package dev.ninelives.providers.codec;

import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.providers.SseEvent;
import java.util.function.Consumer;

/**
 * Provider side: turns one upstream stream's events into canonical events (zero or more per
 * upstream event). One per stream; not thread-safe.
 */
public interface StreamDecoder {

  /** Decodes one upstream event. Unreadable data yields a {@link StreamEvent.Error}. */
  void decode(SseEvent event, Consumer<StreamEvent> out);

  /**
   * The upstream body ended. Formats without an end marker (Gemini) emit
   * {@link StreamEvent.Done} here if the answer was complete; others emit nothing.
   */
  void end(Consumer<StreamEvent> out);
}
