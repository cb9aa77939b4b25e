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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ninelives demo}: the embedded default. Runs the built-in total-outage drill, compressed
 * to about a minute, against three simulated providers behind a gateway on 127.0.0.1, with a live
 * view; then prints the report's path and the status page's URL and leaves the gateway running
 * for {@code curl}. Needs no keys and no network.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Replay a multi-hour total outage of a provider in about a minute, live, through a gateway "
        + "with simulated providers; write the report, then keep the gateway running for you to try "
        + "(Ctrl-C to stop).")
final class DemoCommand implements Callable<Integer> {
  static final String SCENARIO = "total-outage";

  @Option(names = "--port", paramLabel = "N", defaultValue = "4000",
      description = "gateway port (default ${DEFAULT-VALUE}; a free port if it is taken)")
  int port;

  @Option(names = "--duration", paramLabel = "TIME", defaultValue = "60s",
      converter = DurationConverter.class,
      description = "how long the replayed outage takes (default ${DEFAULT-VALUE})")
  Duration duration;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "8",
      description = "client requests per second (default ${DEFAULT-VALUE})")
  int rate;

  @Option(names = "--out", paramLabel = "DIR",
      description = "where to write the report (default: a new directory under the system's temp directory)")
  Path out;

  @Option(names = "--no-wait", description = "exit after the replay instead of keeping the gateway running")
  boolean noWait;

  @Override
  public Integer call() throws Exception {
    PrintStream stdout = System.out;
    if (rate < 1 || rate > 200) {
      System.err.println("--rate must be 1..200");
      return DrillRunner.BAD_INPUT;
    }
    if (duration.compareTo(Duration.ofSeconds(5)) < 0) {
      System.err.println("--duration must be at least 5s: the gateway's reactions take real seconds");
      return DrillRunner.BAD_INPUT;
    }
    DrillRunner.quietGatewayLogs();
    DrillScenario scenario = BuiltInScenarios.get(SCENARIO);
    int[] exit = {0};
    Drill drill = DrillRunner.prepare(scenario, DrillOptions.defaults().withLength(duration)
        .withRate((double) rate).withGatewayPort(port), System.err, exit);
    if (drill == null) {
      return exit[0];
    }
    String url = drill.gatewayUrl();
    stdout.println("NineLives demo: gateway " + url + " in front of three simulated providers on 127.0.0.1");
    stdout.println("  route 'chat' = primary (OpenAI format) -> secondary (Anthropic format) -> local (Ollama)");
    stdout.println("  " + TerminalProgress.plain(scenario.description()));
    stdout.println();
    DrillResult result;
    try {
      result = DrillRunner.run(drill, stdout);
      DrillRunner.finish(result, out != null ? out : DrillRunner.defaultOut(SCENARIO), stdout);
    } catch (Exception e) {
      drill.close();
      throw e;
    }
    stdout.println("status page: " + url + "/status");
    if (noWait) {
      drill.close();
      return result.passed() ? 0 : DrillRunner.FAILED;
    }
    stdout.println();
    stdout.println("The gateway keeps running, in front of the providers as the outage left them. Try it:");
    stdout.println("  curl -s " + url + "/v1/chat/completions -H 'content-type: application/json' \\");
    stdout.println("    -d '{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'");
    stdout.println("  curl -sN " + url + "/v1/chat/completions -H 'content-type: application/json' \\");
    stdout.println("    -d '{\"model\":\"chat\",\"stream\":true,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"hi\"}]}'");
    return Running.untilStopped("Ctrl-C to stop.", drill::close);
  }
}
