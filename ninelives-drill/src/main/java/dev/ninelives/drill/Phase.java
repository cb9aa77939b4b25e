package dev.ninelives.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One stretch of a scenario's timeline, in scenario time: how long it lasts and which faults
 * each provider has meanwhile. A provider without rules is healthy. Immutable.
 *
 * @param name short, shown on charts and in tables
 * @param description one sentence for the report; may be empty
 * @param length in scenario time (compression shortens it for a replay)
 * @param faults rules by provider name, in the order tried
 */
public record Phase(String name, String description, Duration length, Map<String, List<PhaseFault>> faults) {

  public Phase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(length, "length");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("phase " + name + " must last longer than zero");
    }
    Map<String, List<PhaseFault>> copy = new LinkedHashMap<>();
    faults.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    faults = java.util.Collections.unmodifiableMap(copy);
  }

  /** True if the provider has no fault in this phase. */
  public boolean healthy(String provider) {
    return !faults.containsKey(provider) || faults.get(provider).isEmpty();
  }

  /** True if some provider's fault here is silent (a wrong answer with HTTP 200). */
  public boolean hasSilentFault() {
    return faults.values().stream().flatMap(List::stream).anyMatch(f -> !f.visible());
  }

  /** "primary: HTTP 503; secondary: slow 2s", or "all providers healthy". */
  public String faultSummary() {
    List<String> parts = new ArrayList<>();
    faults.forEach((provider, rules) -> {
      if (!rules.isEmpty()) {
        List<String> each = new ArrayList<>();
        rules.forEach(r -> each.add(r.describe()));
        parts.add(provider + ": " + String.join(", ", each));
      }
    });
    return parts.isEmpty() ? "all providers healthy" : String.join("; ", parts);
  }
}
