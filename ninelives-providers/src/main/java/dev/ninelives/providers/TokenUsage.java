package dev.ninelives.providers;

/**
 * Token counts reported by an upstream, in OpenAI's terms; -1 where the upstream said nothing.
 *
 * @param promptTokens tokens in the prompt, or -1
 * @param completionTokens tokens generated, or -1
 * @param totalTokens the upstream's total, or -1
 */
public record TokenUsage(long promptTokens, long completionTokens, long totalTokens) {
  /** Nothing reported. */
  public static final TokenUsage UNKNOWN = new TokenUsage(-1, -1, -1);

  /** Whether the upstream reported any count at all. */
  public boolean isKnown() {
    return promptTokens >= 0 || completionTokens >= 0 || totalTokens >= 0;
  }
}
