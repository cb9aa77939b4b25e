package dev.ninelives.simulator;

import java.util.List;

/**
 * The assistant text a request gets, cut to its token limit. Immutable.
 *
 * @param tokens the pieces streamed one per event; they concatenate to {@code content}
 * @param finishReason {@code length} when the limit cut the text, else {@code stop}
 */
record Answer(String content, List<String> tokens, String finishReason) {

  Answer {
    tokens = List.copyOf(tokens);
  }

  /** {@code maxTokens} of 0 means no limit. */
  static Answer of(String text, int maxTokens) {
    List<String> tokens = Tokens.split(text);
    if (maxTokens > 0 && tokens.size() > maxTokens) {
      List<String> kept = tokens.subList(0, maxTokens);
      return new Answer(String.join("", kept), kept, "length");
    }
    return new Answer(text, tokens, "stop");
  }
}
