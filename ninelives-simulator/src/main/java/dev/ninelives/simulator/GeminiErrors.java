package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The Gemini API's error answers, in the Google RPC shape {@code {"error":{"code","message",
 * "status","details"}}}. Delays travel in a {@code google.rpc.RetryInfo} detail, not in headers.
 * Stateless and thread-safe.
 */
final class GeminiErrors {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String TYPES = "type.googleapis.com/google.rpc.";

  static final int CONTEXT_LIMIT = 1_048_576;
  static final int CONTEXT_REQUESTED = 1_205_744;

  private GeminiErrors() {}

  static ErrorReply forStatus(int status, String model) {
    switch (status) {
      case 400:
        return render(400, "INVALID_ARGUMENT", "Request contains an invalid argument.");
      case 401:
        return render(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2"
            + " access token, login cookie or other valid authentication credential. See"
            + " https://developers.google.com/identity/sign-in/web/devconsole-project.");
      case 403:
        return render(403, "PERMISSION_DENIED", "The caller does not have permission");
      case 404:
        return render(404, "NOT_FOUND", "models/" + model + " is not found for API version v1beta, or is not"
            + " supported for generateContent. Call ListModels to see the list of available models and their"
            + " supported methods.");
      case 409:
        return render(409, "ABORTED", "The operation was aborted.");
      case 429:
        return rateLimited(model, Duration.ofSeconds(1));
      case 499:
        return render(499, "CANCELLED", "The operation was cancelled.");
      case 500:
        return render(500, "INTERNAL", "An internal error has occurred. Please retry or report in"
            + " https://developers.generativeai.google/guide/troubleshooting");
      case 501:
        return render(501, "UNIMPLEMENTED", "Operation is not implemented, or supported, or enabled.");
      case 503:
        return render(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
      case 504:
        return render(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.");
      default:
        return status < 500
            ? render(status, "FAILED_PRECONDITION", "Request rejected (HTTP " + status + ").")
            : render(status, "UNAVAILABLE", "The service is currently unavailable (HTTP " + status + ").");
    }
  }

  /**
   * A missing key is refused as an unregistered caller (403); a wrong key is a 400 INVALID_ARGUMENT
   * whose ErrorInfo reason is API_KEY_INVALID, which is what Gemini really answers.
   */
  static ErrorReply unauthorized(String key) {
    if (key == null || key.isEmpty()) {
      return render(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without"
          + " established identity). Please use API Key or other form of API consumer identity to call this API.");
    }
    String message = "API key not valid. Please pass a valid API key.";
    ErrorReply reply = render(400, "INVALID_ARGUMENT", message);
    ArrayNode details = details(reply);
    ObjectNode info = detail(details, "ErrorInfo");
    info.put("reason", "API_KEY_INVALID");
    info.put("domain", "googleapis.com");
    info.putObject("metadata").put("service", "generativelanguage.googleapis.com");
    ObjectNode localized = detail(details, "LocalizedMessage");
    localized.put("locale", "en-US");
    localized.put("message", message);
    return reply;
  }

  /** A per-minute quota: QuotaFailure, Help and a RetryInfo carrying the delay. */
  static ErrorReply rateLimited(String model, Duration retryAfter) {
    ErrorReply reply = quota("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", model, "15");
    detail(details(reply), "RetryInfo").put("retryDelay", protoDuration(retryAfter));
    return reply;
  }

  /** A daily quota: no RetryInfo, because waiting seconds does not help. */
  static ErrorReply insufficientQuota(String model) {
    return quota("GenerateRequestsPerDayPerProjectPerModel-FreeTier", model, "1500");
  }

  private static ErrorReply quota(String quotaId, String model, String value) {
    ErrorReply reply = render(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan"
        + " and billing details. For more information on this error, head to:"
        + " https://ai.google.dev/gemini-api/docs/rate-limits.");
    ArrayNode details = details(reply);
    ObjectNode failure = detail(details, "QuotaFailure");
    ObjectNode violation = failure.putArray("violations").addObject();
    violation.put("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests");
    violation.put("quotaId", quotaId);
    ObjectNode dims = violation.putObject("quotaDimensions");
    dims.put("location", "global");
    dims.put("model", model);
    violation.put("quotaValue", value);
    ObjectNode help = detail(details, "Help");
    ObjectNode link = help.putArray("links").addObject();
    link.put("description", "Learn more about Gemini API quotas");
    link.put("url", "https://ai.google.dev/gemini-api/docs/rate-limits");
    return reply;
  }

  static ErrorReply contextLengthExceeded() {
    return render(400, "INVALID_ARGUMENT", "The input token count (" + CONTEXT_REQUESTED + ") exceeds the maximum"
        + " number of tokens allowed (" + CONTEXT_LIMIT + ").");
  }

  /**
   * Gemini does not refuse a prompt with an error: it answers 200 with {@code
   * promptFeedback.blockReason} and no candidates.
   */
  static ErrorReply contentPolicy(String model) {
    ObjectNode body = NODES.objectNode();
    ObjectNode feedback = body.putObject("promptFeedback");
    feedback.put("blockReason", "SAFETY");
    ArrayNode ratings = feedback.putArray("safetyRatings");
    rating(ratings, "HARM_CATEGORY_SEXUALLY_EXPLICIT", "NEGLIGIBLE");
    rating(ratings, "HARM_CATEGORY_HATE_SPEECH", "NEGLIGIBLE");
    rating(ratings, "HARM_CATEGORY_HARASSMENT", "NEGLIGIBLE");
    rating(ratings, "HARM_CATEGORY_DANGEROUS_CONTENT", "HIGH");
    body.put("modelVersion", model);
    body.put("responseId", "resp_sim_blocked");
    return new ErrorReply(200, body);
  }

  static ErrorReply invalidRequest(String message) {
    return render(400, "INVALID_ARGUMENT", message);
  }

  static ErrorReply routeNotFound(String path) {
    return render(404, "NOT_FOUND", "The requested URL " + path + " was not found on this server.");
  }

  /** The data of a mid-stream error event. */
  static ObjectNode streamError() {
    return forStatus(500, "unknown").body();
  }

  static ErrorReply render(int code, String status, String message) {
    ObjectNode body = NODES.objectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    error.put("status", status);
    return new ErrorReply(code, body);
  }

  private static ArrayNode details(ErrorReply reply) {
    ObjectNode error = (ObjectNode) reply.body().get("error");
    return error.has("details") ? (ArrayNode) error.get("details") : error.putArray("details");
  }

  private static ObjectNode detail(ArrayNode details, String type) {
    ObjectNode d = details.addObject();
    d.put("@type", TYPES + type);
    return d;
  }

  private static void rating(ArrayNode ratings, String category, String probability) {
    ObjectNode r = ratings.addObject();
    r.put("category", category);
    r.put("probability", probability);
  }

  /** A protobuf Duration in JSON: seconds with up to nine decimals, e.g. {@code 1.5s}. */
  static String protoDuration(Duration d) {
    BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
    return seconds.stripTrailingZeros().toPlainString() + "s";
  }
}
