package dev.ninelives.providers.openai;

import dev.ninelives.providers.RequestProblem;
import dev.ninelives.providers.RequestScan;
import dev.ninelives.providers.RequestScanner;

/**
 * Reads just enough of a client's Chat Completions body to route it: {@code model},
 * {@code stream} and {@code stream_options.include_usage}, checking that {@code messages} is an
 * array. Only top-level fields are looked at; everything else is skipped token by token, but
 * the whole body is read, so malformed JSON anywhere (or trailing bytes) is caught here and
 * answered with a 400 rather than forwarded.
 *
 * <p>Duplicate {@code model}, {@code stream} or {@code stream_options} keys are rejected: a
 * body whose {@code model} we rewrite must not carry a second one that the upstream's parser
 * (last one wins, in most) would obey instead.
 *
 * <p>Stateless and thread-safe.
 */
public final class OpenAiRequestScanner {
  private static final RequestScanner SCANNER = new RequestScanner(OpenAiJson.FACTORY,
      new RequestScanner.Wording(
          new RequestProblem("you must provide a model parameter", "model"),
          new RequestProblem("'model' must be a string", "model"),
          new RequestProblem("'model' must not be empty", "model"),
          new RequestProblem("missing required parameter: 'messages'", "messages"),
          new RequestProblem("'messages' must be an array", "messages"),
          new RequestProblem("'stream' must be a boolean", "stream")),
      true);

  private OpenAiRequestScanner() {}

  /** Scans {@code body}; see the class comment. Never throws for bad input. */
  public static RequestScan scan(byte[] body) {
    return SCANNER.scan(body);
  }
}
