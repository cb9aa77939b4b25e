package dev.ninelives.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which server a {@link SimulatedProvider} imitates. The first five speak OpenAI Chat Completions
 * and differ in paths, credentials, error bodies and a few response fields; the last two speak
 * their vendors' own APIs:
 *
 * <ul>
 *   <li>{@link #OPENAI}: {@code /v1}, {@code Authorization: Bearer}, errors {@code
 *       {"error":{"message","type","param","code"}}}, header {@code x-request-id}.
 *   <li>{@link #AZURE}: {@code /openai/deployments/{d}/chat/completions?api-version=...} and {@code
 *       /openai/v1/chat/completions}, key in {@code api-key}; content-filter annotations, a leading
 *       stream chunk with only {@code prompt_filter_results}, and its own 401/404/429 bodies.
 *   <li>{@link #VLLM}: errors carry {@code type} BadRequestError/NotFoundError/InternalServerError
 *       and an integer {@code code}; 401 is {@code {"error":"Unauthorized"}}; choices carry {@code
 *       stop_reason}; a mid-stream error is followed by {@code [DONE]}.
 *   <li>{@link #OLLAMA}: ignores credentials entirely, {@code system_fingerprint: "fp_ollama"},
 *       error types invalid_request_error/not_found_error/api_error with null code.
 *   <li>{@link #LLAMA_CPP}: errors {@code {"error":{"code":<int>,"message","type"}}}.
 *   <li>{@link #ANTHROPIC}: the Messages API, {@code POST /v1/messages}; key in {@code x-api-key}
 *       or {@code Authorization: Bearer}; named SSE events; errors {@code
 *       {"type":"error","error":{"type","message"},"request_id"}}.
 *   <li>{@link #GEMINI}: the Generative Language API, {@code POST
 *       /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent?alt=sse}; key in
 *       {@code x-goog-api-key} or {@code ?key=}; Google RPC errors {@code
 *       {"error":{"code","message","status","details"}}}, and a bad key is a 400.
 * </ul>
 *
 * <p>Immutable.
 */
public enum Dialect {
  OPENAI("openai"),
  AZURE("azure"),
  VLLM("vllm"),
  OLLAMA("ollama"),
  LLAMA_CPP("llama.cpp"),
  ANTHROPIC("anthropic"),
  GEMINI("gemini");

  private final String configName;

  Dialect(String configName) {
    this.configName = configName;
  }

  /** The name used in scenario files, e.g. {@code llama.cpp}. */
  public String configName() {
    return configName;
  }

  /** Reads a scenario-file name, case-insensitively; also accepts the enum name. */
  public static Dialect fromConfigName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (Dialect d : values()) {
      if (d.configName.equals(n) || d.name().toLowerCase(Locale.ROOT).equals(n)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "unknown dialect '" + name + "' (known: "
            + Arrays.stream(values()).map(Dialect::configName).collect(Collectors.joining(", ")) + ")");
  }

  /**
   * The path prefix of {@link SimulatedProvider#baseUrl()}. Anthropic's and Gemini's SDKs take the
   * host root as their base URL and add the versioned path themselves.
   */
  String basePath() {
    switch (this) {
      case AZURE:
        return "/openai";
      case ANTHROPIC:
      case GEMINI:
        return "";
      default:
        return "/v1";
    }
  }

  /** True for the dialects that speak OpenAI Chat Completions. */
  boolean openAiFamily() {
    return this != ANTHROPIC && this != GEMINI;
  }

  boolean checksKeys() {
    return this != OLLAMA;
  }
}
