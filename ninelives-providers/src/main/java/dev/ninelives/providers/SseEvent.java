package dev.ninelives.providers;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event as the upstream sent it: its fields, and its raw bytes so the relay can
 * forward exactly what it received.
 *
 * <p>An event is a block of lines ended by a blank line. Blocks with no {@code data:} field
 * (comments such as {@code : keep-alive}, or a lone {@code event:}) are reported too, with
 * {@link #data()} null, so that concatenating {@link #raw()} of every event reproduces the
 * input byte for byte.
 *
 * <p>Immutable in practice and safe to hand to another thread. For speed, {@link #raw()} and
 * {@link #dataBytes()} return the event's own arrays, not copies: callers must not modify them.
 */
public final class SseEvent {
  private final byte[] raw;
  private final byte[] data;
  private final String event;
  private final String id;
  private final long retryMillis;
  // Decoded on first use: the relay's hot path parses dataBytes() and never needs the String.
  private String dataString;

  /**
   * @param raw the event's bytes exactly as received, terminator included
   * @param data the UTF-8 bytes of the data lines joined by '\n', or null when none was sent
   * @param event the {@code event:} name, or null
   * @param id the {@code id:} value, or null
   * @param retryMillis the {@code retry:} value, or -1
   */
  public SseEvent(byte[] raw, byte[] data, String event, String id, long retryMillis) {
    if (raw == null) {
      throw new NullPointerException("raw");
    }
    this.raw = raw;
    this.data = data;
    this.event = event;
    this.id = id;
    this.retryMillis = retryMillis;
  }

  /** Convenience for tests and synthetic events: a {@code data:} event built from text. */
  public static SseEvent ofData(String data) {
    StringBuilder raw = new StringBuilder();
    for (String line : data.split("\n", -1)) {
      raw.append("data: ").append(line).append('\n');
    }
    raw.append('\n');
    return new SseEvent(raw.toString().getBytes(StandardCharsets.UTF_8),
        data.getBytes(StandardCharsets.UTF_8), null, null, -1);
  }

  /** The bytes of this event as received, including any blank lines that preceded it. */
  public byte[] raw() {
    return raw;
  }

  /** The data lines as UTF-8 bytes, joined by '\n'; null when the event had no data field. */
  public byte[] dataBytes() {
    return data;
  }

  /** The data lines joined by '\n', or null when the event had no data field. */
  public String data() {
    String s = dataString;
    if (s == null && data != null) {
      s = new String(data, StandardCharsets.UTF_8);
      dataString = s;
    }
    return s;
  }

  /** Whether the event carried at least one {@code data:} line. */
  public boolean hasData() {
    return data != null;
  }

  /** The {@code event:} name, or null when the event had none (OpenAI never sends one). */
  public String event() {
    return event;
  }

  /** The last {@code id:} value in the event, or null. */
  public String id() {
    return id;
  }

  /** The {@code retry:} reconnection time in milliseconds, or -1 when absent. */
  public long retryMillis() {
    return retryMillis;
  }

  /** Whether the data is exactly {@code text} (no decoding, no allocation). */
  public boolean dataEquals(String asciiText) {
    if (data == null || data.length != asciiText.length()) {
      return false;
    }
    for (int i = 0; i < data.length; i++) {
      if (data[i] != asciiText.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    // Data is model output or an upstream error; show its size, not its text.
    return "SseEvent[event=" + event + ", data=" + (data == null ? "none" : data.length + " bytes")
        + ", raw=" + raw.length + " bytes]";
  }
}
