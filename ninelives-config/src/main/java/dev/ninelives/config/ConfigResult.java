package dev.ninelives.config;

import dev.ninelives.core.config.GatewayConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of loading a configuration: the config when it is usable, and every problem
 * found. Errors and warnings are each ordered by location.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigResult {
  private static final Comparator<ConfigProblem> BY_LOCATION =
      Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

  private final GatewayConfig config;
  private final List<ConfigProblem> errors;
  private final List<ConfigProblem> warnings;

  private ConfigResult(GatewayConfig config, List<ConfigProblem> errors,
      List<ConfigProblem> warnings) {
    this.config = config;
    this.errors = errors;
    this.warnings = warnings;
  }

  /**
   * Builds a result from problems in any order. The config is kept only when no problem is an
   * error, so a caller can never use a config that failed validation.
   */
  static ConfigResult of(GatewayConfig config, List<ConfigProblem> problems) {
    List<ConfigProblem> errors = new ArrayList<>();
    List<ConfigProblem> warnings = new ArrayList<>();
    for (ConfigProblem p : problems) {
      (p.isError() ? errors : warnings).add(p);
    }
    errors.sort(BY_LOCATION);
    warnings.sort(BY_LOCATION);
    return new ConfigResult(errors.isEmpty() ? config : null, List.copyOf(errors),
        List.copyOf(warnings));
  }

  /** The validated configuration; present if and only if there are no errors. */
  public Optional<GatewayConfig> config() {
    return Optional.ofNullable(config);
  }

  /** Problems that prevent loading, ordered by location. */
  public List<ConfigProblem> errors() {
    return errors;
  }

  /** Findings that do not prevent loading, ordered by location. */
  public List<ConfigProblem> warnings() {
    return warnings;
  }

  /** Errors and warnings together, ordered by location (as a {@code check} command prints). */
  public List<ConfigProblem> problems() {
    List<ConfigProblem> all = new ArrayList<>(errors);
    all.addAll(warnings);
    all.sort(BY_LOCATION);
    return List.copyOf(all);
  }

  /** Whether the configuration is usable, that is, has no errors. */
  public boolean ok() {
    return errors.isEmpty();
  }

  @Override
  public String toString() {
    return "ConfigResult[" + (ok() ? "ok" : errors.size() + " error(s)") + ", "
        + warnings.size() + " warning(s)]";
  }
}
