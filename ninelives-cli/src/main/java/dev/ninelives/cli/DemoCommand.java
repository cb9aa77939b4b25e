package dev.ninelives.cli;

import dev.ninelives.config.ConfigLoader;
import dev.ninelives.config.ConfigResult;
import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.server.Gateway;
import dev.ninelives.simulator.SimScenario;
import dev.ninelives.simulator.Simulation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ninelives demo}: the embedded default. Starts three simulated providers and a gateway
 * in front of them on 127.0.0.1, replays an outage of the primary compressed into a minute while
 * a client keeps sending requests, prints what the client saw second by second, and leaves the
 * gateway running for {@code curl}. Needs no keys and no network.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run a gateway with simulated providers, replay an outage of the primary "
        + "live, then keep the gateway running for you to try (Ctrl-C to stop).")
final class DemoCommand implements Callable<Integer> {

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

  @Option(names = "--no-wait", description = "exit after the replay instead of keeping the "
      + "gateway running")
  boolean noWait;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    // The demo prints the gateway's health events and what its client saw inline; the health
    // and access logs would say everything twice.
    System.setProperty("org.slf4j.simpleLogger.log.ninelives.health", "off");
    System.setProperty("org.slf4j.simpleLogger.log.ninelives.access", "off");
    if (rate < 1 || rate > 200) {
      System.err.println("--rate must be 1..200");
      return 2;
    }
    Simulation sim = Simulation.start(SimScenario.builtIn("healthy"), 0);
    DemoTimeline timeline = new DemoTimeline(sim, duration);
    Gateway gateway;
    try {
      gateway = startGateway(sim, timeline);
    } catch (RuntimeException e) {
      sim.close();
      System.err.println("could not start the gateway: " + e.getMessage());
      return 1;
    }
    String url = "http://127.0.0.1:" + gateway.port();
    out.println("NineLives demo: gateway " + url + " in front of three simulated providers");
    out.println("  route 'chat' = primary/gpt-4.1 -> secondary/claude-sonnet-4-5 -> "
        + "local/llama-3.1-8b-instruct");
    out.println("  replaying an outage of 'primary' over " + duration.toSeconds() + " s, "
        + rate + " requests/s (half streaming)");
    out.println();
    DemoReport report = new DemoLoad(url, rate, out).run(timeline);
    report.print(out);
    Runnable stopAll = () -> {
      gateway.close();
      sim.close();
    };
    if (noWait) {
      stopAll.run();
      return report.allAnswered() ? 0 : 1;
    }
    out.println();
    out.println("The gateway keeps running. Try it:");
    out.println("  curl -s " + url + "/v1/chat/completions -H 'content-type: application/json' \\");
    out.println("    -d '{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'");
    out.println("  curl -sN " + url + "/v1/chat/completions -H 'content-type: application/json' \\");
    out.println("    -d '{\"model\":\"chat\",\"stream\":true,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"hi\"}]}'");
    return Running.untilStopped("Ctrl-C to stop.", stopAll);
  }

  private Gateway startGateway(Simulation sim, DemoTimeline timeline) throws IOException {
    String yaml;
    try (InputStream in = DemoCommand.class.getResourceAsStream("demo.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ConfigResult result = ConfigLoader.parse(yaml, "demo.yaml", Map.of(
        "DEMO_LISTEN", "127.0.0.1:" + port,
        "PRIMARY_URL", sim.provider("primary").baseUrl(),
        "SECONDARY_URL", sim.provider("secondary").baseUrl(),
        "LOCAL_URL", sim.provider("local").baseUrl()));
    GatewayConfig config = result.config().orElseThrow(() -> new IllegalStateException(
        "the built-in demo configuration is invalid: " + result.errors()));
    Gateway.Options options = new Gateway.Options().listener(timeline);
    try {
      return Gateway.start(config, options).await();
    } catch (RuntimeException portTaken) {
      GatewayConfig anyPort = new GatewayConfig(config.host(), 0, config.providers(),
          config.models(), config.resilience(), config.maxRequestBytes());
      return Gateway.start(anyPort, options).await();
    }
  }
}
