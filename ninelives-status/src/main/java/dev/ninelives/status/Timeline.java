package dev.ninelives.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A bounded, mutable timeline: plain entries, and counted entries that coalesce repeats of the
 * same event within a minute into one line with a count ("Traffic moved from A to B (12
 * requests)").
 *
 * <p>When full, entries after the first {@code head} are dropped oldest first and counted, so
 * the start of the story and its latest part both survive.
 *
 * <p>Not thread-safe: guarded by the tracker's incident lock.
 */
final class Timeline {
  static final long COALESCE_NANOS = 60_000_000_000L;

  /** One line; mutable only in its count. */
  static final class Entry {
    final long atNanos;
    final long atMillis;
    final String text;
    /** 0 for a plain entry, else how many events this counted entry stands for. */
    int count;

    Entry(long atNanos, long atMillis, String text, int count) {
      this.atNanos = atNanos;
      this.atMillis = atMillis;
      this.text = text;
      this.count = count;
    }

    String render() {
      return count == 0 ? text : text + " (" + count + (count == 1 ? " request)." : " requests).");
    }
  }

  private final int max;
  private final int head;
  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Entry> lastByKey = new HashMap<>();
  private int omitted;

  Timeline(int max, int head) {
    this.max = max;
    this.head = head;
  }

  void add(long atNanos, long atMillis, String text) {
    append(new Entry(atNanos, atMillis, text, 0));
  }

  /** Adds one event of a kind that is coalesced per {@code key} within a minute. */
  void addCounted(long atNanos, long atMillis, String key, String text) {
    Entry last = lastByKey.get(key);
    if (last != null && atNanos - last.atNanos < COALESCE_NANOS) {
      last.count++;
      return;
    }
    Entry e = new Entry(atNanos, atMillis, text, 1);
    lastByKey.put(key, e);
    append(e);
  }

  /** Puts an entry before all others (an event that was reported after what it caused). */
  void addFirst(Entry e) {
    entries.add(0, e);
    trim();
  }

  /** Copies another timeline's entries, counts and coalescing keys onto the end of this one. */
  void addAll(Timeline other) {
    Map<Entry, String> keys = new HashMap<>();
    for (Map.Entry<String, Entry> k : other.lastByKey.entrySet()) {
      keys.put(k.getValue(), k.getKey());
    }
    for (Entry e : other.entries) {
      Entry copy = new Entry(e.atNanos, e.atMillis, e.text, e.count);
      String key = keys.get(e);
      if (key != null) {
        lastByKey.put(key, copy);
      }
      append(copy);
    }
  }

  /** The first entry, or null. */
  Entry first() {
    return entries.isEmpty() ? null : entries.get(0);
  }

  /** Drops entries older than {@code nanos}. */
  void pruneBefore(long nanos) {
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.atNanos < nanos) {
        it.remove();
        lastByKey.values().remove(e);
      }
    }
  }

  void clear() {
    entries.clear();
    lastByKey.clear();
    omitted = 0;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  int omitted() {
    return omitted;
  }

  private void append(Entry e) {
    entries.add(e);
    trim();
  }

  private void trim() {
    while (entries.size() > max) {
      Entry dropped = entries.remove(Math.min(head, entries.size() - 1));
      lastByKey.values().remove(dropped);
      omitted++;
    }
  }

  /** An immutable copy, with a line marking where entries were left out. */
  List<TimelineEntry> view() {
    List<TimelineEntry> out = new ArrayList<>(entries.size() + 1);
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (omitted > 0 && i == head) {
        out.add(new TimelineEntry(e.atMillis, "(" + omitted + " more "
            + (omitted == 1 ? "entry" : "entries") + " left out here)"));
      }
      out.add(new TimelineEntry(e.atMillis, e.render()));
    }
    return List.copyOf(out);
  }
}
