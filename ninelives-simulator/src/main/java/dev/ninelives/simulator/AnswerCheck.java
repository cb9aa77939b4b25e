package dev.ninelives.simulator;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes answers checkable end to end. A client puts a check word ({@code answer-check-} and a
 * nonce) in its prompt; a healthy simulated answer ends with the same word, and a degraded one
 * ({@link Fault#wrongAnswer}, {@link Fault#emptyAnswer}, a cut stream) does not. The word is plain
 * text, so it survives a gateway in between and any translation between API formats: a client
 * can tell a right answer from a wrong one whatever produced it.
 *
 * <p>Stateless.
 */
public final class AnswerCheck {
  /** What every check word starts with. */
  public static final String PREFIX = "answer-check-";

  private static final Pattern WORD = Pattern.compile("(?<![\\w-])" + PREFIX + "([A-Za-z0-9]{4,64})(?![\\w-])");

  private AnswerCheck() {}

  /** The check word for a nonce of 4 to 64 letters and digits. */
  public static String word(String nonce) {
    Objects.requireNonNull(nonce, "nonce");
    if (!nonce.matches("[A-Za-z0-9]{4,64}")) {
      throw new IllegalArgumentException("a nonce is 4 to 64 letters and digits, but was '" + nonce + "'");
    }
    return PREFIX + nonce;
  }

  /** The first check word in {@code text}, if any. */
  public static Optional<String> find(String text) {
    Matcher m = WORD.matcher(text);
    return m.find() ? Optional.of(m.group()) : Optional.empty();
  }

  /** True if {@code answer} carries {@code word} as a whole word. */
  public static boolean carries(String answer, String word) {
    Matcher m = WORD.matcher(answer);
    while (m.find()) {
      if (m.group().equals(word)) {
        return true;
      }
    }
    return false;
  }

  /** The reply a healthy provider gives: {@code reply}, then the prompt's check word if it has one. */
  static String echo(String reply, String prompt) {
    return find(prompt).map(w -> reply.isEmpty() ? w : reply + " " + w).orElse(reply);
  }
}
