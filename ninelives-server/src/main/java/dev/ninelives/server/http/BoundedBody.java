package dev.ninelives.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Consumer;

/**
 * Reads a request body up to a size limit. An oversize body is refused as soon as it is known
 * to be too large — from its content-length, or while it streams in — so a client cannot make
 * the gateway buffer 20 MB it will refuse anyway.
 *
 * <p>Used on the request's event loop only.
 */
final class BoundedBody {
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
          request.pause();
          onTooLarge.accept(length);
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
        request.pause();
        onTooLarge.accept(body.length() + (long) chunk.length());
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
}
