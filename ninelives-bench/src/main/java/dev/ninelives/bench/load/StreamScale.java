package dev.ninelives.bench.load;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Many concurrent open streams on one NineLives instance: opens {@code --streams} streaming
 * requests (default 10,000), each an endless stream with one event a second, holds them for
 * {@code --hold} seconds, and records the gateway's resident memory (RSS) as they ramp up,
 * while they are held, and after they are closed. Writes {@code streams-results.md}.
 *
 * <p>Each open stream costs the gateway two sockets (client and upstream), so the count is
 * capped by the process's open-file limit (unless {@code --no-cap}); the report says so. The
 * route spreads streams over {@code --providers} providers that all reach the mock, because
 * one provider's upstream pool holds at most 4,096 connections.
 */
public final class StreamScale {
  private StreamScale() {
  }

  /** Hard limit on open files, from {@code /proc/self/limits}; -1 if unknown. */
  static long openFileLimit(String limits) {
    for (String line : limits.split("\n")) {
      if (line.startsWith("Max open files")) {
        String[] f = line.substring("Max open files".length()).trim().split("\\s+");
        return f[1].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(f[1]);
      }
    }
    return -1;
  }

  /** Streams that fit: two descriptors each in the gateway, plus a margin for everything else. */
  static int fitting(int wanted, long fileLimit) {
    if (fileLimit < 0) {
      return wanted;
    }
    long fit = (fileLimit - 500) / 2;
    return (int) Math.max(0, Math.min(wanted, fit));
  }

  public static void main(String[] args) throws Exception {
    LoadBench.Settings s = LoadBench.Settings.parse(args);
    LoadBench bench = new LoadBench(s);
    Thread guard = new Thread(() -> {
      try {
        Thread.sleep(Duration.ofSeconds(s.holdSeconds + 900L).toMillis());
        System.err.println("stream scale test ran too long; stopping");
        bench.stopMock();
        Runtime.getRuntime().halt(3);
      } catch (InterruptedException e) {
        // finished in time
      }
    }, "time-limit");
    guard.setDaemon(true);
    guard.start();
    try {
      run(bench, s);
    } finally {
      bench.stopMock();
    }
  }

  private static void run(LoadBench bench, LoadBench.Settings s) throws Exception {
    var env = bench.environment();
    long limit = openFileLimit(Files.readString(Path.of("/proc/self/limits")));
    int streams = s.capStreams ? fitting(s.streams, limit) : s.streams;
    List<String> notes = new ArrayList<>();
    if (streams < s.streams) {
      notes.add(String.format(Locale.ROOT, "%,d streams asked for, %,d measured: the open-file "
          + "limit here is %,d and each stream holds two sockets in the gateway (the limit "
          + "cannot be raised without privileges; --no-cap tries anyway)", s.streams, streams,
          limit));
    }
    Sut.Setup setup = bench.prepare();
    Sut sut = Sut.startNineLives(setup, "ninelives-streams",
        Configs.nineLivesStreams(setup.nineLivesPort(), setup.mockPort(), s.providers),
        setup.nineLivesPort(), "chat");
    List<String[]> samples = new ArrayList<>();
    long startNanos = System.nanoTime();
    long idleRss = ProcStats.rssKib(sut.pid());
    samples.add(sample(startNanos, "started, idle", 0, idleRss));
    LoadBench.log(String.format(Locale.ROOT, "NineLives up in %.0f ms, RSS %.1f MiB; opening "
        + "%,d streams", sut.startMillis, idleRss / 1024.0, streams));
    byte[] request = LoadClient.post(sut.address, sut.path, sut.headers,
        Configs.body("chat", true));
    long peak = idleRss;
    long heldRss;
    long[] progress;
    double eventsPerSecond;
    try (LoadClient c = new LoadClient(new InetSocketAddress("127.0.0.1",
        sut.address.getPort()), request, streams, Duration.ofSeconds(s.holdSeconds + 600L))) {
      Thread opener = new Thread(() -> {
        try {
          c.startAll(s.rampPerSecond);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "stream-opener");
      opener.start();
      // Ramp: until every stream has its first event, or 3 minutes.
      long rampLimit = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      int nextQuarter = 1;
      do {
        Thread.sleep(1000);
        progress = c.progress();
        long rss = ProcStats.rssKib(sut.pid());
        peak = Math.max(peak, rss);
        while (nextQuarter <= 4 && progress[0] >= (long) streams * nextQuarter / 4) {
          samples.add(sample(startNanos, nextQuarter * 25 + " % open", progress[0], rss));
          nextQuarter++;
        }
      } while (progress[0] + progress[2] + progress[3] < streams
          && System.nanoTime() < rampLimit);
      opener.join(10_000);
      LoadBench.log(String.format(Locale.ROOT, "%,d streams open (%,d answered with an error, "
          + "%,d failed); holding for %d s", progress[0] - progress[1], progress[2], progress[3],
          s.holdSeconds));
      long bytes0 = c.bytesRead();
      long t0 = System.nanoTime();
      long holdEnd = t0 + Duration.ofSeconds(s.holdSeconds).toNanos();
      long rss = 0;
      while (System.nanoTime() < holdEnd) {
        Thread.sleep(5000);
        rss = ProcStats.rssKib(sut.pid());
        peak = Math.max(peak, rss);
      }
      progress = c.progress();
      heldRss = rss;
      double secs = (System.nanoTime() - t0) / 1e9;
      eventsPerSecond = (c.bytesRead() - bytes0) / secs / MockUpstream.TOKEN_EVENT.length();
      samples.add(sample(startNanos, "held " + s.holdSeconds + " s", progress[0] - progress[1],
          heldRss));
      LoadBench.log(String.format(Locale.ROOT, "held: RSS %.1f MiB, peak %.1f MiB, about %,.0f "
          + "events/s arriving", heldRss / 1024.0, peak / 1024.0, eventsPerSecond));
    }
    Thread.sleep(5000);
    long closedRss = ProcStats.rssKib(sut.pid());
    samples.add(sample(startNanos, "5 s after the clients closed", 0, closedRss));
    String heap = Tools.output(jcmd(s.javaBin), Long.toString(sut.pid()), "GC.heap_info");
    String attempts = attemptCounts(sut);
    sut.close();

    long open = progress[0] - progress[1];
    StringBuilder md = new StringBuilder("# NineLives: concurrent open streams\n\n");
    md.append("Generated by `ninelives-bench/load.sh streams`; measured in this run.\n\n");
    env.forEach((k, v) -> {
      if (!k.equals("nginx") && !k.equals("wrk") && !k.equals("node") && !k.equals("Portkey")
          && !k.equals("settings") && !k.equals("NineLives setup")) {
        md.append("- **").append(k).append("**: ").append(v).append('\n');
      }
    });
    md.append(String.format(Locale.ROOT, "- **setup**: %,d streaming requests opened at %.0f/s "
        + "on %,d client connections; each upstream stream sends one event a second and never "
        + "ends; route `chat` weighted over %d providers on the same mock; held %d s%n",
        streams, s.rampPerSecond, streams, s.providers, s.holdSeconds));
    for (String n : notes) {
      md.append("- **note**: ").append(n).append('\n');
    }
    md.append(String.format(Locale.ROOT, "%n**%,d streams open at once; RSS %.1f MiB while "
        + "held (peak %.1f MiB)** — %.1f KiB per open stream over the idle %.1f MiB. %,d "
        + "requests were answered with an error status and %,d failed. Events arriving while "
        + "held: about %,.0f/s.%n%n", open, heldRss / 1024.0, peak / 1024.0,
        open == 0 ? 0 : (heldRss - idleRss) / (double) open, idleRss / 1024.0, progress[2],
        progress[3], eventsPerSecond));
    md.append("| elapsed s | moment | streams open | RSS MiB |\n|---:|---|---:|---:|\n");
    for (String[] row : samples) {
      md.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    md.append("\nThe gateway's attempts by outcome (`ninelives_attempts_total`):\n\n```\n")
        .append(attempts).append("```\n");
    md.append("\nJVM heap after the test (`jcmd GC.heap_info`):\n\n```\n").append(heap.trim())
        .append("\n```\n");
    Path out = s.out.resolve("streams-results.md");
    Files.writeString(out, md.toString());
    LoadBench.log("results: " + out.toAbsolutePath());
    System.out.println(md);
  }

  /** The gateway's attempt counters, scraped from its metrics endpoint. */
  static String attemptCounts(Sut sut) {
    try {
      java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
      String body = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
          "http://127.0.0.1:" + sut.address.getPort() + "/metrics"))
          .timeout(Duration.ofSeconds(10)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      StringBuilder out = new StringBuilder();
      for (String line : body.split("\n")) {
        if (line.startsWith("ninelives_attempts_total{")) {
          out.append(line).append('\n');
        }
      }
      return out.toString();
    } catch (java.io.IOException e) {
      return "(metrics unavailable: " + e.getMessage() + ")\n";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)\n";
    }
  }

  private static String[] sample(long start, String moment, long open, long rssKib) {
    return new String[] {String.format(Locale.ROOT, "%.0f", (System.nanoTime() - start) / 1e9),
        moment, String.format(Locale.ROOT, "%,d", open),
        String.format(Locale.ROOT, "%.1f", rssKib / 1024.0)};
  }

  /** The jcmd next to the java that runs the gateway. */
  static String jcmd(String javaBin) {
    try {
      Path java = Path.of(javaBin);
      if (!java.isAbsolute()) {
        // Look the command up on PATH the way a shell would, then follow its symlinks (Debian's
        // /usr/bin/java points into the JDK, whose bin holds the matching jcmd).
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
          Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(javaBin);
          if (Files.isExecutable(candidate)) {
            java = candidate;
            break;
          }
        }
      }
      Path j = java.toRealPath().getParent().resolve("jcmd");
      return Files.isExecutable(j) ? j.toString() : "jcmd";
    } catch (java.io.IOException | RuntimeException e) {
      return "jcmd";
    }
  }
}
