package dev.ninelives.drill;

import dev.ninelives.simulator.Dialect;
import dev.ninelives.simulator.Latency;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A simulated provider of a drill scenario, as the file describes it. Immutable.
 *
 * @param name unique within the scenario; phases name it to give it faults
 * @param dialect the API it speaks
 * @param models model ids; the first is the one the drill's gateway route asks for
 * @param keys keys it accepts; empty accepts any
 * @param latency its own latency when healthy, drawn for each request
 * @param tokenInterval the gap between stream events
 * @param reply what it answers (a healthy answer then ends with the prompt's check word)
 * @param seed seeds its probability and latency draws, so a replay repeats exactly
 */
public record DrillProvider(
    String name,
    Dialect dialect,
    List<String> models,
    List<String> keys,
    Latency latency,
    Duration tokenInterval,
    String reply,
    long seed) {

  public DrillProvider {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dialect, "dialect");
    models = List.copyOf(models);
    keys = List.copyOf(keys);
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(tokenInterval, "tokenInterval");
    Objects.requireNonNull(reply, "reply");
    if (models.isEmpty()) {
      throw new IllegalArgumentException("provider " + name + " needs at least one model");
    }
  }

  /** The model the drill's route sends this provider. */
  public String model() {
    return models.get(0);
  }
}
