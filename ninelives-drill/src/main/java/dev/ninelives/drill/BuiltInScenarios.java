package dev.ninelives.drill;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The scenarios shipped with NineLives, each reproducing an outage pattern seen at a real
 * provider. They are YAML resources in the same format as a user's file. Stateless.
 */
public final class BuiltInScenarios {
  /** In the order {@code drill --list} shows them. */
  private static final List<String> NAMES = List.of(
      "total-outage",
      "database-migration",
      "load-balancer-misconfiguration",
      "gpu-power-failure",
      "cache-invalidation",
      "rate-limit-exhaustion",
      "flapping-provider");

  private BuiltInScenarios() {}

  public static List<String> names() {
    return NAMES;
  }

  /** The scenario of that name; IllegalArgumentException listing the names if there is none. */
  public static DrillScenario get(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("no built-in scenario '" + name + "' (built-in: " + String.join(", ", NAMES)
          + "; or give a scenario file)");
    }
    return DrillScenario.parse(text(name), "built-in " + name);
  }

  /** The YAML of a built-in scenario, as shipped. */
  public static String text(String name) {
    String resource = "scenarios/" + name + ".yaml";
    try (InputStream in = BuiltInScenarios.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in scenario resource missing from the jar: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read built-in scenario " + name, e);
    }
  }

  /**
   * A built-in name or a file path: a name wins unless a file of that name exists and is not a
   * built-in name.
   */
  public static DrillScenario resolve(String nameOrFile) {
    if (NAMES.contains(nameOrFile)) {
      return get(nameOrFile);
    }
    Path file = Path.of(nameOrFile);
    if (Files.exists(file)) {
      return DrillScenario.load(file);
    }
    return get(nameOrFile);
  }
}
