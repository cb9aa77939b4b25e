package dev.ninelives.drill;

/** How a client judged one answer. */
public enum Verdict {
  /** A complete answer carrying the prompt's check word. */
  OK,
  /** A complete, well-formed answer with HTTP 200 whose content is wrong: silent degradation. */
  WRONG,
  /** Anything a client sees as a failure: an error status, a refused or dropped connection, a
   *  timeout, a broken or empty answer. */
  FAILED;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
