package dev.ninelives.bench.load;

/**
 * An incremental HTTP/1.1 response reader for the load client: status line, headers, and a body
 * framed by {@code Content-Length} or chunked transfer coding. It keeps no body bytes — the load
 * client only needs to know when the first body byte arrived and when the response ended — so a
 * 10-minute stream costs a few fields, not a buffer.
 *
 * <p>Not thread-safe: one parser per connection, fed by one thread.
 */
final class ResponseParser {
  /** What {@link #feed} saw in the bytes it was given. */
  static final int HEADERS = 1;
  static final int BODY = 2;
  static final int COMPLETE = 4;

  private static final int MAX_HEAD = 64 * 1024;

  private enum State { HEAD, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, DONE }

  private State state = State.HEAD;
  private final StringBuilder line = new StringBuilder(128);
  private int headBytes;
  private int status;
  private long contentLength;
  private boolean chunked;
  private boolean closeAfter;
  private long remaining;
  private long bodyBytes;
  private boolean sawStatusLine;

  /** Ready for the next response on the same connection. */
  void reset() {
    state = State.HEAD;
    line.setLength(0);
    headBytes = 0;
    status = 0;
    contentLength = -1;
    chunked = false;
    closeAfter = false;
    remaining = 0;
    bodyBytes = 0;
    sawStatusLine = false;
  }

  ResponseParser() {
    reset();
  }

  int status() {
    return status;
  }

  long bodyBytes() {
    return bodyBytes;
  }

  /** Whether the server said it will close the connection after this response. */
  boolean closeAfter() {
    return closeAfter;
  }

  boolean complete() {
    return state == State.DONE;
  }

  /**
   * Consumes bytes of the current response.
   *
   * @return the bits {@link #HEADERS}, {@link #BODY}, {@link #COMPLETE} of what happened in
   *     these bytes; bytes past the end of the response are not consumed
   * @throws IllegalStateException when the bytes are not an HTTP/1.1 response
   */
  int feed(byte[] buf, int off, int len) {
    int seen = 0;
    int i = off;
    int end = off + len;
    while (i < end && state != State.DONE) {
      switch (state) {
        case HEAD: {
          byte b = buf[i++];
          if (++headBytes > MAX_HEAD) {
            throw new IllegalStateException("response head longer than " + MAX_HEAD + " bytes");
          }
          if (b == '\n') {
            if (headerLine()) {
              seen |= HEADERS;
              if (state == State.DONE) {
                seen |= COMPLETE;
              }
            }
          } else if (b != '\r') {
            line.append((char) (b & 0xff));
          }
          break;
        }
        case FIXED_BODY: {
          int n = (int) Math.min(remaining, end - i);
          i += n;
          remaining -= n;
          bodyBytes += n;
          if (n > 0) {
            seen |= BODY;
          }
          if (remaining == 0) {
            state = State.DONE;
            seen |= COMPLETE;
          }
          break;
        }
        case CHUNK_SIZE: {
          byte b = buf[i++];
          if (b == '\n') {
            long size = chunkSize(line);
            line.setLength(0);
            if (size == 0) {
              state = State.TRAILERS;
            } else {
              remaining = size;
              state = State.CHUNK_DATA;
            }
          } else if (b != '\r') {
            line.append((char) (b & 0xff));
          }
          break;
        }
        case CHUNK_DATA: {
          int n = (int) Math.min(remaining, end - i);
          i += n;
          remaining -= n;
          bodyBytes += n;
          if (n > 0) {
            seen |= BODY;
          }
          if (remaining == 0) {
            state = State.CHUNK_DATA_END;
          }
          break;
        }
        case CHUNK_DATA_END: {
          byte b = buf[i++];
          if (b == '\n') {
            state = State.CHUNK_SIZE;
          } else if (b != '\r') {
            throw new IllegalStateException("chunk data not followed by CRLF");
          }
          break;
        }
        case TRAILERS: {
          byte b = buf[i++];
          if (b == '\n') {
            if (line.length() == 0) {
              state = State.DONE;
              seen |= COMPLETE;
            }
            line.setLength(0);
          } else if (b != '\r') {
            line.append((char) (b & 0xff));
          }
          break;
        }
        default:
          throw new IllegalStateException("unexpected state " + state);
      }
    }
    consumed = i - off;
    return seen;
  }

  private int consumed;

  /** How many bytes the last {@link #feed} consumed. */
  int consumed() {
    return consumed;
  }

  /** Handles one head line; returns true when the head is complete. */
  private boolean headerLine() {
    if (!sawStatusLine) {
      if (line.length() == 0) {
        return false; // tolerate a stray CRLF between responses
      }
      String s = line.toString();
      line.setLength(0);
      if (!s.startsWith("HTTP/1.") || s.length() < 12) {
        throw new IllegalStateException("not an HTTP/1.x status line: " + abbreviate(s));
      }
      status = Integer.parseInt(s.substring(9, 12));
      sawStatusLine = true;
      return false;
    }
    if (line.length() > 0) {
      String h = line.toString();
      line.setLength(0);
      int colon = h.indexOf(':');
      if (colon > 0) {
        String name = h.substring(0, colon).trim();
        String value = h.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("content-length")) {
          contentLength = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("transfer-encoding")
            && value.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
          chunked = true;
        } else if (name.equalsIgnoreCase("connection")
            && value.equalsIgnoreCase("close")) {
          closeAfter = true;
        }
      }
      return false;
    }
    // Blank line: the head is complete. 1xx answers carry no body and precede the real one.
    if (status >= 100 && status < 200) {
      reset();
      return false;
    }
    if (chunked) {
      state = State.CHUNK_SIZE;
    } else if (contentLength > 0) {
      remaining = contentLength;
      state = State.FIXED_BODY;
    } else if (contentLength == 0 || status == 204 || status == 304) {
      state = State.DONE;
    } else {
      // A body delimited by closing the connection cannot be timed per request on keep-alive.
      throw new IllegalStateException("response without Content-Length or chunked coding");
    }
    return true;
  }

  static long chunkSize(CharSequence sizeLine) {
    String s = sizeLine.toString();
    int semi = s.indexOf(';');
    if (semi >= 0) {
      s = s.substring(0, semi);
    }
    s = s.trim();
    if (s.isEmpty()) {
      throw new IllegalStateException("empty chunk size line");
    }
    return Long.parseLong(s, 16);
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
