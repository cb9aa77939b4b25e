package dev.ninelives.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the kernel says about processes: CPU time (user + system) of a process tree, its
 * resident memory, and the CPU time every process used, to tell how busy the rest of the
 * machine was during a measurement. Linux only ({@code /proc}).
 */
final class ProcStats {
  private static final Path PROC = Path.of("/proc");

  private ProcStats() {
  }

  /** One line of {@code /proc/<pid>/stat}, the fields this harness needs. */
  record Stat(long pid, String name, long ppid, long utimeTicks, long stimeTicks) {
    long cpuTicks() {
      return utimeTicks + stimeTicks;
    }
  }

  /**
   * Parses {@code /proc/<pid>/stat}. The command name (field 2) is in parentheses and may itself
   * contain spaces and parentheses, so fields are counted from the last {@code ')'}.
   */
  static Stat parseStat(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
    }
    long pid = Long.parseLong(line.substring(0, open).trim());
    String[] f = line.substring(close + 2).trim().split(" ");
    // After the name: state(3) ppid(4) ... utime(14) stime(15), so index = field - 3.
    return new Stat(pid, line.substring(open + 1, close), Long.parseLong(f[1]),
        Long.parseLong(f[11]), Long.parseLong(f[12]));
  }

  /** The value of {@code VmRSS} in {@code /proc/<pid>/status}, in KiB; -1 when absent. */
  static long parseRssKib(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String v = line.substring(6).trim();
        int sp = v.indexOf(' ');
        return Long.parseLong(sp < 0 ? v : v.substring(0, sp));
      }
    }
    return -1;
  }

  /**
   * Read and write system calls ({@code syscr + syscw}) in {@code /proc/<pid>/io}; -1 when
   * absent. Each send, receive, read or write of a socket counts.
   */
  static long parseIoCalls(String io) {
    long calls = 0;
    boolean seen = false;
    for (String line : io.split("\n")) {
      if (line.startsWith("syscr:") || line.startsWith("syscw:")) {
        calls += Long.parseLong(line.substring(6).trim());
        seen = true;
      }
    }
    return seen ? calls : -1;
  }

  /** Read and write system calls of a set of processes so far (0 for one that is gone). */
  static long ioCalls(Collection<Long> pids) {
    long t = 0;
    for (long p : pids) {
      try {
        t += Math.max(0, parseIoCalls(Files.readString(PROC.resolve(Long.toString(p))
            .resolve("io"))));
      } catch (IOException e) {
        // gone, or not readable: counts as none
      }
    }
    return t;
  }

  /** Clock ticks per second of the {@code utime}/{@code stime} fields. */
  static long ticksPerSecond() {
    // USER_HZ is 100 on every Linux architecture this harness targets; getconf confirms it.
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return Long.parseLong(out);
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }

  static Stat stat(long pid) {
    try {
      return parseStat(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat")));
    } catch (IOException | RuntimeException e) {
      return null; // the process ended between listing and reading
    }
  }

  /** Resident memory of one process in KiB, or -1 if it is gone. */
  static long rssKib(long pid) {
    try {
      return parseRssKib(Files.readString(PROC.resolve(Long.toString(pid)).resolve("status")));
    } catch (IOException e) {
      return -1;
    }
  }

  /** Every live process's stat, by pid. */
  static Map<Long, Stat> all() {
    Map<Long, Stat> out = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC)) {
      for (Path d : dirs) {
        String name = d.getFileName().toString();
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
          Stat s = stat(Long.parseLong(name));
          if (s != null) {
            out.put(s.pid(), s);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return out;
  }

  /** {@code root} and all its descendants in a snapshot. */
  static Set<Long> tree(long root, Map<Long, Stat> snapshot) {
    Map<Long, List<Long>> children = new HashMap<>();
    for (Stat s : snapshot.values()) {
      children.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s.pid());
    }
    Set<Long> out = new HashSet<>();
    ArrayDeque<Long> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      long p = todo.poll();
      if (out.add(p)) {
        todo.addAll(children.getOrDefault(p, List.of()));
      }
    }
    return out;
  }

  /** CPU ticks of a set of processes in a snapshot. */
  static long ticks(Collection<Long> pids, Map<Long, Stat> snapshot) {
    long t = 0;
    for (long p : pids) {
      Stat s = snapshot.get(p);
      if (s != null) {
        t += s.cpuTicks();
      }
    }
    return t;
  }

  /** The process outside {@code excluded} that used the most CPU between two snapshots. */
  static String busiestOther(Map<Long, Stat> before, Map<Long, Stat> after, Set<Long> excluded) {
    Stat best = null;
    long most = 0;
    for (Map.Entry<Long, Stat> e : after.entrySet()) {
      Stat b = before.get(e.getKey());
      if (b != null && !excluded.contains(e.getKey())) {
        long d = e.getValue().cpuTicks() - b.cpuTicks();
        if (d > most) {
          most = d;
          best = e.getValue();
        }
      }
    }
    return best == null ? "none" : best.name() + " (pid " + best.pid() + ", " + most + " ticks)";
  }

  /**
   * CPU ticks used between two snapshots by processes not in {@code excluded}, counting only
   * processes present in both (a process that started or ended meanwhile is left out).
   */
  static long otherTicks(Map<Long, Stat> before, Map<Long, Stat> after, Set<Long> excluded) {
    long t = 0;
    for (Map.Entry<Long, Stat> e : after.entrySet()) {
      Stat b = before.get(e.getKey());
      if (b != null && !excluded.contains(e.getKey())) {
        t += Math.max(0, e.getValue().cpuTicks() - b.cpuTicks());
      }
    }
    return t;
  }
}
