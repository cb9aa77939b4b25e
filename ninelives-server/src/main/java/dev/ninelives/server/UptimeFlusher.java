package dev.ninelives.server;

import dev.ninelives.uptime.UptimeHistory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes the uptime history every {@value #PERIOD_MS} ms on a worker thread (writing to disk
 * never runs on an event loop), and closes it when the gateway stops. A failing write is logged
 * once, not every period, until writing works again; the counts wait in memory meanwhile.
 *
 * <p>Thread-safe.
 */
final class UptimeFlusher {
  private static final Logger LOG = LoggerFactory.getLogger(UptimeFlusher.class);
  /** Often enough that a finished minute reaches the disk within seconds. */
  static final long PERIOD_MS = 10_000;

  private final Vertx vertx;
  private final UptimeHistory history;
  private final long timer;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean failing;

  private UptimeFlusher(Vertx vertx, UptimeHistory history) {
    this.vertx = vertx;
    this.history = history;
    this.timer = vertx.setPeriodic(PERIOD_MS, id -> flush());
  }

  static UptimeFlusher start(Vertx vertx, UptimeHistory history) {
    return new UptimeFlusher(vertx, history);
  }

  UptimeHistory history() {
    return history;
  }

  private void flush() {
    if (!running.compareAndSet(false, true)) {
      return; // the last flush (a day's roll-up, a slow disk) is still going
    }
    vertx.executeBlocking(() -> {
      history.flush();
      return null;
    }, false).onComplete(ar -> {
      running.set(false);
      if (ar.failed() && !failing) {
        failing = true;
        LOG.warn("uptime history: {}; counts are kept in memory and written once it works",
            ar.cause().getMessage());
      } else if (ar.succeeded() && failing) {
        failing = false;
        LOG.info("uptime history: writing works again");
      }
    });
  }

  /** Stops flushing, writes everything and releases the store. Never fails. */
  Future<Void> close() {
    vertx.cancelTimer(timer);
    return vertx.executeBlocking(() -> {
      history.close();
      return null;
    }, false).otherwise(err -> {
      LOG.warn("uptime history: could not write the last counts: {}", err.getMessage());
      return null;
    }).mapEmpty();
  }
}
