package dev.ninelives.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A small HTTP/1.1 load client on plain NIO, for what wrk cannot do: an open-loop fixed rate
 * whose latency is measured from each request's <em>intended</em> send time (so a slow server
 * cannot hide its queueing — no coordinated omission), time to the first body byte (the first
 * stream event), one-at-a-time probes, and holding thousands of streams open.
 *
 * <p>One reader thread owns the selector; requests are sent by the pacing thread or, when a
 * response frees a connection while requests wait, by the reader. All shared state is guarded
 * by one lock: at the rates this client is used for (hundreds per second, or one at a time)
 * contention is nil, and the simplicity keeps its own latency low and steady.
 */
final class LoadClient implements AutoCloseable {
  /** Latencies are recorded in microseconds, up to an hour, with 3 significant digits. */
  static Histogram newHistogram() {
    return new Histogram(3_600_000_000L, 3);
  }

  /** The bytes of one POST request with a JSON body, keep-alive. */
  static byte[] post(InetSocketAddress to, String path, Map<String, String> headers, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder s = new StringBuilder(256);
    s.append("POST ").append(path).append(" HTTP/1.1\r\n");
    s.append("Host: ").append(to.getHostString()).append(':').append(to.getPort()).append("\r\n");
    s.append("Content-Type: application/json\r\n");
    for (Map.Entry<String, String> h : headers.entrySet()) {
      s.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    s.append("Content-Length: ").append(b.length).append("\r\n\r\n");
    byte[] head = s.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + b.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(b, 0, all, head.length, b.length);
    return all;
  }

  /** What one run measured. Latencies in microseconds. */
  static final class Result {
    final Histogram latency = newHistogram();
    final Histogram firstByte = newHistogram();
    final Histogram service = newHistogram();
    final Map<Integer, Long> statuses = new TreeMap<>();
    long scheduled;
    long completed;
    long ioErrors;
    long timeouts;
    int maxBacklog;
    double seconds;

    long errors() {
      long bad = ioErrors + timeouts;
      for (Map.Entry<Integer, Long> e : statuses.entrySet()) {
        if (e.getKey() < 200 || e.getKey() >= 300) {
          bad += e.getValue();
        }
      }
      return bad;
    }

    double rate() {
      return seconds <= 0 ? 0 : completed / seconds;
    }
  }

  private final class Conn {
    final SocketChannel ch;
    final ResponseParser parser = new ResponseParser();
    long intended = -1;
    long sent;
    long firstByte = -1;
    boolean busy;

    Conn(SocketChannel ch) {
      this.ch = ch;
    }
  }

  private final InetSocketAddress address;
  private final byte[] request;
  private final Duration requestTimeout;
  private final Selector selector;
  private final Object lock = new Object();
  private final List<Conn> conns = new ArrayList<>();
  private final ArrayDeque<Conn> idle = new ArrayDeque<>();
  private final ArrayDeque<Long> pending = new ArrayDeque<>();
  private final Thread reader;
  private volatile boolean running = true;
  private final ByteBuffer readBuf = ByteBuffer.allocateDirect(256 * 1024);
  private final byte[] readArray = new byte[256 * 1024];

  // Guarded by lock.
  private Result result = new Result();
  private long recordFrom = Long.MAX_VALUE;
  private long recordUntil = Long.MAX_VALUE;
  private long inFlight;
  private int closedLoopLeft;
  private boolean resendOnComplete;
  private long headersSeen;
  private long firstBytesSeen;
  private long completedTotal;
  private long failedTotal;
  private long bytesRead;
  private long okFirstBytes;
  private long okCompleted;
  private long badStatus;

  /**
   * Opens {@code connections} keep-alive connections to {@code address}.
   *
   * @param request the complete request bytes sent for every request
   */
  LoadClient(InetSocketAddress address, byte[] request, int connections, Duration requestTimeout)
      throws IOException {
    this.address = address;
    this.request = request;
    this.requestTimeout = requestTimeout;
    this.selector = Selector.open();
    for (int i = 0; i < connections; i++) {
      Conn c = open();
      conns.add(c);
      idle.add(c);
    }
    reader = new Thread(this::readLoop, "load-client-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private Conn open() throws IOException {
    SocketChannel ch = SocketChannel.open();
    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    ch.socket().connect(address, 5000);
    ch.configureBlocking(false);
    Conn c = new Conn(ch);
    selector.wakeup();
    ch.register(selector, SelectionKey.OP_READ, c);
    return c;
  }

  /**
   * Sends requests at {@code rate} per second for {@code warmup + measure}, recording those
   * intended in the measured part; then waits up to the request timeout for the stragglers.
   */
  Result openLoop(double rate, Duration warmup, Duration measure) throws InterruptedException {
    long interval = (long) (1e9 / rate);
    long start = System.nanoTime() + 1_000_000;
    long measureStart = start + warmup.toNanos();
    long end = measureStart + measure.toNanos();
    synchronized (lock) {
      result = new Result();
      recordFrom = measureStart;
      recordUntil = end;
    }
    for (long i = 0; ; i++) {
      long intended = start + i * interval;
      if (intended >= end) {
        break;
      }
      waitUntil(intended);
      synchronized (lock) {
        if (intended >= measureStart) {
          result.scheduled++;
        }
        pending.add(intended);
        dispatch();
      }
    }
    drain(end);
    synchronized (lock) {
      result.seconds = measure.toNanos() / 1e9;
      return result;
    }
  }

  /** One request at a time on one connection, {@code warmup} unrecorded first. */
  Result sequential(int count, int warmup) throws InterruptedException {
    long started;
    synchronized (lock) {
      result = new Result();
      recordFrom = Long.MAX_VALUE;
      recordUntil = Long.MAX_VALUE;
      closedLoopLeft = warmup;
      pending.add(System.nanoTime());
      dispatch();
    }
    waitIdle(Duration.ofMinutes(5));
    synchronized (lock) {
      started = System.nanoTime();
      recordFrom = 0;
      result.scheduled = count;
      closedLoopLeft = count - 1;
      pending.add(started);
      dispatch();
    }
    waitIdle(Duration.ofMinutes(10));
    synchronized (lock) {
      result.seconds = (System.nanoTime() - started) / 1e9;
      return result;
    }
  }

  /**
   * Sends one request on each connection, {@code perSecond} at a time, and does not resend:
   * for holding long streams open. Progress is read with {@link #progress()}.
   */
  void startAll(double perSecond) throws InterruptedException {
    long interval = (long) (1e9 / perSecond);
    long start = System.nanoTime();
    int n;
    synchronized (lock) {
      n = conns.size();
      recordFrom = start;
      recordUntil = Long.MAX_VALUE;
    }
    for (int i = 0; i < n; i++) {
      long intended = start + i * interval;
      waitUntil(intended);
      synchronized (lock) {
        result.scheduled++;
        pending.add(intended);
        dispatch();
      }
    }
  }

  /**
   * Counts so far: 2xx responses whose first body byte arrived, of those the ones that ended,
   * responses with another status, and requests that failed (I/O error or timeout).
   */
  long[] progress() {
    synchronized (lock) {
      return new long[] {okFirstBytes, okCompleted, badStatus, failedTotal};
    }
  }

  /** Bytes received so far on all connections. */
  long bytesRead() {
    synchronized (lock) {
      return bytesRead;
    }
  }

  Result snapshot() {
    synchronized (lock) {
      return result;
    }
  }

  private void waitUntil(long deadline) {
    // Park until shortly before the send time, then spin: a parked thread wakes tens of
    // microseconds late, which would show up as latency of every target alike.
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      if (left > 200_000) {
        LockSupport.parkNanos(left - 150_000);
      } else {
        Thread.onSpinWait();
      }
    }
  }

  private void drain(long end) throws InterruptedException {
    long limit = System.nanoTime() + requestTimeout.toNanos() + 1_000_000_000L;
    while (System.nanoTime() < limit) {
      synchronized (lock) {
        if (pending.isEmpty() && inFlight == 0) {
          return;
        }
      }
      Thread.sleep(5);
    }
    synchronized (lock) {
      // Whatever is still queued or in flight never got an answer in time.
      result.timeouts += pending.size() + inFlight;
      pending.clear();
    }
  }

  private void waitIdle(Duration max) throws InterruptedException {
    long limit = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < limit) {
      synchronized (lock) {
        if (pending.isEmpty() && inFlight == 0 && closedLoopLeft == 0) {
          return;
        }
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException("requests still outstanding after " + max);
  }

  /** Sends queued requests on free connections. Holds the lock. */
  private void dispatch() {
    while (!pending.isEmpty() && !idle.isEmpty()) {
      long intended = pending.poll();
      Conn c = idle.poll();
      send(c, intended);
    }
    if (pending.size() > result.maxBacklog) {
      result.maxBacklog = pending.size();
    }
  }

  private void send(Conn c, long intended) {
    c.intended = intended;
    c.sent = System.nanoTime();
    c.firstByte = -1;
    c.busy = true;
    c.parser.reset();
    inFlight++;
    ByteBuffer b = ByteBuffer.wrap(request);
    try {
      long giveUp = System.nanoTime() + 1_000_000_000L;
      while (b.hasRemaining()) {
        if (c.ch.write(b) == 0) {
          if (System.nanoTime() > giveUp) {
            throw new IOException("socket send buffer stayed full for 1 s");
          }
          Thread.onSpinWait();
        }
      }
    } catch (IOException e) {
      failed(c, false);
    }
  }

  private void readLoop() {
    while (running) {
      try {
        selector.select(100);
      } catch (IOException e) {
        return;
      }
      long now = System.nanoTime();
      for (SelectionKey k : selector.selectedKeys()) {
        Conn c = (Conn) k.attachment();
        if (k.isValid() && k.isReadable()) {
          read(c, now);
        }
      }
      selector.selectedKeys().clear();
      expire(System.nanoTime());
    }
  }

  private void read(Conn c, long now) {
    readBuf.clear();
    int n;
    try {
      n = c.ch.read(readBuf);
    } catch (IOException e) {
      n = -1;
    }
    synchronized (lock) {
      if (n < 0) {
        failed(c, false);
        return;
      }
      if (!c.busy) {
        return; // bytes nobody asked for: ignore
      }
      bytesRead += n;
      readBuf.flip();
      readBuf.get(readArray, 0, n);
      int off = 0;
      while (off < n && c.busy) {
        int seen;
        try {
          seen = c.parser.feed(readArray, off, n - off);
        } catch (RuntimeException e) {
          failed(c, false);
          return;
        }
        off += c.parser.consumed();
        if ((seen & ResponseParser.HEADERS) != 0) {
          headersSeen++;
        }
        if ((seen & ResponseParser.BODY) != 0 && c.firstByte < 0) {
          c.firstByte = now;
          firstBytesSeen++;
          if (c.parser.status() / 100 == 2) {
            okFirstBytes++;
          }
        }
        if ((seen & ResponseParser.COMPLETE) != 0) {
          completed(c, now);
        }
        if (c.parser.consumed() == 0) {
          break;
        }
      }
    }
  }

  /** Holds the lock. */
  private void completed(Conn c, long now) {
    c.busy = false;
    inFlight--;
    completedTotal++;
    if (c.parser.status() / 100 == 2) {
      if (c.firstByte >= 0) {
        okCompleted++;
      }
    } else {
      badStatus++;
    }
    if (c.intended >= recordFrom && c.intended < recordUntil) {
      result.completed++;
      result.statuses.merge(c.parser.status(), 1L, Long::sum);
      result.latency.recordValue(Math.max(0, (now - c.intended) / 1000));
      result.service.recordValue(Math.max(0, (now - c.sent) / 1000));
      long first = c.firstByte < 0 ? now : c.firstByte;
      result.firstByte.recordValue(Math.max(0, (first - c.intended) / 1000));
    }
    if (c.parser.closeAfter()) {
      replace(c);
    } else {
      idle.add(c);
    }
    if (closedLoopLeft > 0) {
      closedLoopLeft--;
      pending.add(System.nanoTime());
    }
    dispatch();
  }

  /** An I/O error, a parse error, a timeout or a close: count it and use a fresh connection. */
  private void failed(Conn c, boolean timeout) {
    if (c.busy) {
      c.busy = false;
      inFlight--;
      failedTotal++;
      if (c.intended >= recordFrom && c.intended < recordUntil) {
        if (timeout) {
          result.timeouts++;
        } else {
          result.ioErrors++;
        }
      }
      if (closedLoopLeft > 0) {
        closedLoopLeft--;
        pending.add(System.nanoTime());
      }
    }
    idle.remove(c);
    replace(c);
    dispatch();
  }

  private void replace(Conn c) {
    try {
      c.ch.close();
    } catch (IOException ignored) {
      // closing a broken socket: nothing to do
    }
    int i = conns.indexOf(c);
    if (!running) {
      return;
    }
    try {
      Conn fresh = open();
      if (i >= 0) {
        conns.set(i, fresh);
      }
      idle.add(fresh);
    } catch (IOException e) {
      // The server is gone; the run's error count already says so.
      if (i >= 0) {
        conns.remove(i);
      }
    }
  }

  private long lastExpiry;

  private void expire(long now) {
    if (now - lastExpiry < 100_000_000L) {
      return;
    }
    lastExpiry = now;
    long limit = requestTimeout.toNanos();
    synchronized (lock) {
      for (Conn c : new ArrayList<>(conns)) {
        if (c.busy && now - c.sent > limit) {
          failed(c, true);
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (lock) {
      for (Conn c : conns) {
        try {
          c.ch.close();
        } catch (IOException ignored) {
          // best effort at the end of a run
        }
      }
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // best effort at the end of a run
    }
  }
}
