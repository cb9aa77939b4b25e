package dev.ninelives.drill;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * A drill's live view on a terminal: one status line rewritten in place (carriage return) when
 * the output is a terminal, or a plain line every few seconds when it is not (a log, a CI job);
 * a line of its own for each phase and for each breaker or quarantine decision.
 *
 * <p>Not thread-safe; a drill calls its progress from one thread.
 */
public final class TerminalProgress implements DrillProgress {
  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final boolean tty;
  private int shownPhase = -1;
  private int lineLength;
  private long lastPlain = Long.MIN_VALUE;

  /**
   * @param tty true to rewrite one line in place; false for plain periodic lines
   */
  public TerminalProgress(PrintStream out, boolean tty) {
    this.out = out;
    this.tty = tty;
  }

  /**
   * The text in plain ASCII. Java 17 writes the console in the locale's charset, which under a
   * C locale turns every non-ASCII character into '?'; the reports, written as UTF-8, keep them.
   */
  public static String plain(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '─':
          sb.append('-');
          break;
        case '–':
        case '—':
          sb.append('-');
          break;
        case '×':
          sb.append('x');
          break;
        case '≥':
          sb.append(">=");
          break;
        case '≤':
          sb.append("<=");
          break;
        case '→':
          sb.append("->");
          break;
        case '…':
          sb.append("...");
          break;
        default:
          sb.append(c < 128 ? c : '?');
          break;
      }
    }
    return sb.toString();
  }

  /** A view for the process's standard output, rewriting in place only when it is a terminal. */
  public static TerminalProgress forConsole(PrintStream out) {
    return new TerminalProgress(out, System.console() != null);
  }

  @Override
  public void started(Timeline t, String gatewayUrl, String wiring) {
    DrillScenario s = t.scenario();
    out.println(plain(String.format(Locale.ROOT, "drill %s: %s of scenario time replayed in %s (%sx faster), %s"
        + " requests/s", s.name(), Durations.human(s.length()), Durations.seconds(t.wallNanos()),
        MarkdownReport.factor(t.compression()), MarkdownReport.trim(s.load().rate()))));
    out.println(plain("  gateway " + gatewayUrl + ": " + wiring));
    out.flush();
  }

  @Override
  public void tick(LiveStatus s) {
    phaseLine(s);
    String line = statusLine(s);
    if (tty) {
      rewrite(line);
    } else if (lastPlain == Long.MIN_VALUE || s.elapsedNanos() - lastPlain >= PLAIN_EVERY_NANOS) {
      lastPlain = s.elapsedNanos();
      out.println(plain(line));
      out.flush();
    }
  }

  @Override
  public void event(LiveStatus s, String text) {
    phaseLine(s);
    above(String.format(Locale.ROOT, "  %6.1fs  %s", s.elapsedNanos() / 1e9, text));
  }

  @Override
  public void finished(LiveStatus s) {
    if (tty) {
      rewrite(statusLine(s));
      out.println();
    } else {
      out.println(plain(statusLine(s)));
    }
    lineLength = 0;
    out.flush();
  }

  private void phaseLine(LiveStatus s) {
    Timeline.Span span = s.span();
    if (span.index() == shownPhase) {
      return;
    }
    shownPhase = span.index();
    above(String.format(Locale.ROOT, "-- phase %d/%d  %s  (scenario %s–%s): %s", span.index() + 1, s.phases(),
        span.phase().name(), Format.clock(span.scenarioStart()),
        Format.clock(span.scenarioStart().plus(span.phase().length())), span.phase().faultSummary()));
  }

  /** Prints a line of its own, keeping the status line (if any) below it. */
  private void above(String text) {
    if (tty && lineLength > 0) {
      out.print('\r' + " ".repeat(lineLength) + '\r');
      lineLength = 0;
    }
    out.println(plain(text));
    out.flush();
  }

  private void rewrite(String text) {
    String line = plain(text);
    String padded = line.length() < lineLength ? line + " ".repeat(lineLength - line.length()) : line;
    out.print('\r' + padded);
    out.flush();
    lineLength = line.length();
  }

  static String statusLine(LiveStatus s) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "[%5.1fs/%.0fs] %-7s", s.elapsedNanos() / 1e9, s.wallNanos() / 1e9,
        Format.clock(s.scenarioElapsed().withNanos(0))));
    LiveStatus.Counts g = s.gateway();
    sb.append(String.format(Locale.ROOT, " gateway %4d sent %6.1f%% ok", g.sent(), g.successRate() * 100));
    if (g.wrong() > 0) {
      sb.append(String.format(Locale.ROOT, " %d wrong", g.wrong()));
    }
    sb.append(s.recentP95Millis() < 0 ? "  p95     -" : String.format(Locale.ROOT, "  p95 %5dms", s.recentP95Millis()));
    if (!s.recentServedBy().isEmpty()) {
      sb.append("  via ").append(top(s.recentServedBy()));
    }
    if (s.direct() != null) {
      sb.append(String.format(Locale.ROOT, " | direct %6.1f%% ok", s.direct().successRate() * 100));
    }
    String open = s.breakers().entrySet().stream().filter(e -> !e.getValue().equals("closed"))
        .map(e -> e.getKey().substring(0, Math.max(0, e.getKey().indexOf('/') < 0 ? e.getKey().length()
            : e.getKey().indexOf('/'))) + " " + e.getValue())
        .reduce((a, b) -> a + ", " + b).orElse("");
    if (!open.isEmpty()) {
      sb.append(" | breaker ").append(open);
    }
    return sb.toString();
  }

  private static String top(Map<String, Integer> served) {
    return served.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("-");
  }
}
