package dev.ninelives.simulator;

import java.time.Duration;

/**
 * One thing an exchange does, and how long it waits before doing it. Immutable.
 *
 * @param pause the wait before {@code action}; zero runs it at once
 * @param action runs on the connection's event loop
 */
record Step(Duration pause, Runnable action) {}
