package dev.ninelives.cli;

import dev.ninelives.config.ConfigLoader;
import dev.ninelives.config.ConfigProblem;
import dev.ninelives.config.ConfigResult;
import dev.ninelives.core.config.GatewayConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/** Loads a config file for a command and prints every problem: the same for check and serve. */
final class ConfigFiles {
  /** The exit code of a command refused because of its configuration. */
  static final int BAD_CONFIG = 2;

  private ConfigFiles() {
  }

  /**
   * A loaded file: the configuration when it has no error, and how many problems were printed.
   */
  record Loaded(Optional<GatewayConfig> config, int errors, int warnings) { }

  /** Loads {@code file} and prints every problem it has. */
  static Loaded load(Path file, PrintStream err) {
    ConfigResult result = ConfigLoader.load(file, System.getenv());
    for (ConfigProblem p : result.problems()) {
      err.println(p);
    }
    int errors = result.errors().size();
    Optional<GatewayConfig> config = result.config();
    if (errors > 0) {
      err.println(file + ": " + errors + " error(s), " + result.warnings().size()
          + " warning(s)");
      config = Optional.empty();
    }
    return new Loaded(config, errors, result.warnings().size());
  }
}
