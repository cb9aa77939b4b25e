package dev.ninelives.uptime;

import static dev.ninelives.uptime.Events.attempt;
import static dev.ninelives.uptime.Events.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ninelives.core.config.UptimeConfig;
import dev.ninelives.core.time.ManualClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history on disk: survives a restart, a torn line, a crash mid roll-up; one writer. */
class PersistenceTest {
  @TempDir
  Path dataDir;

  private final ManualClock clock = Events.clock();

  private UptimeHistory open() {
    return UptimeHistory.open(new UptimeConfig(Optional.of(dataDir), 0.999), clock);
  }

  private Path minutesFile() {
    return dataDir.resolve("uptime").resolve("minutes-2026-11-24.jsonl");
  }

  /** Five minutes of traffic with a two-minute outage of the primary. */
  private void traffic(UptimeHistory h) {
    UptimeRecorder rec = h.recorder();
    for (int minute = 0; minute < 5; minute++) {
      boolean outage = minute == 1 || minute == 2;
      for (int i = 0; i < 10; i++) {
        rec.onAttempt("chat", attempt("primary/m1", outage ? "server-error" : "success"));
        if (outage) {
          rec.onAttempt("chat", attempt("secondary/m2", "success"));
        }
        rec.onRequest(request("chat", "succeeded", outage));
      }
      clock.advance(Duration.ofMinutes(1));
      h.flush();
    }
  }

  private ReportWindow window() {
    return new ReportWindow(Events.START, Instant.parse("2026-11-24T10:10:00Z"));
  }

  /** A report without the parts that legitimately differ between two reads. */
  private static List<Object> content(UptimeReport r) {
    return List.of(r.clients(), r.routes(), r.providers(), r.coverage().gaps(),
        r.coverage().minutesWithData());
  }

  @Test
  void theSameReportAfterARestart() {
    UptimeReport before;
    try (UptimeHistory h = open()) {
      traffic(h);
      before = h.report(window());
    }
    assertThat(before.providers()).hasSize(2);
    assertThat(before.storage().persistent()).isTrue();
    assertThat(before.clients().failedOver()).isEqualTo(20);

    try (UptimeHistory h = open()) {
      UptimeReport after = h.report(window());
      assertThat(content(after)).isEqualTo(content(before));
      assertThat(after.providers().get(0).targets().get(0).longestOutage().minutes())
          .isEqualTo(2);
    }
  }

  @Test
  void minutesRecordedBeforeAndAfterARestartInTheSameMinuteAddUp() {
    try (UptimeHistory h = open()) {
      h.recorder().onRequest(request("chat", "succeeded", false));
    } // closing writes the running minute
    try (UptimeHistory h = open()) {
      h.recorder().onRequest(request("chat", "succeeded", false));
      assertThat(h.report(window()).clients().succeeded()).isEqualTo(2);
    }
    try (UptimeHistory h = open()) {
      assertThat(h.report(window()).clients().succeeded()).isEqualTo(2);
    }
  }

  @Test
  void aTornLastLineIsDroppedWithANoteAndStartUpCarriesOn() throws Exception {
    UptimeReport before;
    try (UptimeHistory h = open()) {
      traffic(h);
      before = h.report(window());
    }
    Files.writeString(minutesFile(), "{\"at\":\"2026-11-24T10:05:00Z\",\"kind\":\"rou",
        StandardOpenOption.APPEND);

    try (UptimeHistory h = open()) {
      UptimeReport after = h.report(window());
      assertThat(content(after)).isEqualTo(content(before));
      assertThat(after.coverage().notes()).singleElement().asString()
          .contains("torn last line", "minutes-2026-11-24.jsonl");
      h.recorder().onRequest(request("chat", "all-failed", false));
    }
    assertThat(Files.readString(minutesFile())).endsWith("\n");
    try (UptimeHistory h = open()) {
      assertThat(h.report(window()).clients().failed()).as("appended after the repair")
          .isEqualTo(1);
    }
  }

  @Test
  void anUnreadableLineInTheMiddleIsSkippedAndNamed() throws Exception {
    try (UptimeHistory h = open()) {
      h.recorder().onRequest(request("chat", "succeeded", false));
      clock.advance(Duration.ofMinutes(1));
      h.flush();
    }
    Files.writeString(minutesFile(), "not json\n", StandardOpenOption.APPEND);
    try (UptimeHistory h = open()) {
      h.recorder().onRequest(request("chat", "succeeded", false));
      clock.advance(Duration.ofMinutes(1));
      h.flush();
      UptimeReport r = h.report(window());
      assertThat(r.clients().succeeded()).isEqualTo(2);
      assertThat(r.coverage().notes()).singleElement().asString()
          .contains("skipped line", "minutes-2026-11-24.jsonl", "not valid JSON");
    }
  }

  @Test
  void aSecondWriterIsRefusedAndReadingIsAlwaysAllowed() {
    try (UptimeHistory first = open()) {
      first.recorder().onRequest(request("chat", "succeeded", false));
      clock.advance(Duration.ofMinutes(1));
      first.flush();

      assertThatThrownBy(this::open).isInstanceOf(UptimeStoreLockedException.class)
          .hasMessageContaining("in use by another gateway")
          .hasMessageContaining("process " + ProcessHandle.current().pid())
          .hasMessageContaining("uptime.data_dir");

      UptimeReport read = UptimeArchive.report(dataDir, 0.999, window(), clock);
      assertThat(read.clients().succeeded()).isEqualTo(1);
    }
    try (UptimeHistory again = open()) {
      assertThat(again.report(window()).clients().succeeded()).isEqualTo(1);
    }
  }

  @Test
  void aWriterInAnotherProcessHoldsTheLock() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LockHolder.class.getName(), dataDir.toString()).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
          StandardCharsets.UTF_8));
      String ready = CompletableFuture.supplyAsync(() -> {
        try {
          String line;
          while ((line = out.readLine()) != null && !line.equals(LockHolder.READY)) {
            // start-up output of the other JVM
          }
          return line;
        } catch (java.io.IOException e) {
          return null;
        }
      }).get(60, TimeUnit.SECONDS);
      assertThat(ready).isEqualTo(LockHolder.READY);

      assertThatThrownBy(this::open).isInstanceOf(UptimeStoreLockedException.class)
          .hasMessageContaining("process " + holder.pid());
    } finally {
      holder.getOutputStream().close(); // tells it to let go
      if (!holder.waitFor(30, TimeUnit.SECONDS)) {
        holder.destroyForcibly();
      }
    }
    open().close(); // free again once the other process has gone
  }

  @Test
  void aCrashBetweenRollingUpADayAndDeletingItsMinutesCountsTheDayOnce() throws Exception {
    ReportWindow day = new ReportWindow(Events.START, Instant.parse("2026-11-25T00:00:00Z"));
    UptimeReport before;
    try (UptimeHistory h = open()) {
      traffic(h);
      before = h.report(day);
    }
    Path minutes = minutesFile();
    Path saved = dataDir.resolve("saved.jsonl");
    Files.copy(minutes, saved);
    clock.advance(Duration.ofDays(8));
    try (UptimeHistory h = open()) {
      assertThat(Files.exists(minutes)).as("rolled up when it opened").isFalse();
    }
    Files.copy(saved, minutes); // as if the delete had not happened

    UptimeReport read = UptimeArchive.report(dataDir, 0.999, day, clock);
    assertThat(read.clients()).isEqualTo(before.clients());
    try (UptimeHistory h = open()) {
      assertThat(Files.exists(minutes)).isFalse();
      assertThat(h.report(day).clients()).isEqualTo(before.clients());
    }
  }

  @Test
  void theArchiveOfADirectoryWithoutHistoryIsEmptyAndSaysSo() {
    UptimeReport r = UptimeArchive.report(dataDir.resolve("nothing-here"), 0.999, window(),
        clock);
    assertThat(r.coverage().minutesWithData()).isZero();
    assertThat(r.coverage().notes()).singleElement().asString().contains("no uptime history");
  }
}
