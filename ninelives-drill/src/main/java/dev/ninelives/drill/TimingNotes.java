package dev.ninelives.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Warns when compression leaves a phase too short to observe what the scenario asserts in it:
 * the gateway reacts in real seconds, so an incident replayed in less time than its detection
 * bound, or a recovery shorter than its readmission bound, may end before the reaction shows.
 * Stateless.
 */
final class TimingNotes {
  private TimingNotes() {}

  static List<String> of(Timeline t) {
    Expectations e = t.scenario().expect();
    List<String> notes = new ArrayList<>();
    for (Timeline.Incident i : t.incidents()) {
      if (!i.visible()) {
        continue;
      }
      check(notes, t, i.firstPhase(), i.wallEnd() - i.wallStart(), e.detectionMax(), "detection_max");
      if (i.recovers() && e.readmissionMax() != null) {
        Timeline.Span next = t.spans().get(i.lastPhase() + 1);
        check(notes, t, next.index(), next.wallEnd() - next.wallStart(), e.readmissionMax(), "readmission_max");
      }
    }
    return notes;
  }

  private static void check(List<String> notes, Timeline t, int phase, long wallNanos, Duration bound, String name) {
    if (bound == null || wallNanos >= bound.toNanos()) {
      return;
    }
    String note = "phase '" + t.spans().get(phase).phase().name() + "' lasts " + Durations.seconds(wallNanos)
        + " in this replay, less than " + name + " (" + Durations.human(bound)
        + "): the gateway's reaction may not fit in it; a longer replay (--length) gives it room";
    if (!notes.contains(note)) {
      notes.add(note);
    }
  }
}
