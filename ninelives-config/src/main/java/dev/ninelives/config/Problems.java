package dev.ninelives.config;

import dev.ninelives.config.ConfigProblem.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects the problems of one load. Not thread-safe: one instance per load.
 *
 * <p>A YAML alias makes one node appear at several places of the tree, so the same mistake can
 * be found once per use. Problems at the same location with the same message are kept once:
 * the operator has one thing to fix.
 */
final class Problems {
  private final String source;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private int errorReports;

  Problems(String source) {
    this.source = source;
  }

  void error(Node at, String path, String message) {
    add(Severity.ERROR, at, path, message);
  }

  void warning(Node at, String path, String message) {
    add(Severity.WARNING, at, path, message);
  }

  /** A problem at a raw mark, for syntax errors that have no node. */
  void errorAt(Mark mark, String message) {
    add(Severity.ERROR, line(mark), column(mark), "", message);
  }

  /**
   * How many errors were reported so far, duplicates included. A reader compares two counts to
   * learn whether a part of the document had errors, even ones already reported elsewhere.
   */
  int errorReports() {
    return errorReports;
  }

  List<ConfigProblem> all() {
    return List.copyOf(problems);
  }

  private void add(Severity severity, Node at, String path, String message) {
    Mark mark = at == null ? null : at.getStartMark();
    add(severity, line(mark), column(mark), path, message);
  }

  private void add(Severity severity, int line, int column, String path, String message) {
    if (severity == Severity.ERROR) {
      errorReports++;
    }
    String key = severity + ":" + line + ":" + column + ":" + message;
    if (seen.add(key)) {
      problems.add(new ConfigProblem(severity, source, line, column, path, message));
    }
  }

  // SnakeYAML counts from 0; editors and compilers count from 1.
  private static int line(Mark mark) {
    return mark == null ? 0 : mark.getLine() + 1;
  }

  private static int column(Mark mark) {
    return mark == null ? 0 : mark.getColumn() + 1;
  }
}
