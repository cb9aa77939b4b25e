package dev.ninelives.simulator;

import java.util.ArrayList;
import java.util.List;

/** The simulator's notion of a token: a word together with the whitespace before it. Stateless. */
final class Tokens {
  private Tokens() {}

  /**
   * Splits text so that concatenating the pieces gives the text back exactly: each piece is a run
   * of whitespace followed by a run of non-whitespace; trailing whitespace joins the last piece.
   */
  static List<String> split(String text) {
    List<String> tokens = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      tokens.add(text.substring(start, i));
      start = i;
    }
    int last = tokens.size() - 1;
    if (last > 0 && tokens.get(last).isBlank()) {
      // Trailing whitespace is not a word of its own; keep it so the text round-trips.
      tokens.set(last - 1, tokens.get(last - 1) + tokens.remove(last));
    }
    return tokens;
  }

  /** Number of words (non-whitespace runs) in the text. */
  static int count(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean ws = Character.isWhitespace(text.charAt(i));
      if (!ws && !inWord) {
        words++;
      }
      inWord = !ws;
    }
    return words;
  }
}
