package dev.ninelives.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads an event stream one event at a time while it is still arriving. Each read runs on a
 * helper thread and is waited for with a bound, so a stalled stream fails a test instead of
 * hanging it. Not thread-safe; one test uses one reader.
 */
final class SseReader implements AutoCloseable {
  private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "sse-reader");
    t.setDaemon(true);
    return t;
  });

  private final InputStream in;
  private final BufferedReader reader;

  SseReader(InputStream in) {
    this.in = in;
    this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** The next event's data, or null at a clean end of stream. */
  String next(Duration timeout) throws TimeoutException {
    return within(timeout, this::readEvent);
  }

  /** Starts reading the next event without waiting for it. */
  CompletableFuture<String> nextAsync() {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return readEvent();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, READERS);
  }

  /**
   * Reads events until the stream ends, cleanly or not.
   *
   * @return the events read, and whether the stream broke off with an I/O error
   */
  Result drain(Duration timeout) throws TimeoutException {
    return within(timeout, () -> {
      List<String> events = new ArrayList<>();
      try {
        for (String e = readEvent(); e != null; e = readEvent()) {
          events.add(e);
        }
        return new Result(events, false);
      } catch (IOException broken) {
        return new Result(events, true);
      }
    });
  }

  /** Events read and whether the stream broke off. */
  record Result(List<String> events, boolean broken) {}

  private String readEvent() throws IOException {
    String data = null;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.isEmpty()) {
        if (data != null) {
          return data;
        }
        continue;
      }
      if (!line.startsWith("data: ")) {
        throw new IOException("not an SSE data line: " + line);
      }
      data = line.substring("data: ".length());
    }
    if (data != null) {
      throw new IOException("stream ended inside an event: " + data);
    }
    return null;
  }

  private static <T> T within(Duration timeout, Callable<T> task) throws TimeoutException {
    CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> {
      try {
        return task.call();
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, READERS);
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException ? e.getCause().getCause() : e.getCause();
      if (cause instanceof IOException) {
        throw new java.io.UncheckedIOException((IOException) cause);
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
