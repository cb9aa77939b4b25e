package dev.ninelives.providers;

import java.util.Objects;

/**
 * What the gateway needs from a client's request body to route it, read without building a
 * tree, plus where the model sits so it can be replaced without re-encoding the body.
 *
 * @param model the requested model (alias or {@code provider/model}), never empty
 * @param stream the body's {@code stream} flag (null and absent mean false)
 * @param includeUsage {@code stream_options.include_usage}
 * @param modelStart byte offset of the model's JSON string token (its opening quote)
 * @param modelEnd byte offset just past the token's closing quote
 */
public record ScannedRequest(
    String model, boolean stream, boolean includeUsage, int modelStart, int modelEnd)
    implements RequestScan {
  public ScannedRequest {
    Objects.requireNonNull(model, "model");
    if (modelStart < 0 || modelEnd < modelStart + 2) {
      throw new IllegalArgumentException(
          "model span [" + modelStart + ", " + modelEnd + ") cannot hold a JSON string");
    }
  }
}
