package dev.ninelives.providers.anthropic;

import dev.ninelives.providers.RequestProblem;
import dev.ninelives.providers.RequestScan;
import dev.ninelives.providers.RequestScanner;

/**
 * Reads just enough of a client's Messages body ({@code POST /v1/messages}) to route it:
 * {@code model} with its byte span (so {@link dev.ninelives.providers.BodyRewriter#withModel}
 * can replace it on the same-format fast path) and {@code stream}, checking that
 * {@code messages} is an array. {@code includeUsage} is always false: Anthropic streams carry
 * usage unasked, so there is no option to read.
 *
 * <p>Only top-level fields are looked at; everything else is skipped token by token, but the
 * whole body is read, so malformed JSON anywhere (or trailing bytes) is answered here with a 400
 * rather than forwarded. Duplicate {@code model} or {@code stream} keys are rejected: a body
 * whose {@code model} we rewrite must not carry a second one that the upstream's parser might
 * obey instead. {@code max_tokens} is not checked: a translating target supplies a default, and
 * an Anthropic upstream answers a missing one with its own 400, passed through unchanged.
 *
 * <p>Stateless and thread-safe.
 */
public final class AnthropicRequestScanner {
  private static final RequestScanner SCANNER = new RequestScanner(AnthropicJson.FACTORY,
      new RequestScanner.Wording(
          new RequestProblem("model: Field required", "model"),
          new RequestProblem("model: Input should be a valid string", "model"),
          new RequestProblem("model: String should have at least 1 character", "model"),
          new RequestProblem("messages: Field required", "messages"),
          new RequestProblem("messages: Input should be a valid list", "messages"),
          new RequestProblem("stream: Input should be a valid boolean", "stream")),
      false);

  private AnthropicRequestScanner() {}

  /** Scans {@code body}; see the class comment. Never throws for bad input. */
  public static RequestScan scan(byte[] body) {
    return SCANNER.scan(body);
  }
}
