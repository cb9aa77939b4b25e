package dev.ninelives.status;

import java.util.Objects;

/**
 * One line of an incident's timeline.
 *
 * @param atMillis wall time in epoch milliseconds
 * @param text what happened, in plain words
 */
public record TimelineEntry(long atMillis, String text) {
  public TimelineEntry {
    Objects.requireNonNull(text, "text");
  }
}
