package dev.ninelives.uptime;

import dev.ninelives.core.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Reports from a data directory without a gateway: for {@code ninelives report --config}. Takes
 * no lock, so it works while a gateway is writing the same directory; the minute or two that
 * gateway has not written yet are then missing (they show as the last gap). Stateless and
 * thread-safe.
 */
public final class UptimeArchive {
  private UptimeArchive() {
  }

  /**
   * A report over {@code window} from the history under {@code dataDir}.
   *
   * @param slo the objective the error budget is measured against
   * @throws UncheckedIOException when the history cannot be read
   */
  public static UptimeReport report(Path dataDir, double slo, ReportWindow window, Clock clock) {
    try (FileStore store = FileStore.reader(dataDir)) {
      return ReportBuilder.read(store, window, slo, Instant.ofEpochMilli(clock.epochMillis()),
          List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the uptime history in " + dataDir + ": "
          + e, e);
    }
  }
}
