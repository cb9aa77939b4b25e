package dev.ninelives.cli;

import dev.ninelives.config.ConfigLoader;
import dev.ninelives.config.ConfigProblem;
import dev.ninelives.config.ConfigResult;
import java.io.PrintStream;
import java.nio.file.Path;

/** Loads a config file for a command and prints every problem, errors first. */
final class ConfigFiles {
  /** The exit code of a command refused because of its configuration. */
  static final int BAD_CONFIG = 2;

  private ConfigFiles() {
  }

  static ConfigResult load(Path file, PrintStream err) {
    ConfigResult result = ConfigLoader.load(file, System.getenv());
    for (ConfigProblem p : result.errors()) {
      err.println(p);
    }
    for (ConfigProblem p : result.warnings()) {
      err.println(p);
    }
    return result;
  }
}
