package dev.ninelives.providers;

import dev.ninelives.core.config.ModelRoute;

/**
 * A client request as the relay needs it: the raw body, what was read from it, and its route.
 *
 * @param body the body exactly as the client sent it (not copied; never modified)
 * @param scan the fields read from the body
 * @param route the route the model resolved to
 */
public record InboundRequest(byte[] body, ScannedRequest scan, ModelRoute route) {
  public boolean streaming() {
    return scan.stream();
  }
}
