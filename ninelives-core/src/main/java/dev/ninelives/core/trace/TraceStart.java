package dev.ninelives.core.trace;

import java.util.Objects;

/**
 * What is known of a client request when its trace opens.
 *
 * @param model the {@code model} the client asked for (an alias or {@code provider/model}), or
 *     null when the request was refused before it could be read
 * @param client the client's wire format, lower case ({@code openai}, {@code anthropic})
 * @param streaming whether the client asked for a stream
 * @param method the HTTP method, such as {@code POST}
 * @param path the request path, such as {@code /v1/chat/completions}
 * @param arrivalNanos when the request arrived, on the gateway's clock
 * @param headers the client's request headers, for an incoming trace context
 */
public record TraceStart(
    String model,
    String client,
    boolean streaming,
    String method,
    String path,
    long arrivalNanos,
    Headers headers) {

  public TraceStart {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(headers, "headers");
  }

  /** Reads one request header by name (any case); null when absent. */
  @FunctionalInterface
  public interface Headers {
    String get(String name);

    /** No headers at all. */
    Headers NONE = name -> null;
  }
}
