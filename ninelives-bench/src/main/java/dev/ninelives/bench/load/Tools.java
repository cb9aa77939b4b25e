package dev.ninelives.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Facts about the machine and the tools, for the results file. */
final class Tools {
  private Tools() {
  }

  /** A command's output (stdout and stderr), trimmed; "unknown" if it cannot run in 10 s. */
  static String output(String... cmd) {
    try {
      Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "unknown";
      }
      return new String(out).trim();
    } catch (IOException e) {
      return "not installed";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "unknown CPU";
  }

  static String onlineCpus() {
    return output("nproc", "--all");
  }

  static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kib = ProcStats.parseRssKib("VmRSS:" + line.substring(9));
          return String.format(java.util.Locale.ROOT, "%.1f GiB memory", kib / 1024.0 / 1024.0);
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "unknown memory";
  }

  static String portkeyVersion(Path dir) {
    Path gateway = dir.resolve("node_modules/@portkey-ai/gateway/package.json");
    Path hono = dir.resolve("node_modules/@hono/node-server/package.json");
    return version(gateway) + " (@hono/node-server " + version(hono) + ")";
  }

  private static String version(Path packageJson) {
    try {
      String s = Files.readString(packageJson);
      int k = s.indexOf("\"version\"");
      int q1 = s.indexOf('"', s.indexOf(':', k) + 1);
      return s.substring(q1 + 1, s.indexOf('"', q1 + 1));
    } catch (IOException | RuntimeException e) {
      return "not installed";
    }
  }
}
