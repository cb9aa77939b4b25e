package dev.ninelives.uptime;

import java.nio.file.Path;

/**
 * The uptime history under a data directory is already being written by another gateway. Two
 * writers would double-count and interleave lines, so the second one refuses to start. Reading
 * ({@link UptimeArchive}) needs no lock and is always allowed.
 */
public final class UptimeStoreLockedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  UptimeStoreLockedException(Path dir, String holder) {
    super("the uptime history in " + dir + " is in use by another gateway"
        + (holder.isEmpty() ? "" : " (process " + holder + ")")
        + "; give each gateway its own uptime.data_dir");
  }
}
