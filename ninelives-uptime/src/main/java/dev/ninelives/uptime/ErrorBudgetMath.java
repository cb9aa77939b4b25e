package dev.ninelives.uptime;

/**
 * Error-budget arithmetic for an objective {@code slo} (a share of requests that should be
 * answered) over {@code eligible} requests of which {@code failed} were not answered:
 *
 * <ul>
 *   <li>allowed = (1 − slo) × eligible: the failures the objective tolerates;
 *   <li>remaining = allowed − failed (negative once overspent);
 *   <li>consumed share = failed / allowed;
 *   <li>burn rate = (failed / eligible) / (1 − slo): 1 spends exactly the budget of the period,
 *       2 spends it in half the period, and so on.
 * </ul>
 *
 * Stateless.
 */
final class ErrorBudgetMath {
  private ErrorBudgetMath() {
  }

  /** Null shares and rates when there is nothing to divide by. */
  record Result(double allowed, double remaining, Double consumedShare, Double burnRate) { }

  static Result of(double slo, long eligible, long failed) {
    double allowedRate = 1 - slo;
    double allowed = allowedRate * eligible;
    Double consumedShare = allowed > 0 ? failed / allowed : null;
    Double burnRate = eligible > 0 ? ((double) failed / eligible) / allowedRate : null;
    return new Result(allowed, allowed - failed, consumedShare, burnRate);
  }
}
