package dev.ninelives.cli;

import dev.ninelives.drill.BadConfigException;
import dev.ninelives.drill.Check;
import dev.ninelives.drill.Drill;
import dev.ninelives.drill.DrillOptions;
import dev.ninelives.drill.DrillResult;
import dev.ninelives.drill.DrillScenario;
import dev.ninelives.drill.Reports;
import dev.ninelives.drill.TerminalProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What {@code drill} and {@code demo} share: starting a drill with clear errors, and printing its end. */
final class DrillRunner {
  /** Exit code of a drill whose checks failed, or that could not run. */
  static final int FAILED = 1;
  /** Exit code of a bad scenario, configuration or option. */
  static final int BAD_INPUT = 2;

  private DrillRunner() {
  }

  /**
   * The health and access logs would say everything the live view says, line by line; a drill
   * keeps only warnings from the gateway.
   */
  static void quietGatewayLogs() {
    System.setProperty("org.slf4j.simpleLogger.log.ninelives.health", "off");
    System.setProperty("org.slf4j.simpleLogger.log.ninelives.access", "off");
  }

  /** A started drill, or null after printing why it could not start (with {@code exit} set). */
  static Drill prepare(DrillScenario scenario, DrillOptions options, PrintStream err, int[] exit) {
    try {
      return Drill.prepare(scenario, options);
    } catch (BadConfigException e) {
      err.println(TerminalProgress.plain(e.getMessage()));
      exit[0] = BAD_INPUT;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      exit[0] = BAD_INPUT;
    } catch (IllegalStateException e) {
      err.println("could not start the drill: " + e.getMessage());
      exit[0] = FAILED;
    }
    return null;
  }

  static DrillResult run(Drill drill, PrintStream out) throws InterruptedException {
    return drill.run(TerminalProgress.forConsole(out));
  }

  /** Where reports go when no {@code --out} is given: a new directory under the system's temp dir. */
  static Path defaultOut(String scenario) throws IOException {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
    String safe = scenario.replaceAll("[^A-Za-z0-9_-]", "_");
    return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "ninelives-drill-" + safe + "-"
        + stamp));
  }

  /** Writes the reports and prints the verdict; returns the HTML report's path. */
  static Path finish(DrillResult result, Path dir, PrintStream out) throws IOException {
    Path html = Reports.write(result, dir);
    out.println();
    out.printf(Locale.ROOT, "%s: %s. Through the gateway %.1f%% of %d requests got a right answer",
        result.scenario().name(), result.passed() ? "PASSED" : "FAILED", result.gatewayTotal().successRate() * 100,
        result.gatewayTotal().requests());
    if (result.directTotal() != null) {
      out.printf(Locale.ROOT, "; straight to %s, %.1f%%", result.primary(), result.directTotal().successRate() * 100);
    }
    out.println(".");
    for (Check c : result.checks()) {
      out.println(TerminalProgress.plain(String.format(Locale.ROOT, "  %s %-30s expected %s, measured %s",
          c.passed() ? "pass" : "FAIL", c.name(), c.expected(), c.actual())));
    }
    out.println("report: " + html.toAbsolutePath());
    out.println("        " + dir.resolve(Reports.MARKDOWN).toAbsolutePath() + ", "
        + dir.resolve(Reports.JSON).toAbsolutePath());
    return html;
  }
}
