package dev.ninelives.drill;

import dev.ninelives.simulator.ScenarioYaml;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An outage drill: simulated providers, a timeline of phases in scenario time with each
 * provider's faults, the load to send, the gateway's policy and what to assert. Read one with
 * {@link #load}, {@link #parse} or {@link BuiltInScenarios#get}; the format is described in
 * {@code docs/drills.md}. Immutable and thread-safe.
 */
public final class DrillScenario {
  private final String name;
  private final String description;
  private final Duration compressTo;
  private final List<DrillProvider> providers;
  private final GatewayPolicy gateway;
  private final Load load;
  private final List<Phase> phases;
  private final Expectations expect;

  DrillScenario(
      String name,
      String description,
      Duration compressTo,
      List<DrillProvider> providers,
      GatewayPolicy gateway,
      Load load,
      List<Phase> phases,
      Expectations expect) {
    this.name = Objects.requireNonNull(name, "name");
    this.description = Objects.requireNonNull(description, "description");
    this.compressTo = Objects.requireNonNull(compressTo, "compressTo");
    this.providers = List.copyOf(providers);
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.load = Objects.requireNonNull(load, "load");
    this.phases = List.copyOf(phases);
    this.expect = Objects.requireNonNull(expect, "expect");
  }

  /**
   * Reads a scenario file. Any problem, an unreadable file included, is an
   * IllegalArgumentException whose message names the file, the line and the problem.
   */
  public static DrillScenario load(Path file) {
    return parse(ScenarioYaml.read(file), file.toString());
  }

  /** Parses scenario YAML; {@code source} names it in messages and is its name if it has none. */
  public static DrillScenario parse(String yaml, String source) {
    return new DrillScenarioParser(source).parse(yaml);
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** The wall-clock length a replay is compressed to unless the caller asks otherwise. */
  public Duration compressTo() {
    return compressTo;
  }

  /** The providers in route order: the first is the primary. */
  public List<DrillProvider> providers() {
    return providers;
  }

  public Optional<DrillProvider> provider(String providerName) {
    return providers.stream().filter(p -> p.name().equals(providerName)).findFirst();
  }

  /** The provider a client without the gateway is wired to: the first one. */
  public DrillProvider primary() {
    return providers.get(0);
  }

  public GatewayPolicy gateway() {
    return gateway;
  }

  public Load load() {
    return load;
  }

  public List<Phase> phases() {
    return phases;
  }

  public Expectations expect() {
    return expect;
  }

  /** The scenario's length in scenario time: its phases added up. */
  public Duration length() {
    return phases.stream().map(Phase::length).reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public String toString() {
    return "DrillScenario[" + name + ", " + phases.size() + " phases, " + providers.size() + " providers]";
  }
}
