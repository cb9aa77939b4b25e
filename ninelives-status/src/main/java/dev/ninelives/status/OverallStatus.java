package dev.ninelives.status;

/** The one-line verdict at the top of the status page. */
public enum OverallStatus {
  /** Every target healthy and requests succeeding. */
  OPERATIONAL("operational", "All systems operational"),
  /**
   * Answers arrive, but some are slower or come from a backup: a target is degraded or
   * recovering, or one is out while the others keep requests succeeding.
   */
  DEGRADED("degraded", "Some answers are slower or come from a backup provider"),
  /**
   * Some requests fail: more than 5% of the last minute's requests failed, or a target is out
   * and there was too little traffic to show that backups cover for it.
   */
  PARTIAL_OUTAGE("partial outage", "Some requests are failing right now"),
  /** Every target is out, or more than half of the last minute's requests failed. */
  MAJOR_OUTAGE("major outage", "Most requests are failing right now");

  private final String label;
  private final String summary;

  OverallStatus(String label, String summary) {
    this.label = label;
    this.summary = summary;
  }

  /** The word used in the JSON ({@code "partial outage"}). */
  public String label() {
    return label;
  }

  /** The banner sentence for people. */
  public String summary() {
    return summary;
  }
}
