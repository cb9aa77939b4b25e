package dev.ninelives.server.relay;

import java.io.ByteArrayOutputStream;

/**
 * A byte array output stream that can hand its bytes to another without the copy and the
 * checked exception of {@code writeTo}. Not thread-safe; one per attempt, on its event loop.
 */
final class ByteQueue extends ByteArrayOutputStream {

  ByteQueue(int size) {
    super(size);
  }

  /** Appends everything written here to {@code other}; this stream is left as it was. */
  void appendTo(ByteArrayOutputStream other) {
    other.write(buf, 0, count);
  }
}
