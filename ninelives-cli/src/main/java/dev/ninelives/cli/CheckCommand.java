package dev.ninelives.cli;

import dev.ninelives.core.config.GatewayConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ninelives check --config FILE}: validates and lints a configuration. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validate and lint a configuration file. Exit 0 when it is usable (warnings "
        + "allowed), 2 when it has errors.")
final class CheckCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "the YAML configuration")
  Path config;

  @Override
  public Integer call() {
    ConfigFiles.Loaded loaded = ConfigFiles.load(config, System.err);
    if (loaded.config().isEmpty()) {
      return ConfigFiles.BAD_CONFIG;
    }
    GatewayConfig c = loaded.config().get();
    System.out.println(config + ": OK — " + c.providers().size() + " provider(s), "
        + c.models().size() + " model alias(es), " + loaded.warnings() + " warning(s)");
    return 0;
  }
}
