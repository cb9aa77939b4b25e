package dev.ninelives.uptime;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The store without a data directory: the same lines and retention as on disk, in memory, so
 * the history starts again at every restart. Not thread-safe: used under the history's lock.
 */
final class MemoryStore implements Store {
  private final TreeMap<LocalDate, List<String>> minutes = new TreeMap<>();
  private final TreeMap<LocalDate, List<String>> hours = new TreeMap<>();

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public String location() {
    return "memory";
  }

  @Override
  public SortedSet<LocalDate> days() {
    SortedSet<LocalDate> all = new TreeSet<>(minutes.keySet());
    all.addAll(hours.keySet());
    return all;
  }

  @Override
  public SortedSet<LocalDate> minuteDays() {
    return new TreeSet<>(minutes.keySet());
  }

  @Override
  public Day read(LocalDate day) {
    List<String> h = hours.get(day);
    if (h != null) {
      return new Day(day, true, "hours of " + day, List.copyOf(h));
    }
    return new Day(day, false, "minutes of " + day, List.copyOf(minutes.getOrDefault(day,
        List.of())));
  }

  @Override
  public void append(LocalDate day, List<String> lines) {
    minutes.computeIfAbsent(day, d -> new ArrayList<>()).addAll(lines);
  }

  @Override
  public void rollUp(LocalDate day, List<String> hourLines) {
    hours.put(day, new ArrayList<>(hourLines));
    minutes.remove(day);
  }

  @Override
  public void delete(LocalDate day) {
    hours.remove(day);
    minutes.remove(day);
  }

  @Override
  public List<String> notes() {
    return List.of();
  }

  @Override
  public void close() {
  }
}
