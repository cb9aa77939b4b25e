package dev.ninelives.config;

import dev.ninelives.core.config.UptimeConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code uptime:} section: the data directory (relative paths are taken from the
 * working directory the gateway starts in) and the availability objective. Stateless.
 */
final class UptimeReader {
  static final List<String> KEYS = List.of("data_dir", "slo");

  private UptimeReader() {}

  static UptimeConfig read(Optional<MappingView.Entry> section, ReadContext ctx) {
    UptimeConfig defaults = UptimeConfig.DEFAULTS;
    if (section.isEmpty()) {
      return defaults;
    }
    Optional<MappingView> m = ctx.mapping(section.get().value(), section.get().path());
    if (m.isEmpty()) {
      return defaults;
    }
    MappingView u = m.get();
    u.rejectUnknownKeys(KEYS, ctx);
    Optional<Path> dir = u.get("data_dir")
        .flatMap(e -> ctx.value(e.value(), e.path(), UptimeReader::directory));
    double slo = u.get("slo")
        .flatMap(e -> ctx.value(e.value(), e.path(), UptimeReader::objective))
        .orElse(defaults.slo());
    return new UptimeConfig(dir, slo);
  }

  private static Parsed<Path> directory(String text) {
    if (text.isBlank()) {
      return Parsed.fail("must not be blank (leave the key out to keep history in memory)");
    }
    try {
      return Parsed.ok(Path.of(text.trim()));
    } catch (InvalidPathException e) {
      return Parsed.fail("not a usable path: " + Values.quote(text));
    }
  }

  private static Parsed<Double> objective(String text) {
    Parsed<Double> rate = Values.rate(text, "a share such as 99.9%");
    if (rate.isOk() && !(rate.value() > 0 && rate.value() < 1)) {
      return Parsed.fail("must be more than 0% and less than 100%, got " + Values.quote(text));
    }
    return rate;
  }
}
