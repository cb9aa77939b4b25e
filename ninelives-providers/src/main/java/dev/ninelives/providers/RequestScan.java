package dev.ninelives.providers;

/**
 * The result of scanning a client's request body: either a {@link ScannedRequest} to route, or
 * a {@link RequestProblem} to answer with a 400. A rejection is a value, not an exception,
 * because malformed requests are ordinary traffic for a gateway.
 */
public sealed interface RequestScan permits ScannedRequest, RequestProblem {
  /** Whether the body can be routed. */
  default boolean ok() {
    return this instanceof ScannedRequest;
  }
}
