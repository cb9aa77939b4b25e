package dev.ninelives.cli;

import dev.ninelives.drill.BuiltInScenarios;
import dev.ninelives.drill.Drill;
import dev.ninelives.drill.DrillOptions;
import dev.ninelives.drill.DrillResult;
import dev.ninelives.drill.DrillScenario;
import dev.ninelives.drill.TerminalProgress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ninelives drill NAME|FILE}: replays an outage scenario against simulated providers, with
 * a gateway in front (one it starts, or a running one), and writes what the clients experienced
 * as Markdown, JSON and HTML reports.
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
    description = "Replay an outage scenario against simulated providers behind a gateway, compare with a "
        + "client wired straight to the primary, and write a reliability report. Exit 0 when the scenario's "
        + "expectations hold, 1 when one does not, 2 for a bad scenario, configuration or option.")
final class DrillCommand implements Callable<Integer> {

  @Parameters(arity = "0..1", paramLabel = "NAME|FILE",
      description = "a built-in scenario (see --list) or a scenario YAML file")
  String scenario;

  @Option(names = "--list", description = "list the built-in scenarios and exit")
  boolean list;

  @Option(names = "--out", paramLabel = "DIR",
      description = "where to write report.md, report.json and report.html (default: a new directory under the "
          + "system's temp directory)")
  Path out;

  @Option(names = "--length", paramLabel = "TIME", converter = DurationConverter.class,
      description = "how long the replay takes on the wall clock (default: the scenario's compress_to)")
  Duration length;

  @Option(names = "--compress", paramLabel = "N",
      description = "replay N times faster than scenario time instead (1 = real time)")
  Double compress;

  @Option(names = "--rate", paramLabel = "N", description = "requests per second instead of the scenario's")
  Double rate;

  @Option(names = "--config", paramLabel = "FILE",
      description = "drill this gateway configuration: every provider is replaced by a simulated one of the "
          + "same format on 127.0.0.1, and the scenario's providers map onto the route's in order")
  Path config;

  @Option(names = "--route", paramLabel = "MODEL",
      description = "with --config: the model alias to send traffic to (default: the scenario's, else the "
          + "first alias)")
  String route;

  @Option(names = "--gateway", paramLabel = "URL",
      description = "drill a gateway already running at URL instead of starting one; it must route the "
          + "scenario's model to the simulated providers (see --sim-port)")
  String gateway;

  @Option(names = "--sim-port", paramLabel = "N", defaultValue = "9101",
      description = "with --gateway: the first port of the simulated providers, in scenario order "
          + "(default ${DEFAULT-VALUE})")
  int simPort;

  @Option(names = "--no-direct", description = "skip the comparison run without the gateway")
  boolean noDirect;

  @Override
  public Integer call() throws Exception {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    if (list) {
      for (String name : BuiltInScenarios.names()) {
        DrillScenario s = BuiltInScenarios.get(name);
        stdout.println(name);
        stdout.println("    " + TerminalProgress.plain(s.description()));
      }
      return 0;
    }
    if (scenario == null) {
      stderr.println("name a scenario: one of " + String.join(", ", BuiltInScenarios.names())
          + ", or a scenario file (drill --list describes the built-in ones)");
      return DrillRunner.BAD_INPUT;
    }
    if (rate != null && !(rate > 0 && rate <= 500)) {
      stderr.println("--rate must be more than 0 and at most 500");
      return DrillRunner.BAD_INPUT;
    }
    if (compress != null && !(compress >= 1)) {
      stderr.println("--compress must be 1 (real time) or more");
      return DrillRunner.BAD_INPUT;
    }
    if (length != null && (length.isZero() || length.isNegative())) {
      stderr.println("--length must be longer than zero");
      return DrillRunner.BAD_INPUT;
    }
    DrillScenario s;
    try {
      s = BuiltInScenarios.resolve(scenario);
    } catch (IllegalArgumentException e) {
      stderr.println(e.getMessage());
      return DrillRunner.BAD_INPUT;
    }
    DrillRunner.quietGatewayLogs();
    DrillOptions options = DrillOptions.defaults()
        .withLength(length).withCompression(compress).withRate(rate)
        .withConfig(config, route).withGateway(gateway).withSimulatorPort(simPort).withDirect(!noDirect);
    int[] exit = {0};
    Drill drill = DrillRunner.prepare(s, options, stderr, exit);
    if (drill == null) {
      return exit[0];
    }
    try (drill) {
      drill.notes().forEach(n -> stdout.println(TerminalProgress.plain("note: " + n)));
      if (gateway != null) {
        stdout.println("simulated providers (point the gateway's providers at these URLs):");
        for (Map.Entry<String, String> e : drill.providerUrls().entrySet()) {
          stdout.println("  " + e.getKey() + "  " + e.getValue());
        }
      }
      DrillResult result = DrillRunner.run(drill, stdout);
      DrillRunner.finish(result, out != null ? out : DrillRunner.defaultOut(s.name()), stdout);
      return result.passed() ? 0 : DrillRunner.FAILED;
    }
  }
}
