package dev.ninelives.server.relay;

import dev.ninelives.core.policy.Classification;
import dev.ninelives.providers.SseEvent;

/** Reads one upstream stream, event by event. One per attempt; not thread-safe. */
public interface StreamInspector {
  EventKind inspect(SseEvent event);

  /** After an {@link EventKind#ERROR}: the error's class and safe message. */
  Classification error();

  /** Whether a finish reason has been seen (a stream may then end without its marker). */
  boolean finished();
}
