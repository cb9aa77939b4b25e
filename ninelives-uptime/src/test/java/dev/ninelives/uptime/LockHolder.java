package dev.ninelives.uptime;

import java.nio.file.Path;

/** Holds a store's writer lock in a process of its own until its standard input closes. */
public final class LockHolder {
  static final String READY = "holding the lock";

  private LockHolder() {
  }

  public static void main(String[] args) throws Exception {
    try (FileStore store = FileStore.writer(Path.of(args[0]))) {
      System.out.println(READY);
      System.out.flush();
      while (System.in.read() >= 0) {
        // waits for the test to close our input
      }
    }
  }
}
