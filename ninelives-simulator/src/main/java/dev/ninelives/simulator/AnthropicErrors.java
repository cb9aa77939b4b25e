package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The Anthropic API's error answers: {@code {"type":"error","error":{"type","message"},
 * "request_id":"req_…"}}, the error type chosen by status, and a {@code request-id} header
 * matching the body. Stateless and thread-safe.
 */
final class AnthropicErrors {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static final int CONTEXT_LIMIT = 200_000;
  static final int CONTEXT_REQUESTED = 208_656;

  private AnthropicErrors() {}

  static ErrorReply forStatus(int status, String model) {
    switch (status) {
      case 400:
        return render(400, "invalid_request_error", "Invalid request: the simulator was told to reject it.");
      case 401:
        return render(401, "authentication_error", "invalid x-api-key");
      case 402:
        return billing();
      case 403:
        return render(403, "permission_error", "Your API key does not have permission to use the specified resource.");
      case 404:
        return render(404, "not_found_error", "model: " + model);
      case 409:
        return render(409, "conflict_error", "The request conflicted with another request in progress.");
      case 413:
        return render(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.");
      case 429:
        return rateLimited(Duration.ofSeconds(1));
      case 500:
        return render(500, "api_error", "Internal server error");
      case 503:
        return render(503, "api_error", "Service unavailable");
      case 504:
        return render(504, "timeout_error", "Request timeout");
      case 529:
        return render(529, "overloaded_error", "Overloaded");
      default:
        return status < 500
            ? render(status, "invalid_request_error", "Request rejected (HTTP " + status + ").")
            : render(status, "api_error", "The server failed (HTTP " + status + ").");
    }
  }

  /** A missing or wrong key; the message never echoes the key. */
  static ErrorReply unauthorized(String key) {
    return key == null || key.isEmpty()
        ? render(401, "authentication_error", "x-api-key header is required")
        : render(401, "authentication_error", "invalid x-api-key");
  }

  /** 429 with {@code retry-after} in whole seconds, rounded up, and the rate-limit headers. */
  static ErrorReply rateLimited(Duration retryAfter) {
    long millis = Durations.ceilMillis(retryAfter);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("retry-after", Long.toString(Math.max(1, (millis + 999) / 1000)));
    // Not sent by Anthropic; the simulator's rate-limit fault promises it in every OpenAI-style dialect.
    headers.put("retry-after-ms", Long.toString(millis));
    headers.put("anthropic-ratelimit-requests-limit", "50");
    headers.put("anthropic-ratelimit-requests-remaining", "0");
    headers.put("anthropic-ratelimit-requests-reset",
        Instant.now().plusMillis(millis).truncatedTo(ChronoUnit.SECONDS).toString());
    return render(429, "rate_limit_error", "This request would exceed the rate limit for your organization of 50"
        + " requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the"
        + " response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or"
        + " try again later.").withHeaders(headers);
  }

  /** The credit balance is exhausted: retrying the same key cannot help. */
  static ErrorReply billing() {
    return render(402, "billing_error", "Your credit balance is too low to access the Anthropic API. Please go to"
        + " Plans & Billing to upgrade or purchase credits.");
  }

  static ErrorReply contextLengthExceeded() {
    return render(400, "invalid_request_error",
        "prompt is too long: " + CONTEXT_REQUESTED + " tokens > " + CONTEXT_LIMIT + " maximum");
  }

  static ErrorReply contentPolicy() {
    return render(400, "invalid_request_error", "Output blocked by content filtering policy");
  }

  static ErrorReply invalidRequest(String message) {
    return render(400, "invalid_request_error", message);
  }

  static ErrorReply routeNotFound() {
    return render(404, "not_found_error", "Not Found");
  }

  /** The data of a mid-stream {@code event: error}: overload, the usual cause after a 200. */
  static ObjectNode streamError() {
    ObjectNode body = NODES.objectNode();
    body.put("type", "error");
    ObjectNode error = body.putObject("error");
    error.put("type", "overloaded_error");
    error.put("message", "Overloaded");
    return body;
  }

  static ErrorReply render(int status, String type, String message) {
    String requestId = "req_sim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    ObjectNode body = NODES.objectNode();
    body.put("type", "error");
    ObjectNode error = body.putObject("error");
    error.put("type", type);
    error.put("message", message);
    body.put("request_id", requestId);
    return new ErrorReply(status, Map.of("request-id", requestId), body);
  }
}
