package dev.ninelives.providers.codec;

import dev.ninelives.core.model.WireFormat;
import dev.ninelives.providers.AttemptSummary;
import java.util.List;

/**
 * What the gateway itself says to a client, in the client's format: error bodies, the listing
 * of a request no target could serve, the terminal error event of a stream, and its end
 * marker. One per ingress format; immutable and thread-safe.
 */
public interface ClientFormat {

  WireFormat format();

  /**
   * An error body.
   *
   * @param status the HTTP status it goes with (formats that name error types pick one by it)
   * @param message the human-readable message
   * @param code a machine-readable code, or null
   */
  byte[] error(int status, String message, String code);

  /** The body for a request no target could serve, listing every attempt. */
  byte[] allFailed(int status, String message, String code, List<AttemptSummary> attempts);

  /** The event that ends a committed stream after an upstream failure. */
  byte[] terminalStreamError(String message);

  /** The end marker of a stream, or an empty array for formats without one. */
  byte[] endOfStream();

  /**
   * An upstream error body to pass on to the client (caller errors, rate limits): as is when
   * the upstream spoke the client's format, else rewrapped around {@code message}.
   */
  byte[] passThroughError(int status, WireFormat upstream, byte[] body, String message);
}
