package dev.ninelives.uptime;

import dev.ninelives.core.config.UptimeConfig;
import dev.ninelives.core.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's uptime history: a {@link UptimeRecorder} on the request path, a store for
 * finished minutes, and reports over both.
 *
 * <p>{@link #flush()} is meant to run every few seconds off the request threads: it writes each
 * finished minute's counts (only what is new since the last write), marks the current minute as
 * one the gateway was running in, and once a day rolls old minutes up into hours and deletes
 * what is past retention ({@link Retention#DEFAULT}: minutes for 7 days, hours for 400).
 * {@link #report} reads the store and adds what is still in memory, so a report is complete to
 * the current minute. {@link #close()} writes everything, the current minute included, and
 * releases the store.
 *
 * <p>Thread-safe: the recorder is lock-free; flushing, reporting and closing take one lock
 * among themselves.
 */
public final class UptimeHistory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UptimeHistory.class);
  /** A bucket is let go this many minutes after its minute ended, once stored. */
  static final int RETIRE_AFTER_MINUTES = 2;

  private final Store store;
  private final double slo;
  private final Clock clock;
  private final Retention retention;
  private final UptimeRecorder recorder;
  private final Object lock = new Object();
  private LocalDate maintainedFor;
  private boolean closed;

  UptimeHistory(Store store, double slo, Clock clock, Retention retention) {
    this.store = Objects.requireNonNull(store, "store");
    this.slo = slo;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.recorder = new UptimeRecorder(clock);
    synchronized (lock) {
      long now = recorder.minute();
      recorder.tick(now);
      maintain(day(now));
    }
  }

  /**
   * Opens the history the configuration asks for: on disk under {@code uptime.data_dir}, or in
   * memory when it is not set.
   *
   * @throws UptimeStoreLockedException when another gateway writes to the same directory
   * @throws UncheckedIOException when the directory cannot be created, locked or read
   */
  public static UptimeHistory open(UptimeConfig config, Clock clock) {
    Store store;
    if (config.dataDir().isPresent()) {
      try {
        store = FileStore.writer(config.dataDir().get());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot keep the uptime history in "
            + config.dataDir().get() + ": " + e, e);
      }
    } else {
      store = new MemoryStore();
    }
    return new UptimeHistory(store, config.slo(), clock, Retention.DEFAULT);
  }

  /** The listener to add to the gateway's health events. */
  public UptimeRecorder recorder() {
    return recorder;
  }

  /** Whether the history survives a restart. */
  public boolean persistent() {
    return store.persistent();
  }

  /**
   * Writes finished minutes, marks the current minute as running, and does the day's roll-up
   * and retention once a day. What could not be written is kept and tried again next time.
   *
   * @throws UncheckedIOException when the store cannot be written
   */
  public void flush() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      long now = recorder.minute();
      recorder.tick(now);
      write(now, false);
      LocalDate today = day(now);
      if (!today.equals(maintainedFor)) {
        maintain(today);
      }
    }
  }

  /**
   * A report over {@code window}, from the store and what is still in memory.
   *
   * @throws UncheckedIOException when the store cannot be read
   */
  public UptimeReport report(ReportWindow window) {
    synchronized (lock) {
      long now = recorder.minute();
      List<MinuteLine> live = new ArrayList<>();
      if (!closed) {
        recorder.tick(now); // the gateway is running in this minute
        for (Pending p : pending(now, true)) {
          live.add(p.line);
        }
      }
      try {
        return ReportBuilder.read(store, window, slo, Instant.ofEpochMilli(clock.epochMillis()),
            live);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read the uptime history in "
            + store.location() + ": " + e, e);
      }
    }
  }

  /** Writes everything, the current minute included, and releases the store. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        long now = recorder.minute();
        recorder.tick(now);
        write(now, true);
      } finally {
        try {
          store.close();
        } catch (IOException e) {
          LOG.warn("closing the uptime history in {}: {}", store.location(), e.toString());
        }
      }
    }
  }

  private static LocalDate day(long minute) {
    return LocalDate.ofEpochDay(Math.floorDiv(minute, 1440L));
  }

  /**
   * The news of every bucket of a finished minute, or of every bucket when {@code all}. Only
   * reads: a report calls it too.
   */
  private List<Pending> pending(long now, boolean all) {
    List<Pending> out = new ArrayList<>();
    for (Series s : recorder.series()) {
      for (Bucket b : s.buckets()) {
        if (!all && b.minute >= now) {
          continue; // still filling
        }
        Pending p = Pending.of(s, b);
        if (p != null) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** Lets go of old buckets that have nothing left to store. */
  private void retireStored(long now, boolean all) {
    for (Series s : recorder.series()) {
      for (Bucket b : s.buckets()) {
        if ((all || b.minute <= now - RETIRE_AFTER_MINUTES) && Pending.of(s, b) == null) {
          s.retire(b);
        }
      }
    }
  }

  private void write(long now, boolean all) {
    Map<LocalDate, List<Pending>> byDay = new TreeMap<>();
    for (Pending p : pending(now, all)) {
      byDay.computeIfAbsent(day(p.bucket.minute), d -> new ArrayList<>()).add(p);
    }
    LocalDate oldest = retention.rollUpBefore(day(now));
    IOException failure = null;
    for (Map.Entry<LocalDate, List<Pending>> e : byDay.entrySet()) {
      List<Pending> group = e.getValue();
      if (e.getKey().isBefore(oldest)) {
        // Only a clock moved back by days, or a flush stalled that long, gets here: the day is
        // kept per hour (or about to be), and its hours are written once, whole.
        LOG.warn("uptime history: dropping {} minute line(s) of {}, a day kept per hour "
            + "(did the clock move back?)", group.size(), e.getKey());
      } else {
        List<String> lines = new ArrayList<>(group.size());
        for (Pending p : group) {
          lines.add(Lines.encode(p.line));
        }
        try {
          store.append(e.getKey(), lines);
        } catch (IOException ex) {
          failure = ex; // kept in memory: the next flush tries again
          continue;
        }
      }
      for (Pending p : group) {
        p.commit();
      }
    }
    retireStored(now, all);
    if (failure != null) {
      throw new UncheckedIOException("could not write the uptime history to "
          + store.location() + ": " + failure, failure);
    }
  }

  /** Rolls days past the minute horizon up into hours and deletes days past retention. */
  private void maintain(LocalDate today) {
    maintainedFor = today;
    LocalDate rollBefore = retention.rollUpBefore(today);
    LocalDate deleteBefore = retention.deleteBefore(today);
    try {
      for (LocalDate day : store.days()) {
        if (day.isBefore(deleteBefore)) {
          store.delete(day);
        }
      }
      for (LocalDate day : store.minuteDays()) {
        if (day.isBefore(rollBefore)) {
          store.rollUp(day, hourLines(store.read(day)));
        }
      }
    } catch (IOException e) {
      // The history stays correct, only larger; tomorrow (or the next start) tries again.
      LOG.warn("uptime history: could not roll up or delete old days in {}: {}",
          store.location(), e.toString());
    }
  }

  private static List<String> hourLines(Store.Day day) {
    List<MinuteLine> minutes = new ArrayList<>();
    int lineNo = 0;
    for (String line : day.lines()) {
      lineNo++;
      try {
        if (Lines.decode(line) instanceof MinuteLine m) {
          minutes.add(m);
        }
      } catch (IllegalArgumentException e) {
        LOG.warn("uptime history: rolling up {}, skipped line {}: {}", day.source(), lineNo,
            e.getMessage());
      }
    }
    List<String> out = new ArrayList<>();
    for (HourLine h : RollUp.hours(minutes)) {
      out.add(Lines.encode(h));
    }
    return out;
  }
}
