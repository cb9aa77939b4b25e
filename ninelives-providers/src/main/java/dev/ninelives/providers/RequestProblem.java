package dev.ninelives.providers;

import java.util.Objects;

/**
 * Why a client's request body was rejected before routing, worded for the client (it goes out
 * as a 400 {@code invalid_request_error}).
 *
 * @param message a clear, client-facing sentence
 * @param param the offending top-level parameter, e.g. {@code model}, or null
 */
public record RequestProblem(String message, String param) implements RequestScan {
  public RequestProblem {
    Objects.requireNonNull(message, "message");
  }
}
