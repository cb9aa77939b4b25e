package dev.ninelives.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" hints for misspelt keys, types, strategies and provider names. Stateless.
 */
final class Suggestions {
  private static final int MAX_DISTANCE = 2;
  private static final int MIN_PREFIX = 3;

  private Suggestions() {}

  /**
   * The candidate closest to {@code input}: one of them a prefix of the other (a truncated
   * key, such as {@code larger} for {@code larger_context}), else the nearest within two
   * edits (a swap of neighbours counts as one). Empty when nothing is close.
   */
  static Optional<String> closest(String input, Collection<String> candidates) {
    String in = input.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE; // lower is better
    for (String candidate : candidates) {
      String c = candidate.toLowerCase(Locale.ROOT);
      int d = distance(in, c);
      // A distance as long as the input itself would match any short word: "x" is not a typo
      // of "max".
      boolean close = d <= MAX_DISTANCE && d < in.length();
      boolean prefix = (in.length() >= MIN_PREFIX && c.startsWith(in))
          || (c.length() >= MIN_PREFIX && in.startsWith(c));
      // A prefix says more than a small distance: "larger" is nearer to "target" by edits,
      // but plainly a truncated "larger_context".
      int score = prefix ? -1_000 + d : d;
      if ((close || prefix) && score < bestDistance) {
        best = candidate;
        bestDistance = score;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * A parenthesised hint to append to a message: the closest candidate when there is one,
   * otherwise the full list so the reader still learns what is allowed.
   */
  static String hint(String input, Collection<String> candidates, String listLabel) {
    Optional<String> close = closest(input, candidates);
    if (close.isPresent()) {
      return " (did you mean '" + close.get() + "'?)";
    }
    if (candidates.isEmpty()) {
      return "";
    }
    return " (" + listLabel + ": " + String.join(", ", candidates) + ")";
  }

  /** Optimal string alignment distance: Levenshtein plus transposition of neighbours. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
