package dev.ninelives.cli;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.server.Gateway;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ninelives serve --config FILE}: runs the gateway until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the gateway. Prints 'listening on http://HOST:PORT' when ready; refuses "
        + "a bad configuration with exit code 2.")
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "the YAML configuration")
  Path config;

  @Option(names = "--host", paramLabel = "HOST", description = "overrides 'listen' in the file")
  String host;

  @Option(names = "--port", paramLabel = "N", description = "overrides 'listen' in the file")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    ConfigFiles.Loaded loaded = ConfigFiles.load(config, System.err);
    if (loaded.config().isEmpty()) {
      System.err.println("not starting: " + config + " has " + loaded.errors() + " error(s)");
      return ConfigFiles.BAD_CONFIG;
    }
    GatewayConfig c = loaded.config().get();
    c = new GatewayConfig(host != null ? host : c.host(), port != null ? port : c.port(),
        c.providers(), c.models(), c.resilience(), c.maxRequestBytes(), c.tracing(), c.uptime());
    // From here the process is a server: its logs, the access log among them, go to standard
    // error in blocks (configuration problems above were printed line by line).
    BatchedStderr.install();
    Gateway gateway;
    try {
      gateway = Gateway.start(c).await();
    } catch (RuntimeException e) {
      System.err.println("could not start: " + e.getMessage());
      return 1;
    }
    return Running.untilStopped("listening on http://" + c.host() + ":" + gateway.port(),
        gateway::close);
  }
}
