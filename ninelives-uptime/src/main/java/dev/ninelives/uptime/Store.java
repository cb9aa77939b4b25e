package dev.ninelives.uptime;

import java.io.Closeable;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;

/**
 * Where closed minutes are kept: lines partitioned by UTC day, each day either as minute lines
 * (appended as minutes close) or, once rolled up, as hour lines. Implementations need not be
 * thread-safe: the history calls them under its lock.
 */
interface Store extends Closeable {

  /** Whether the history survives a restart. */
  boolean persistent();

  /** Where the history is kept, for the report: a directory, or {@code memory}. */
  String location();

  /** Days holding any lines, oldest first. */
  SortedSet<LocalDate> days() throws IOException;

  /** Days still kept as minute lines, oldest first. */
  SortedSet<LocalDate> minuteDays() throws IOException;

  /**
   * One day's complete lines: its hour lines if it has been rolled up, else its minute lines
   * (a partial last line, which a writer may be writing right now, is left out).
   */
  Day read(LocalDate day) throws IOException;

  /** Appends minute lines to a day and makes them durable before returning. */
  void append(LocalDate day, List<String> lines) throws IOException;

  /** Replaces a day's minute lines with its hour lines, atomically for any reader. */
  void rollUp(LocalDate day, List<String> hourLines) throws IOException;

  /** Forgets a day (retention). */
  void delete(LocalDate day) throws IOException;

  /** Problems found and repaired when the store was opened, for the report's coverage. */
  List<String> notes();

  /**
   * A day's lines.
   *
   * @param hours whether these are hour lines
   * @param source a name for warnings (a file name, or the day)
   */
  record Day(LocalDate date, boolean hours, String source, List<String> lines) { }
}
