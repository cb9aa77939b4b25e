package dev.ninelives.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ninelives}: the command line entry point. Logic lives in the libraries. */
@Command(
    name = "ninelives",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "A reliability gateway for large-model APIs.",
    subcommands = {ServeCommand.class, CheckCommand.class, SimCommand.class, DrillCommand.class,
        DemoCommand.class, ReportCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
