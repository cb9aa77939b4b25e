package dev.ninelives.simulator;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Keeps the listening socket open or closed as wanted. Refusing connections means really closing
 * the socket, so a client's connect fails the way it does against a dead host; listening again
 * binds a new server to the same port.
 *
 * <p>Thread-safe: changes are chained one after another on {@link #pending}, and each step reads
 * the wanted state when it runs, so a burst of requests settles on the latest wish.
 */
final class PortControl {
  private static final int BIND_ATTEMPTS = 50;
  private static final long BIND_RETRY_MILLIS = 10;
  private static final int UNBIND_CHECKS = 200;
  /** How long a graceful close waits for answers in progress before dropping what is left. */
  private static final java.time.Duration DRAIN_GRACE = java.time.Duration.ofSeconds(60);

  private final Vertx vertx;
  private final Handler<HttpServerRequest> requests;
  private final Handler<HttpConnection> connections;
  private final BooleanSupplier wantListening;
  private final Runnable beforeClose;
  private final BooleanSupplier letAnswersFinish;

  private HttpServer server;
  private int port;
  private Future<Void> pending = Future.succeededFuture();

  /**
   * @param wantListening read at each change: true while the port should accept connections
   * @param beforeClose runs just before the socket closes, to drop the open connections
   * @param letAnswersFinish read at each close: true to let answers in progress finish instead
   */
  PortControl(
      Vertx vertx,
      Handler<HttpServerRequest> requests,
      Handler<HttpConnection> connections,
      BooleanSupplier wantListening,
      Runnable beforeClose,
      BooleanSupplier letAnswersFinish) {
    this.vertx = vertx;
    this.requests = requests;
    this.connections = connections;
    this.wantListening = wantListening;
    this.beforeClose = beforeClose;
    this.letAnswersFinish = letAnswersFinish;
  }

  /** Binds for the first time; port 0 picks a free port, which later re-binds reuse. */
  synchronized Future<Void> start(int requestedPort) {
    port = requestedPort;
    pending = pending.transform(ignored -> listen()).compose(ignored -> apply(wantListening.getAsBoolean()));
    return pending;
  }

  /** Brings the socket to the wanted state, after any change already under way. */
  synchronized Future<Void> reconcile() {
    pending = pending.transform(ignored -> apply(wantListening.getAsBoolean()));
    return pending;
  }

  /** Closes the socket for good, whatever is wanted. */
  synchronized Future<Void> stop() {
    pending = pending.transform(ignored -> apply(false));
    return pending;
  }

  synchronized int port() {
    return port;
  }

  synchronized boolean listening() {
    return server != null;
  }

  private synchronized Future<Void> apply(boolean listen) {
    if (listen && server == null) {
      return listen();
    }
    if (!listen && server != null) {
      HttpServer closing = server;
      server = null;
      int closingPort = port;
      if (letAnswersFinish.getAsBoolean()) {
        // A graceful shutdown unbinds the port at once, closes idle connections and busy ones once
        // their answer is out. It completes only when the last one has gone, which a hanging
        // exchange may put off until the grace period ends, so the port change does not wait for it.
        closing.shutdown(DRAIN_GRACE);
        return awaitUnbound(closingPort, UNBIND_CHECKS);
      }
      beforeClose.run();
      return closing.close().compose(ignored -> awaitUnbound(closingPort, UNBIND_CHECKS));
    }
    return Future.succeededFuture();
  }

  /**
   * Vert.x can complete a server's close a moment before the OS stops listening, and a caller who
   * was told "refusing" must really be refused. So this binds a probe socket to the port, which
   * only succeeds once nothing listens there, and closes it again at once.
   */
  private Future<Void> awaitUnbound(int closedPort, int checksLeft) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort));
      return Future.succeededFuture();
    } catch (IOException stillBound) {
      if (checksLeft <= 1) {
        return Future.failedFuture(new IllegalStateException(
            "port " + closedPort + " still listens after its server was closed", stillBound));
      }
      return vertx.timer(BIND_RETRY_MILLIS, TimeUnit.MILLISECONDS)
          .compose(ignored -> awaitUnbound(closedPort, checksLeft - 1));
    }
  }

  private Future<Void> listen() {
    return listen(BIND_ATTEMPTS);
  }

  private Future<Void> listen(int attemptsLeft) {
    return bindOnce().recover(failure -> {
      if (!(failure instanceof BindException) || attemptsLeft <= 1) {
        return Future.failedFuture(failure);
      }
      // A fixed port given back a moment ago (say, by a scenario run that just ended) can still
      // be held briefly; a port that stays taken fails after BIND_ATTEMPTS tries.
      return vertx.timer(BIND_RETRY_MILLIS, TimeUnit.MILLISECONDS).compose(ignored -> listen(attemptsLeft - 1));
    });
  }

  private synchronized Future<Void> bindOnce() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost("127.0.0.1")
        .setPort(port)
        .setReuseAddress(true)
        // curl sends "Expect: 100-continue" for larger bodies and would stall a second waiting.
        .setHandle100ContinueAutomatically(true)
        // HTTP/1.1 only: faults act per connection, which h2c multiplexing would blur.
        .setHttp2ClearTextEnabled(false);
    HttpServer s = vertx.createHttpServer(options).requestHandler(requests).connectionHandler(connections);
    return s.listen().map(bound -> {
      synchronized (this) {
        server = bound;
        port = bound.actualPort();
      }
      return null;
    });
  }
}
