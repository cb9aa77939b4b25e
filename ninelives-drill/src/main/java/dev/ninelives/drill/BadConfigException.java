package dev.ninelives.drill;

import java.util.List;

/**
 * A gateway configuration the drill cannot use: the user's file, or the policy a scenario
 * gives. Each problem is one located line, as {@code ninelives check} prints them.
 */
public final class BadConfigException extends IllegalArgumentException {
  private final List<String> problems;

  BadConfigException(String summary, List<String> problems) {
    super(summary + (problems.isEmpty() ? "" : ":\n  " + String.join("\n  ", problems)));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
