package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error bodies each dialect really sends. Every error is first described the OpenAI way
 * (message, type, param, code) and then rendered in the dialect's shape, except where a server is
 * known to say something else entirely (Azure's 401/404/429 and content filter, vLLM's 401,
 * OpenAI's Cloudflare 502/504, llama.cpp's context overflow). Anthropic and Gemini have their own
 * catalogues ({@link AnthropicErrors}, {@link GeminiErrors}), which this class hands over to.
 * Stateless and thread-safe.
 */
final class ErrorCatalog {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static final int CONTEXT_LIMIT = 8192;
  static final int CONTEXT_REQUESTED = 9000;

  private final Dialect dialect;

  ErrorCatalog(Dialect dialect) {
    this.dialect = dialect;
  }

  /** What a status fault answers; {@code model} and {@code key} come from the request. */
  ErrorReply forStatus(int status, String model, String key) {
    if (dialect == Dialect.ANTHROPIC) {
      return AnthropicErrors.forStatus(status, model);
    }
    if (dialect == Dialect.GEMINI) {
      return GeminiErrors.forStatus(status, model);
    }
    switch (status) {
      case 401:
        return unauthorized(key);
      case 404:
        return modelNotFound(model);
      case 429:
        return rateLimit(model, null);
      case 502:
        if (dialect == Dialect.OPENAI) {
          // OpenAI's edge (Cloudflare) answers gateway errors itself, with an integer code.
          return cloudflare(502, "Bad gateway.", "cf_bad_gateway");
        }
        break;
      case 504:
        if (dialect == Dialect.OPENAI) {
          return cloudflare(504, "Gateway timeout.", "cf_gateway_timeout");
        }
        break;
      case 503:
        if (dialect == Dialect.LLAMA_CPP) {
          // llama-server's only 503 is the one it sends while the model is still loading.
          return render(503, "Loading model", "unavailable_error", null, null);
        }
        break;
      default:
        break;
    }
    return generic(status);
  }

  private ErrorReply generic(int status) {
    switch (status) {
      case 400:
        return render(400, "Invalid request: the simulator was told to reject it.", "invalid_request_error", null, null);
      case 403:
        return render(403, "Country, region, or territory not supported", "request_forbidden", null,
            "unsupported_country_region_territory");
      case 408:
        return render(408, "Request timed out.", "invalid_request_error", null, "timeout");
      case 409:
        return render(409, "The request conflicted with another request in progress. Please retry.",
            "invalid_request_error", null, "conflict");
      case 500:
        return render(500, "The server had an error while processing your request. Sorry about that!",
            "server_error", null, null);
      case 502:
        return render(502, "Bad gateway.", "server_error", null, null);
      case 503:
        return render(503, "The engine is currently overloaded, please try again later", "server_error", null, null);
      case 504:
        return render(504, "Gateway timeout.", "server_error", null, null);
      case 529:
        return render(529, "The server is overloaded, please try again later.", "server_error", null, "overloaded");
      default:
        return status < 500
            ? render(status, "Request rejected (HTTP " + status + ").", "invalid_request_error", null, null)
            : render(status, "The server failed (HTTP " + status + ").", "server_error", null, null);
    }
  }

  /** The dialect's answer to a missing or wrong credential. */
  ErrorReply unauthorized(String key) {
    switch (dialect) {
      case ANTHROPIC:
        return AnthropicErrors.unauthorized(key);
      case GEMINI:
        return GeminiErrors.unauthorized(key);
      case AZURE:
        return azure(401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure"
            + " to provide a valid key for an active subscription and use a correct regional API endpoint for"
            + " your resource.");
      case VLLM: {
        // vLLM's --api-key middleware answers with a bare string, not an error object.
        ObjectNode body = NODES.objectNode();
        body.put("error", "Unauthorized");
        return new ErrorReply(401, body);
      }
      case LLAMA_CPP:
        return render(401, "Invalid API Key", "authentication_error", null, null);
      default:
        if (key == null || key.isEmpty()) {
          return render(401, "You didn't provide an API key. You need to provide your API key in an Authorization"
              + " header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with"
              + " blank username) if you're accessing the API from your browser and are prompted for a username"
              + " and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
              "invalid_request_error", null, null);
        }
        // OpenAI echoes a masked form of the key; a gateway must not pass even that through.
        return render(401, "Incorrect API key provided: " + mask(key) + ". You can find your API key at"
            + " https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
    }
  }

  ErrorReply rateLimited(String model, Duration retryAfter) {
    if (dialect == Dialect.ANTHROPIC) {
      return AnthropicErrors.rateLimited(retryAfter);
    }
    if (dialect == Dialect.GEMINI) {
      return GeminiErrors.rateLimited(model, retryAfter);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    long millis = Durations.ceilMillis(retryAfter);
    headers.put("retry-after", Long.toString((millis + 999) / 1000));
    headers.put("retry-after-ms", Long.toString(millis));
    if (dialect == Dialect.OPENAI) {
      headers.put("x-ratelimit-limit-requests", "60");
      headers.put("x-ratelimit-remaining-requests", "0");
      headers.put("x-ratelimit-reset-requests", millis + "ms");
    }
    return rateLimit(model, retryAfter).withHeaders(headers);
  }

  private ErrorReply rateLimit(String model, Duration retryAfter) {
    long seconds = retryAfter == null ? 1 : Math.max(1, (Durations.ceilMillis(retryAfter) + 999) / 1000);
    if (dialect == Dialect.AZURE) {
      return azure(429, "429", "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version"
          + " 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after "
          + seconds + " second" + (seconds == 1 ? "" : "s") + ". Please go here: https://aka.ms/oai/quotaincrease"
          + " if you would like to further increase the default rate limit.");
    }
    return render(429, "Rate limit reached for " + model + " in organization org-simulated on requests per min"
        + " (RPM): Limit 60, Used 60, Requested 1. Please try again in " + seconds + "s. Visit"
        + " https://platform.openai.com/account/rate-limits to learn more.", "requests", null, "rate_limit_exceeded");
  }

  ErrorReply insufficientQuota(String model) {
    if (dialect == Dialect.ANTHROPIC) {
      return AnthropicErrors.billing();
    }
    if (dialect == Dialect.GEMINI) {
      return GeminiErrors.insufficientQuota(model);
    }
    return render(429, "You exceeded your current quota, please check your plan and billing details. For more"
        + " information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
        "insufficient_quota", null, "insufficient_quota");
  }

  ErrorReply contextLengthExceeded() {
    switch (dialect) {
      case ANTHROPIC:
        return AnthropicErrors.contextLengthExceeded();
      case GEMINI:
        return GeminiErrors.contextLengthExceeded();
      case VLLM:
        return render(400, "This model's maximum context length is " + CONTEXT_LIMIT + " tokens. However, you"
            + " requested " + CONTEXT_REQUESTED + " tokens (" + CONTEXT_REQUESTED + " in the messages, 0 in the"
            + " completion). Please reduce the length of the messages or completion.", "BadRequestError", null, null);
      case LLAMA_CPP: {
        ErrorReply reply = render(400, "request (" + CONTEXT_REQUESTED + " tokens) exceeds the available context"
            + " size (" + CONTEXT_LIMIT + " tokens), try increasing it", "exceed_context_size_error", null, null);
        ObjectNode error = (ObjectNode) reply.body().get("error");
        error.put("n_prompt_tokens", CONTEXT_REQUESTED);
        error.put("n_ctx", CONTEXT_LIMIT);
        return reply;
      }
      default:
        return render(400, "This model's maximum context length is " + CONTEXT_LIMIT + " tokens. However, your"
            + " messages resulted in " + CONTEXT_REQUESTED + " tokens. Please reduce the length of the messages.",
            "invalid_request_error", "messages", "context_length_exceeded");
    }
  }

  /** A prompt refused by policy; Gemini's refusal is a 200 answer with no candidates. */
  ErrorReply contentPolicy(String model) {
    if (dialect == Dialect.ANTHROPIC) {
      return AnthropicErrors.contentPolicy();
    }
    if (dialect == Dialect.GEMINI) {
      return GeminiErrors.contentPolicy(model);
    }
    if (dialect == Dialect.AZURE) {
      ObjectNode error = NODES.objectNode();
      error.put("message", "The response was filtered due to the prompt triggering Azure OpenAI's content"
          + " management policy. Please modify your prompt and retry. To learn more about our content filtering"
          + " policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766");
      error.putNull("type");
      error.put("param", "prompt");
      error.put("code", "content_filter");
      error.put("status", 400);
      ObjectNode inner = error.putObject("innererror");
      inner.put("code", "ResponsibleAIPolicyViolation");
      ObjectNode result = inner.putObject("content_filter_result");
      severity(result, "hate", false, "safe");
      ObjectNode jailbreak = result.putObject("jailbreak");
      jailbreak.put("filtered", false);
      jailbreak.put("detected", false);
      severity(result, "self_harm", false, "safe");
      severity(result, "sexual", false, "safe");
      severity(result, "violence", true, "medium");
      return new ErrorReply(400, wrap(error));
    }
    return render(400, "Invalid prompt: your prompt was flagged as potentially violating our usage policy. Please"
        + " try again with a different prompt: https://platform.openai.com/docs/guides/reasoning#advice-on-prompting",
        "invalid_request_error", null, "invalid_prompt");
  }

  ErrorReply invalidRequest(String message, String param, String code) {
    if (dialect == Dialect.ANTHROPIC) {
      return AnthropicErrors.invalidRequest(message);
    }
    if (dialect == Dialect.GEMINI) {
      return GeminiErrors.invalidRequest(message);
    }
    return render(400, message, "invalid_request_error", param, code);
  }

  /** An unknown route. */
  ErrorReply routeNotFound(String method, String path) {
    switch (dialect) {
      case ANTHROPIC:
        return AnthropicErrors.routeNotFound();
      case GEMINI:
        return GeminiErrors.routeNotFound(path);
      case AZURE:
        return azureResourceNotFound();
      case VLLM: {
        // vLLM's unknown routes are answered by FastAPI itself.
        ObjectNode body = NODES.objectNode();
        body.put("detail", "Not Found");
        return new ErrorReply(404, body);
      }
      case LLAMA_CPP:
        return render(404, "File Not Found", "not_found_error", null, null);
      default:
        return render(404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error", null, null);
    }
  }

  /** Azure's answer to a classic path without api-version, or to any unknown path. */
  ErrorReply azureResourceNotFound() {
    return azure(404, "404", "Resource not found");
  }

  /** The JSON of a mid-stream {@code data: {"error":...}} event of the OpenAI family. */
  ObjectNode streamError() {
    return render(500, "The server had an error while processing your request. Sorry about that!",
        "server_error", null, null).body();
  }

  private ErrorReply modelNotFound(String model) {
    if (dialect == Dialect.AZURE) {
      return azure(404, "DeploymentNotFound", "The API deployment for this resource does not exist. If you created"
          + " the deployment within the last 5 minutes, please wait a moment and try again.");
    }
    String message = dialect == Dialect.OLLAMA
        ? "model \"" + model + "\" not found, try pulling it first"
        : "The model `" + model + "` does not exist or you do not have access to it.";
    return render(404, message, "invalid_request_error", null, "model_not_found");
  }

  /**
   * Renders an OpenAI-style description in the dialect's shape. For the dialects whose type and
   * code come from the status (vLLM, Ollama, llama.cpp), {@code type} and {@code code} are only
   * kept where that dialect really sends them.
   */
  private ErrorReply render(int status, String message, String type, String param, String code) {
    ObjectNode error = NODES.objectNode();
    switch (dialect) {
      case VLLM:
        error.put("message", message);
        error.put("type", type.endsWith("Error") ? type : vllmType(status));
        error.putNull("param");
        error.put("code", status);
        break;
      case OLLAMA:
        error.put("message", message);
        error.put("type", ollamaType(status));
        error.putNull("param");
        error.putNull("code");
        break;
      case LLAMA_CPP:
        error.put("code", status);
        error.put("message", message);
        error.put("type", type.endsWith("_error") && !type.equals("invalid_request_error") ? type : llamaType(status));
        break;
      default:
        error.put("message", message);
        error.put("type", type);
        putNullable(error, "param", param);
        putNullable(error, "code", code);
        break;
    }
    return new ErrorReply(status, wrap(error));
  }

  private static ErrorReply cloudflare(int status, String message, String type) {
    ObjectNode error = NODES.objectNode();
    error.put("code", status);
    error.put("message", message);
    error.putNull("param");
    error.put("type", type);
    return new ErrorReply(status, wrap(error));
  }

  private static ErrorReply azure(int status, String code, String message) {
    ObjectNode error = NODES.objectNode();
    error.put("code", code);
    error.put("message", message);
    return new ErrorReply(status, wrap(error));
  }

  private static String vllmType(int status) {
    if (status == 404) {
      return "NotFoundError";
    }
    return status < 500 ? "BadRequestError" : "InternalServerError";
  }

  private static String ollamaType(int status) {
    if (status == 404) {
      return "not_found_error";
    }
    return status < 500 ? "invalid_request_error" : "api_error";
  }

  private static String llamaType(int status) {
    switch (status) {
      case 401:
        return "authentication_error";
      case 403:
        return "permission_error";
      case 404:
        return "not_found_error";
      case 501:
        return "not_supported_error";
      case 503:
        return "unavailable_error";
      default:
        return status < 500 ? "invalid_request_error" : "server_error";
    }
  }

  /** Keeps a short prefix and suffix, like OpenAI; keys too short to mask are echoed whole. */
  static String mask(String key) {
    if (key.length() < 8) {
      return key;
    }
    return key.substring(0, 5) + "***" + key.substring(key.length() - 2);
  }

  private static void severity(ObjectNode parent, String name, boolean filtered, String severity) {
    ObjectNode n = parent.putObject(name);
    n.put("filtered", filtered);
    n.put("severity", severity);
  }

  private static void putNullable(ObjectNode node, String field, String value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  private static ObjectNode wrap(ObjectNode error) {
    ObjectNode body = NODES.objectNode();
    body.set("error", error);
    return body;
  }
}
