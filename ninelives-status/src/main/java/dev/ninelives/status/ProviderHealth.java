package dev.ninelives.status;

/** What the tracker knows of one provider beyond its key pool's own state. */
final class ProviderHealth {
  final String name;
  /** Whether every key is quarantined, as told by events. */
  volatile boolean quarantined;
  /** Whether it is configured without keys (its one implicit key is labelled "no-key"). */
  volatile boolean keyless;
  /** Whether an incident about this provider is open (written under the incident lock). */
  volatile boolean incidentOpen;
  /** Guarded by the tracker's incident lock. */
  final RunUp runUp = new RunUp();

  ProviderHealth(String name) {
    this.name = name;
  }
}
