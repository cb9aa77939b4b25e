package dev.ninelives.providers;

/** What one upstream stream event means to the relay's commit logic (streaming contract §4). */
public enum StreamEventKind {
  /** Framing without content (role-only chunk, message_start, ping): held until commit. */
  LIFECYCLE,
  /**
   * A provider-only frame the client's format has no place for (Azure's leading
   * {@code prompt_filter_results} chunk, whose empty {@code object} and {@code id} strict clients
   * reject): never forwarded.
   */
  METADATA,
  /** Text or tool-call content: the first one commits the attempt. */
  CONTENT,
  /** The finish reason, without content. */
  FINISH,
  /** Token usage, without content. */
  USAGE,
  /** An error event inside the 200 stream. */
  ERROR,
  /** The end-of-stream marker. */
  DONE,
  /** Data that cannot be read. */
  MALFORMED
}
