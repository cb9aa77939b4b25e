package dev.ninelives.simulator;

import io.vertx.core.http.HttpConnection;

/**
 * One client connection and the exchange it is carrying, so that a close can be told apart: the
 * simulator closing on purpose, or the peer giving up while an answer was still owed.
 *
 * <p>{@link #current} is only touched on the connection's event loop; {@link #closeByUs()} may be
 * called from any thread, hence the volatile flag.
 */
final class TrackedConnection {
  private final HttpConnection http;
  private volatile boolean closedByUs;
  private Exchange current;

  TrackedConnection(HttpConnection http) {
    this.http = http;
  }

  void carry(Exchange exchange) {
    current = exchange;
  }

  /** Closes the connection and remembers that the simulator, not the peer, did it. */
  void closeByUs() {
    closedByUs = true;
    http.close();
  }

  /**
   * Called when the connection has closed. Returns true if the peer closed it while the
   * simulator still owed an answer.
   */
  boolean onClosed() {
    Exchange ex = current;
    current = null;
    if (ex == null || ex.done()) {
      return false;
    }
    ex.abandon();
    return !closedByUs;
  }
}
