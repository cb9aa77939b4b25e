package dev.ninelives.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Consumer;

/**
 * Reads a request body up to a size limit. An oversize body is refused as soon as it is known
 * to be too large — from its content-length, or while it streams in — and is never buffered.
 * The rest of it is read and discarded (up to {@link #MAX_DISCARD} bytes, after which the
 * connection is closed), because most clients only read the answer once they have finished
 * sending: closing at once would show them a broken pipe instead of the 413.
 *
 * <p>Used on the request's event loop only.
 */
final class BoundedBody {
  /** The most of a refused body read and thrown away before the connection is closed. */
  static final long MAX_DISCARD = 64L * 1024 * 1024;

  private BoundedBody() {
  }

  /**
   * Reads the body of {@code request}, then calls {@code onBody}; or, when it exceeds
   * {@code maxBytes}, calls {@code onTooLarge} with the size known so far (once).
   */
  static void read(HttpServerRequest request, long maxBytes, Consumer<Buffer> onBody,
      Consumer<Long> onTooLarge) {
    String declared = request.getHeader("content-length");
    if (declared != null) {
      try {
        long length = Long.parseLong(declared.trim());
        if (length > maxBytes) {
          onTooLarge.accept(length);
          discard(request, 0);
          return;
        }
      } catch (NumberFormatException e) {
        // let the HTTP layer judge the framing; the running count below still applies
      }
    }
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    request.handler(chunk -> {
      if (refused[0]) {
        return;
      }
      if (body.length() + (long) chunk.length() > maxBytes) {
        refused[0] = true;
        onTooLarge.accept(body.length() + (long) chunk.length());
        discard(request, body.length() + (long) chunk.length());
        return;
      }
      body.appendBuffer(chunk);
    });
    request.endHandler(v -> {
      if (!refused[0]) {
        onBody.accept(body);
      }
    });
  }

  private static void discard(HttpServerRequest request, long alreadyRead) {
    long[] read = {alreadyRead};
    request.handler(chunk -> {
      read[0] += chunk.length();
      if (read[0] > MAX_DISCARD) {
        request.connection().close();
      }
    });
    request.endHandler(v -> { });
  }
}
