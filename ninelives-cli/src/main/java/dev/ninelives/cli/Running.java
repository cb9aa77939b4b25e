package dev.ninelives.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a server command alive until the process is told to stop, then shuts down cleanly. */
final class Running {
  private Running() {
  }

  static int untilStopped(String readyLine, Runnable shutdown) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        shutdown.run();
      } finally {
        BatchedStderr.flushInstalled(); // what the shutdown logged, too
        stopped.countDown();
      }
    }, "ninelives-shutdown"));
    System.out.println(readyLine);
    System.out.flush();
    stopped.await();
    return 0;
  }
}
