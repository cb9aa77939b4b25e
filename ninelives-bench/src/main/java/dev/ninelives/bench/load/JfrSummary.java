package dev.ninelives.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Turns a flight recording of the gateway into the tables a person reads to decide what to
 * make fast: where the CPU samples are (by method, and by part of the gateway, counting a
 * sample for every part on its stack) and which code allocates most.
 *
 * <p>Run: {@code java -cp benchmarks.jar dev.ninelives.bench.load.JfrSummary FILE.jfr}.
 */
public final class JfrSummary {
  /**
   * Parts of the request path, each recognised by a frame prefix anywhere on a sample's stack.
   * A sample counts for every part on its stack, so the shares add up to more than 100 %.
   */
  static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

  static {
    PARTS.put("access log (AccessLog + slf4j-simple)",
        List.of("dev.ninelives.server.AccessLog", "org.slf4j.simple"));
    PARTS.put("metrics (GatewayMetrics, Micrometer)",
        List.of("dev.ninelives.metrics", "io.micrometer", "io.prometheus"));
    PARTS.put("status tracker", List.of("dev.ninelives.status"));
    PARTS.put("health log listener", List.of("dev.ninelives.server.LoggingHealthListener"));
    PARTS.put("request summary fan-out (Relay.end)", List.of("dev.ninelives.server.relay.Relay.end"));
    PARTS.put("policy engine (core)", List.of("dev.ninelives.core"));
    PARTS.put("request scan, body rewrite, codecs (providers)", List.of("dev.ninelives.providers"));
    PARTS.put("stream relay (SseParser, inspector)",
        List.of("dev.ninelives.providers.SseParser", "dev.ninelives.server.protocol"));
    PARTS.put("relay (server)", List.of("dev.ninelives.server.relay"));
    PARTS.put("ingress (server.http)", List.of("dev.ninelives.server.http"));
    PARTS.put("Jackson", List.of("com.fasterxml.jackson"));
    PARTS.put("Vert.x HTTP client (upstream)", List.of("io.vertx.core.http.impl.http1.Http1Client",
        "io.vertx.core.http.impl.HttpClient", "io.vertx.core.internal.pool"));
    PARTS.put("Vert.x HTTP server (client side)", List.of("io.vertx.core.http.impl.http1.Http1Server",
        "io.vertx.core.http.impl.Http1xServer", "io.vertx.core.http.impl.HttpServer"));
    PARTS.put("Netty", List.of("io.netty"));
    PARTS.put("java.time formatting", List.of("java.time.format"));
  }

  private JfrSummary() {
  }

  /** Samples and allocations of one recording. */
  static final class Summary {
    long cpuSamples;
    final Map<String, Long> selfByMethod = new HashMap<>();
    final Map<String, Long> inclusiveByMethod = new HashMap<>();
    final Map<String, Long> byPart = new LinkedHashMap<>();
    long allocatedBytes;
    final Map<String, Long> allocationByClass = new HashMap<>();
    final Map<String, Long> allocationBySite = new HashMap<>();
  }

  static String frameName(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** Adds one CPU sample, given its frames from the top of the stack down. */
  static void addSample(Summary s, List<String> frames) {
    s.cpuSamples++;
    if (!frames.isEmpty()) {
      s.selfByMethod.merge(frames.get(0), 1L, Long::sum);
    }
    Set<String> seen = new HashSet<>();
    for (String f : frames) {
      if (seen.add(f)) {
        s.inclusiveByMethod.merge(f, 1L, Long::sum);
      }
    }
    for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
      boolean hit = false;
      for (String f : frames) {
        for (String prefix : part.getValue()) {
          if (f.startsWith(prefix)) {
            hit = true;
            break;
          }
        }
        if (hit) {
          break;
        }
      }
      if (hit) {
        s.byPart.merge(part.getKey(), 1L, Long::sum);
      }
    }
  }

  /**
   * The allocation site: the top-most frame in the gateway's own code, or the top frame when
   * none of the stack is ours.
   */
  static String site(List<String> frames) {
    for (String f : frames) {
      if (f.startsWith("dev.ninelives.")) {
        return f;
      }
    }
    return frames.isEmpty() ? "(no stack)" : frames.get(0);
  }

  static Summary read(Path file) throws IOException {
    Summary s = new Summary();
    try (RecordingFile r = new RecordingFile(file)) {
      while (r.hasMoreEvents()) {
        RecordedEvent e = r.readEvent();
        String type = e.getEventType().getName();
        RecordedStackTrace st = e.getStackTrace();
        List<String> frames = new ArrayList<>();
        if (st != null) {
          for (RecordedFrame f : st.getFrames()) {
            if (f.isJavaFrame()) {
              frames.add(frameName(f));
            }
          }
        }
        if (type.equals("jdk.ExecutionSample")) {
          addSample(s, frames);
        } else if (type.equals("jdk.ObjectAllocationSample")) {
          long weight = e.getLong("weight");
          String cls = e.getClass("objectClass").getName();
          s.allocatedBytes += weight;
          s.allocationByClass.merge(cls, weight, Long::sum);
          s.allocationBySite.merge(site(frames) + " -> " + cls, weight, Long::sum);
        }
      }
    }
    return s;
  }

  static String markdown(String title, Summary s, int top) {
    StringBuilder b = new StringBuilder();
    b.append("### ").append(title).append("\n\n");
    b.append(s.cpuSamples).append(" CPU samples (Java code only: time in the kernel and in "
        + "native code is not sampled).\n\n");
    b.append("| part of the gateway | share of CPU samples with it on the stack |\n|---|---:|\n");
    for (Map.Entry<String, Long> e : s.byPart.entrySet()) {
      b.append("| ").append(e.getKey()).append(" | ").append(pct(e.getValue(), s.cpuSamples))
          .append(" |\n");
    }
    b.append("\n| method (self) | share |\n|---|---:|\n");
    for (Map.Entry<String, Long> e : topN(s.selfByMethod, top)) {
      b.append("| `").append(e.getKey()).append("` | ").append(pct(e.getValue(), s.cpuSamples))
          .append(" |\n");
    }
    b.append("\n| gateway method (inclusive) | share |\n|---|---:|\n");
    Map<String, Long> ours = new HashMap<>();
    s.inclusiveByMethod.forEach((k, v) -> {
      if (k.startsWith("dev.ninelives.")) {
        ours.put(k, v);
      }
    });
    for (Map.Entry<String, Long> e : topN(ours, top)) {
      b.append("| `").append(e.getKey()).append("` | ").append(pct(e.getValue(), s.cpuSamples))
          .append(" |\n");
    }
    b.append(String.format(Locale.ROOT, "%nSampled allocation: %.1f MiB in all.%n%n",
        s.allocatedBytes / 1048576.0));
    b.append("| allocation site -> class | share of bytes |\n|---|---:|\n");
    for (Map.Entry<String, Long> e : topN(s.allocationBySite, top)) {
      b.append("| `").append(e.getKey()).append("` | ")
          .append(pct(e.getValue(), s.allocatedBytes)).append(" |\n");
    }
    b.append("\n| class allocated | share of bytes |\n|---|---:|\n");
    for (Map.Entry<String, Long> e : topN(s.allocationByClass, Math.min(top, 12))) {
      b.append("| `").append(e.getKey()).append("` | ")
          .append(pct(e.getValue(), s.allocatedBytes)).append(" |\n");
    }
    return b.append('\n').toString();
  }

  static List<Map.Entry<String, Long>> topN(Map<String, Long> m, int n) {
    List<Map.Entry<String, Long>> l = new ArrayList<>(m.entrySet());
    l.sort((a, b) -> {
      int c = Long.compare(b.getValue(), a.getValue());
      return c != 0 ? c : a.getKey().compareTo(b.getKey());
    });
    return l.subList(0, Math.min(n, l.size()));
  }

  static String pct(long part, long whole) {
    return whole == 0 ? "" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: JfrSummary FILE.jfr [TOP]");
      System.exit(2);
    }
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    Path f = Path.of(args[0]);
    System.out.print(markdown(f.getFileName().toString(), read(f), top));
  }
}
