package dev.ninelives.server.relay;

import dev.ninelives.core.policy.Verdict;
import io.vertx.core.buffer.Buffer;

/**
 * The client's wire format for what the gateway itself says: error bodies and the terminal
 * error event of a stream. One per ingress (OpenAI now); immutable and thread-safe.
 */
public interface ClientFormat {

  /** A complete error body of the given type. */
  Buffer error(String message, String type, String code);

  /** The body listing every attempt, for a request no target could serve. */
  Buffer allFailed(String model, Verdict verdict);

  /** The event that ends a committed stream after an upstream failure (no end marker follows). */
  Buffer terminalStreamError(String message, String type);

  /**
   * An upstream error body to pass on (caller errors, rate limits): returned as is when it is
   * already in the client's format, else rewrapped.
   */
  Buffer passThroughError(int status, byte[] upstreamBody, String fallbackMessage);

  /** The stream's end marker, for an upstream that finished without sending one. */
  Buffer endOfStream();
}
