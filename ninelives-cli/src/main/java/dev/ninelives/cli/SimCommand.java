package dev.ninelives.cli;

import dev.ninelives.simulator.SimScenario;
import dev.ninelives.simulator.SimulatedProvider;
import dev.ninelives.simulator.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ninelives sim}: fault-injecting simulated providers on 127.0.0.1. */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Run simulated providers (OpenAI format, with injected faults) on 127.0.0.1 "
        + "until interrupted.")
final class SimCommand implements Callable<Integer> {

  @Option(names = "--port", paramLabel = "N", defaultValue = "9101",
      description = "first port; providers without a port of their own get N, N+1, ... "
          + "(default ${DEFAULT-VALUE}; 0 picks free ports)")
  int port;

  @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "healthy",
      description = "a built-in scenario (${COMPLETION-CANDIDATES}) or a scenario YAML file "
          + "(default ${DEFAULT-VALUE})",
      completionCandidates = BuiltInScenarios.class)
  String scenario;

  @Override
  public Integer call() throws InterruptedException {
    SimScenario s;
    try {
      s = SimScenario.builtInNames().contains(scenario) || !Files.exists(Path.of(scenario))
          ? SimScenario.builtIn(scenario) : SimScenario.load(Path.of(scenario));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    Simulation sim;
    try {
      sim = Simulation.start(s, port);
    } catch (RuntimeException e) {
      System.err.println("could not start: " + e.getMessage());
      return 1;
    }
    System.out.println("scenario " + s.name() + ": " + s.description());
    for (SimulatedProvider p : sim.providers()) {
      System.out.printf("  %-10s %-10s %s%n", p.name(), p.dialect().name().toLowerCase(),
          p.baseUrl());
    }
    return Running.untilStopped("simulating " + sim.providers().size() + " provider(s)",
        sim::close);
  }

  /** Built-in scenario names for help and completion. */
  static final class BuiltInScenarios implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return SimScenario.builtInNames().iterator();
    }
  }
}
