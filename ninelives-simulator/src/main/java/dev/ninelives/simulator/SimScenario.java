package dev.ninelives.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A named set of simulated providers and their faults over time, from a built-in name or a YAML
 * file (format in the module's README). {@link Simulation#start} brings one to life.
 *
 * <p>Immutable and thread-safe.
 */
public final class SimScenario {

  /** The built-in scenarios, in the order {@code --help} should list them. */
  private static final List<String> BUILT_IN = List.of(
      "healthy", "primary-503", "primary-refuses", "primary-hangs", "primary-cuts-stream", "flapping");

  /**
   * One provider of a scenario. Immutable.
   *
   * @param name unique within the scenario
   * @param port the fixed port, if the scenario names one
   * @param dialect the server it imitates
   * @param reply the assistant's answer
   * @param latencyModel wait before headers / first event, drawn for each request
   * @param tokenInterval gap between stream events
   * @param keys accepted keys; empty accepts any
   * @param models ids for {@code GET .../models}; empty keeps the provider's default
   * @param faults the fault windows from start; no match means healthy
   */
  public record ProviderSpec(
      String name,
      OptionalInt port,
      Dialect dialect,
      String reply,
      Latency latencyModel,
      Duration tokenInterval,
      List<String> keys,
      List<String> models,
      FaultSchedule faults) {

    public ProviderSpec {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(port, "port");
      Objects.requireNonNull(dialect, "dialect");
      Objects.requireNonNull(reply, "reply");
      Objects.requireNonNull(latencyModel, "latencyModel");
      Objects.requireNonNull(tokenInterval, "tokenInterval");
      keys = List.copyOf(keys);
      models = List.copyOf(models);
      Objects.requireNonNull(faults, "faults");
    }

    /** The typical wait: the latency's median. */
    public Duration latency() {
      return latencyModel.median(0.0);
    }

    /** A builder configured like this spec, without port or Vert.x instance. */
    public SimulatedProvider.Builder builder() {
      SimulatedProvider.Builder b = SimulatedProvider.builder(name)
          .dialect(dialect)
          .reply(reply)
          .latency(latencyModel)
          .tokenInterval(tokenInterval)
          .validKeys(keys.toArray(new String[0]))
          .schedule(faults);
      if (!models.isEmpty()) {
        b.models(models.toArray(new String[0]));
      }
      return b;
    }
  }

  private final String name;
  private final String description;
  private final List<ProviderSpec> providers;

  SimScenario(String name, String description, List<ProviderSpec> providers) {
    this.name = Objects.requireNonNull(name, "name");
    this.description = Objects.requireNonNull(description, "description");
    this.providers = List.copyOf(providers);
  }

  /** The names {@link #builtIn} knows. */
  public static List<String> builtInNames() {
    return BUILT_IN;
  }

  /** A scenario shipped with the simulator; IllegalArgumentException listing the names if unknown. */
  public static SimScenario builtIn(String name) {
    Objects.requireNonNull(name, "name");
    if (!BUILT_IN.contains(name)) {
      throw new IllegalArgumentException(
          "unknown built-in scenario '" + name + "' (built-in: " + String.join(", ", BUILT_IN) + ")");
    }
    String resource = "scenarios/" + name + ".yaml";
    try (InputStream in = SimScenario.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in scenario resource missing from the jar: " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in " + name);
    } catch (IOException e) {
      throw new IllegalStateException("could not read built-in scenario " + name, e);
    }
  }

  /**
   * Reads a scenario file. Any problem, including an unreadable file, is an
   * IllegalArgumentException whose message names the file, the line and the problem.
   */
  public static SimScenario load(Path file) {
    return parse(ScenarioYaml.read(file), file.toString());
  }

  /** Parses scenario YAML; {@code source} names it in error messages. */
  public static SimScenario parse(String yaml, String source) {
    return new ScenarioParser(source).parse(yaml);
  }

  /** The scenario's name: its {@code name:} field, else where it came from. */
  public String name() {
    return name;
  }

  /** The {@code description:} field, or empty. */
  public String description() {
    return description;
  }

  public List<ProviderSpec> providers() {
    return providers;
  }

  @Override
  public String toString() {
    return "SimScenario[" + name + ", " + providers.size() + " providers]";
  }
}
