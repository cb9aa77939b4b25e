package dev.ninelives.providers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An incremental parser for {@code text/event-stream} bodies (the WHATWG server-sent events
 * format), fed byte chunks exactly as they arrive from the network.
 *
 * <p>Lines may end in {@code \n}, {@code \r\n} or {@code \r}; a chunk may split a line, a UTF-8
 * character or a {@code \r\n} pair anywhere, and feeding one byte at a time yields the same
 * events as feeding the whole body at once. Every byte fed ends up in exactly one event's
 * {@link SseEvent#raw()}: blank lines before an event belong to that event, and comment-only
 * blocks are reported as events without data. So the relay can forward upstream bytes
 * untouched while it inspects them.
 *
 * <p>An event is dispatched as soon as its terminating blank line is complete. One exception:
 * when that blank line ends in a bare {@code \r}, the parser must see the next byte (or
 * {@link #finish()}) to know whether a {@code \n} belongs to it, so dispatch waits for it.
 * Streams that end lines with a bare {@code \r} are rare; {@code \n} and {@code \r\n} streams
 * are never delayed.
 *
 * <p>One event may not exceed {@code maxEventBytes} (default 8 MiB); a bigger one makes
 * {@code feed} throw {@link SseException} and the parser unusable, so a runaway upstream
 * cannot exhaust memory.
 *
 * <p>The listener runs on the feeding thread, inside {@code feed}. An exception it throws
 * propagates out of {@code feed}; the event it was given is complete, but the rest of that
 * chunk is not parsed, so a listener that throws should abandon the stream.
 *
 * <p>Not thread-safe: use one parser per stream, fed from one thread (the stream's event loop).
 */
public final class SseParser {
  /** Receives each event as soon as it is complete. */
  @FunctionalInterface
  public interface Listener {
    void onEvent(SseEvent event);
  }

  public static final int DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024;

  private static final int INITIAL_CAPACITY = 1024;
  // A buffer that grew for one huge event is dropped afterwards rather than kept for the
  // lifetime of a long stream.
  private static final int RETAINED_CAPACITY = 64 * 1024;
  private static final long MAX_RETRY_MILLIS = Long.MAX_VALUE / 100;

  private final Listener listener;
  private final int maxEventBytes;

  // Bytes of the current event, from the end of the previous event up to the parse position.
  private byte[] raw = new byte[INITIAL_CAPACITY];
  private int rawLen;
  // Start of the line being read, as an index into raw.
  private int lineStart;

  private byte[] data = new byte[INITIAL_CAPACITY];
  private int dataLen;
  private boolean hasData;
  private String eventName;
  private String id;
  private long retryMillis = -1;
  // Whether the current block has had a non-blank line (field or comment).
  private boolean blockStarted;

  // The previous line ended in '\r': a '\n' that follows is part of the same line ending.
  private boolean afterCr;
  // That '\r' ended the blank line of an event: dispatch once we know whether '\n' follows.
  private boolean dispatchAfterCr;
  private boolean firstLine = true;
  private boolean failed;
  private boolean finished;
  private byte[] scratch;

  public SseParser(Listener listener) {
    this(DEFAULT_MAX_EVENT_BYTES, listener);
  }

  /**
   * @param maxEventBytes the largest event accepted, counted in raw bytes
   * @param listener called on the feeding thread for each event
   */
  public SseParser(int maxEventBytes, Listener listener) {
    if (maxEventBytes < 16) {
      throw new IllegalArgumentException("maxEventBytes must be at least 16, but was "
          + maxEventBytes);
    }
    this.maxEventBytes = maxEventBytes;
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Parses {@code len} bytes of {@code buf} from {@code off}, calling the listener for each
   * event they complete. The parser keeps no reference to {@code buf}.
   *
   * @throws SseException when an event exceeds the size limit
   * @throws IllegalStateException after {@link #finish()} or a previous failure
   */
  public void feed(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    checkUsable();
    int i = off;
    int end = off + len;
    while (i < end) {
      if (afterCr) {
        afterCr = false;
        if (buf[i] == '\n') {
          append(buf, i, 1);
          lineStart = rawLen;
          i++;
        }
        if (dispatchAfterCr) {
          dispatchAfterCr = false;
          dispatch();
        }
        continue;
      }
      int j = i;
      while (j < end && buf[j] != '\n' && buf[j] != '\r') {
        j++;
      }
      append(buf, i, j - i);
      if (j == end) {
        return; // the line continues in the next chunk
      }
      byte terminator = buf[j];
      append(buf, j, 1);
      boolean blank = endLine(rawLen - 1);
      i = j + 1;
      boolean endsEvent = blank && blockStarted;
      if (terminator == '\r') {
        afterCr = true;
        dispatchAfterCr = endsEvent;
      } else if (endsEvent) {
        dispatch();
      }
    }
  }

  /** Parses the remaining bytes of {@code buf}, advancing its position to its limit. */
  public void feed(ByteBuffer buf) {
    if (buf.hasArray()) {
      int n = buf.remaining();
      feed(buf.array(), buf.arrayOffset() + buf.position(), n);
      buf.position(buf.limit());
      return;
    }
    if (scratch == null) {
      scratch = new byte[8192];
    }
    while (buf.hasRemaining()) {
      int n = Math.min(scratch.length, buf.remaining());
      buf.get(scratch, 0, n);
      feed(scratch, 0, n);
    }
  }

  /**
   * Ends the stream: an event not followed by a blank line is dispatched as it is, and any
   * trailing bytes are reported as a last event without data. Further feeding is an error.
   */
  public void finish() {
    checkUsable();
    finished = true;
    if (afterCr) {
      afterCr = false;
      if (dispatchAfterCr) {
        dispatchAfterCr = false;
        dispatch();
      }
    }
    if (rawLen > lineStart) {
      endLine(rawLen);
    }
    if (rawLen > 0) {
      dispatch();
    }
  }

  private void checkUsable() {
    if (failed) {
      throw new IllegalStateException("the parser failed earlier; the stream is unusable");
    }
    if (finished) {
      throw new IllegalStateException("finish() was already called");
    }
  }

  private void append(byte[] buf, int off, int len) {
    if (len == 0) {
      return;
    }
    int needed = rawLen + len;
    if (needed > maxEventBytes) {
      failed = true;
      throw new SseException("server-sent event larger than " + maxEventBytes + " bytes");
    }
    if (needed > raw.length) {
      raw = Arrays.copyOf(raw, Math.min(Math.max(needed, raw.length * 2), maxEventBytes));
    }
    System.arraycopy(buf, off, raw, rawLen, len);
    rawLen = needed;
  }

  /**
   * Interprets the line raw[lineStart, end) (terminator excluded) and moves lineStart past
   * the bytes consumed so far. Returns whether the line was blank.
   */
  private boolean endLine(int end) {
    int start = lineStart;
    lineStart = rawLen;
    if (firstLine) {
      firstLine = false;
      // The format allows one UTF-8 byte order mark at the start of the stream.
      if (end - start >= 3 && raw[start] == (byte) 0xEF && raw[start + 1] == (byte) 0xBB
          && raw[start + 2] == (byte) 0xBF) {
        start += 3;
      }
    }
    if (start == end) {
      return true;
    }
    blockStarted = true;
    if (raw[start] == ':') {
      return false; // a comment, e.g. a keep-alive
    }
    int colon = start;
    while (colon < end && raw[colon] != ':') {
      colon++;
    }
    int valueStart = colon;
    if (colon < end) {
      valueStart = colon + 1;
      if (valueStart < end && raw[valueStart] == ' ') {
        valueStart++;
      }
    }
    int nameLen = colon - start;
    if (is(start, nameLen, "data")) {
      appendData(valueStart, end - valueStart);
    } else if (is(start, nameLen, "event")) {
      eventName = valueStart == end ? null : utf8(valueStart, end);
    } else if (is(start, nameLen, "id")) {
      if (!containsNul(valueStart, end)) {
        id = utf8(valueStart, end);
      }
    } else if (is(start, nameLen, "retry")) {
      retryMillis = parseDigits(valueStart, end, retryMillis);
    }
    // Unknown field names are ignored, as the format requires.
    return false;
  }

  private void appendData(int off, int len) {
    int needed = dataLen + len + (hasData ? 1 : 0);
    if (needed > data.length) {
      data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
    }
    if (hasData) {
      data[dataLen++] = '\n';
    }
    System.arraycopy(raw, off, data, dataLen, len);
    dataLen += len;
    hasData = true;
  }

  private void dispatch() {
    SseEvent event = new SseEvent(Arrays.copyOf(raw, rawLen),
        hasData ? Arrays.copyOf(data, dataLen) : null, eventName, id, retryMillis);
    rawLen = 0;
    lineStart = 0;
    dataLen = 0;
    hasData = false;
    eventName = null;
    id = null;
    retryMillis = -1;
    blockStarted = false;
    if (raw.length > RETAINED_CAPACITY) {
      raw = new byte[INITIAL_CAPACITY];
    }
    if (data.length > RETAINED_CAPACITY) {
      data = new byte[INITIAL_CAPACITY];
    }
    listener.onEvent(event);
  }

  private boolean is(int off, int len, String name) {
    if (len != name.length()) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (raw[off + k] != name.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private boolean containsNul(int from, int to) {
    for (int k = from; k < to; k++) {
      if (raw[k] == 0) {
        return true;
      }
    }
    return false;
  }

  private long parseDigits(int from, int to, long previous) {
    if (from == to) {
      return previous;
    }
    long v = 0;
    for (int k = from; k < to; k++) {
      byte b = raw[k];
      if (b < '0' || b > '9') {
        return previous; // the format says: ignore a retry field that is not all digits
      }
      v = Math.min(v * 10 + (b - '0'), MAX_RETRY_MILLIS);
    }
    return v;
  }

  private String utf8(int from, int to) {
    return new String(raw, from, to - from, StandardCharsets.UTF_8);
  }
}
