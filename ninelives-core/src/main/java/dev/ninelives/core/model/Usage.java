package dev.ninelives.core.model;

/**
 * Token counts; -1 where unknown.
 *
 * @param inputTokens every prompt token, cached ones included (OpenAI's {@code prompt_tokens})
 * @param outputTokens every generated token, reasoning included
 * @param cachedInputTokens prompt tokens read from a cache
 * @param cacheCreationInputTokens prompt tokens written to a cache (Anthropic)
 * @param reasoningTokens generated tokens spent on reasoning
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens,
    long cacheCreationInputTokens, long reasoningTokens) {

  public static final Usage UNKNOWN = new Usage(-1, -1, -1, -1, -1);

  public static Usage of(long input, long output) {
    return new Usage(input, output, -1, -1, -1);
  }

  /** input + output, or -1 if either is unknown. */
  public long totalTokens() {
    return inputTokens < 0 || outputTokens < 0 ? -1 : inputTokens + outputTokens;
  }
}
