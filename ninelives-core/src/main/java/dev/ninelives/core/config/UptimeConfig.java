package dev.ninelives.core.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code uptime:} section: where availability history is kept for the uptime report, and
 * the objective its error budget is measured against. Immutable and thread-safe.
 *
 * @param dataDir the directory the history is stored under, so it survives a restart; empty to
 *     keep it in memory only
 * @param slo the availability objective, a share in (0, 1) such as 0.999
 */
public record UptimeConfig(Optional<Path> dataDir, double slo) {

  public static final double DEFAULT_SLO = 0.999;

  /** In memory only, against a 99.9% objective. */
  public static final UptimeConfig DEFAULTS = new UptimeConfig(Optional.empty(), DEFAULT_SLO);

  public UptimeConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    if (!(slo > 0 && slo < 1)) {
      throw new IllegalArgumentException("slo must be more than 0% and less than 100%, but was "
          + slo);
    }
  }
}
