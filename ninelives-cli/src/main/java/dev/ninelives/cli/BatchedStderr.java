package dev.ninelives.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Standard error written in blocks: the logger flushes after every line, which under load is a
 * write system call per request (the access log) made on an event loop. Here those flushes only
 * mark the stream dirty; a daemon thread writes what has gathered every 100 ms, and the buffer
 * writes itself out when full. So a line reaches the terminal or file at most 100 ms late, and
 * the shutdown path flushes what is left.
 *
 * <p>Thread-safe: PrintStream serialises writers, and flushing takes the same lock.
 */
final class BatchedStderr extends PrintStream {
  static final long INTERVAL_MILLIS = 100;
  private static volatile BatchedStderr installed;

  private BatchedStderr() {
    super(new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 64 * 1024), false,
        StandardCharsets.UTF_8);
  }

  /** Replaces {@code System.err} for the life of a server command; idempotent. */
  static synchronized void install() {
    if (installed != null) {
      return;
    }
    BatchedStderr err = new BatchedStderr();
    installed = err;
    System.setErr(err);
    ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ninelives-stderr-flush");
      t.setDaemon(true);
      return t;
    });
    flusher.scheduleWithFixedDelay(err::flushNow, INTERVAL_MILLIS, INTERVAL_MILLIS,
        TimeUnit.MILLISECONDS);
    Runtime.getRuntime().addShutdownHook(new Thread(err::flushNow, "ninelives-stderr-final"));
  }

  /** Writes out whatever is buffered, if {@link #install()} ran. */
  static void flushInstalled() {
    BatchedStderr err = installed;
    if (err != null) {
      err.flushNow();
    }
  }

  /** Deferred: the flusher thread writes the buffer out. */
  @Override
  public void flush() {
  }

  void flushNow() {
    super.flush();
  }
}
