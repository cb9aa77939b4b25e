package dev.ninelives.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Reads a response body on a daemon thread as it arrives, so a test can wait, with a bound, until
 * the text so far satisfies a condition, or watch that nothing more arrives. Thread-safe: the
 * reader thread and the test share the text under this object's monitor.
 */
final class StreamWatcher implements AutoCloseable {
  private final InputStream in;
  private final StringBuilder text = new StringBuilder();
  private boolean ended;

  StreamWatcher(InputStream in) {
    this.in = in;
    Thread t = new Thread(this::pump, "stream-watcher");
    t.setDaemon(true);
    t.start();
  }

  private void pump() {
    byte[] buf = new byte[4096];
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        String chunk = new String(buf, 0, n, StandardCharsets.UTF_8);
        synchronized (this) {
          text.append(chunk);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // A broken or closed stream ends the watch like a clean end does.
    }
    synchronized (this) {
      ended = true;
      notifyAll();
    }
  }

  /** Waits until the text satisfies {@code condition}; false if the timeout passes first. */
  synchronized boolean await(Predicate<String> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(text.toString())) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  synchronized String text() {
    return text.toString();
  }

  synchronized boolean ended() {
    return ended;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
