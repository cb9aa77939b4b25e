package dev.ninelives.simulator;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a scenario file's YAML node tree with every problem located: each accessor names the
 * file, the line and the path within the document ({@code providers[0].faults[1].fault}) when a
 * value is missing, misspelt or of the wrong kind. The simulator's scenario files and the drill
 * scenarios of {@code ninelives-drill} share it, so both read values the same way.
 *
 * <p>It works on SnakeYAML's node tree rather than on constructed objects, so no YAML tag can
 * make SnakeYAML build arbitrary classes. Stateless apart from the source name; thread-safe.
 */
public final class ScenarioYaml {
  private final String source;

  /** @param source names the document in messages: a file path or "built-in NAME" */
  public ScenarioYaml(String source) {
    this.source = source;
  }

  /** A problem already located in a scenario file; its message starts with {@code scenario SOURCE, line N:}. */
  /**
   * A scenario file's text; an unreadable file is an IllegalArgumentException naming it, like
   * every other problem with a scenario.
   */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("scenario " + file + ": cannot read it: "
          + e.getMessage(), e);
    }
  }

  public static final class Problem extends IllegalArgumentException {
    private final int line;

    Problem(String message, int line) {
      super(message);
      this.line = line;
    }

    /** The 1-based line the problem is on, or -1 when it concerns the whole file. */
    public int line() {
      return line;
    }
  }

  public String source() {
    return source;
  }

  /** The document's root node, or null for an empty document. Bad YAML is a located problem. */
  public Node compose(String text) {
    try {
      return new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? -1 : e.getProblemMark().getLine() + 1;
      throw new Problem("scenario " + source + (line > 0 ? ", line " + line : "") + ": not valid YAML: "
          + e.getProblem(), line);
    } catch (YAMLException e) {
      throw new Problem("scenario " + source + ": not valid YAML: " + e.getMessage(), -1);
    }
  }

  /** A located problem about {@code node}, for the caller to throw. */
  public Problem problem(Node node, String path, String message) {
    int line = line(node);
    return new Problem("scenario " + source + ", line " + line + ": " + path + ": " + message, line);
  }

  /** A problem about the whole file. */
  public Problem problem(String message) {
    return new Problem("scenario " + source + ": " + message, -1);
  }

  /** The 1-based line a node starts on. */
  public static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  /** A mapping's entries by key, in file order; {@code allowed} null means any key. */
  public Map<String, Node> mapping(Node node, String path, Set<String> allowed) {
    if (!(node instanceof MappingNode)) {
      throw problem(node, path, "expected a mapping of keys to values");
    }
    Map<String, Node> entries = new LinkedHashMap<>();
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      String key = scalar(t.getKeyNode(), path + " key");
      if (allowed != null && !allowed.contains(key)) {
        throw problem(t.getKeyNode(), path, "unknown key '" + key + "' (known: " + String.join(", ", sorted(allowed))
            + ")");
      }
      if (entries.put(key, t.getValueNode()) != null) {
        throw problem(t.getKeyNode(), path, "key '" + key + "' appears twice");
      }
    }
    return entries;
  }

  /** True if the node is a mapping. */
  public static boolean isMapping(Node node) {
    return node instanceof MappingNode;
  }

  public List<Node> sequence(Node node, String path) {
    if (!(node instanceof SequenceNode)) {
      throw problem(node, path, "expected a list");
    }
    return ((SequenceNode) node).getValue();
  }

  /** A single value (not null, not a list or mapping), as written. */
  public String scalar(Node node, String path) {
    if (!(node instanceof ScalarNode) || node.getTag().equals(Tag.NULL)) {
      throw problem(node, path, "expected a single value");
    }
    return ((ScalarNode) node).getValue();
  }

  public List<String> strings(Node node, String path) {
    List<String> values = new ArrayList<>();
    List<Node> items = sequence(node, path);
    for (int i = 0; i < items.size(); i++) {
      values.add(scalar(items.get(i), path + "[" + i + "]"));
    }
    return values;
  }

  public int integer(Node node, String path) {
    String text = scalar(node, path);
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw problem(node, path, "expected a whole number, but was '" + text + "'");
    }
  }

  public double number(Node node, String path) {
    String text = scalar(node, path);
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw problem(node, path, "expected a number, but was '" + text + "'");
    }
  }

  /** {@code 30%} or {@code 0.3}; must be within 0..1. */
  public double share(Node node, String path) {
    String text = scalar(node, path).trim();
    double value;
    try {
      value = text.endsWith("%")
          ? Double.parseDouble(text.substring(0, text.length() - 1).trim()) / 100.0
          : Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw problem(node, path, "expected a share like 30% or 0.3, but was '" + text + "'");
    }
    if (!(value >= 0.0 && value <= 1.0)) {
      throw problem(node, path, "must be between 0% and 100%, but was '" + text + "'");
    }
    return value;
  }

  public boolean bool(Node node, String path) {
    String text = scalar(node, path).trim().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("yes")) {
      return true;
    }
    if (text.equals("false") || text.equals("no")) {
      return false;
    }
    throw problem(node, path, "expected true or false, but was '" + text + "'");
  }

  /** {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h} or {@code 0}. */
  public Duration duration(Node node, String path) {
    String text = scalar(node, path);
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw problem(node, path, e.getMessage());
    }
  }

  /**
   * A latency: a duration ({@code 200ms}), a spread ({@code {median: 200ms, p99: 900ms}}), or, when
   * {@code rampAllowed}, a climb across the window ({@code {from: 200ms, to: 12s}}, optionally with
   * {@code spread: 2}, the 99th percentile over the median).
   */
  public Latency latency(Node node, String path, boolean rampAllowed) {
    if (!(node instanceof MappingNode)) {
      return Latency.fixed(duration(node, path));
    }
    Set<String> keys = rampAllowed ? Set.of("median", "p99", "from", "to", "spread") : Set.of("median", "p99");
    Map<String, Node> m = mapping(node, path, keys);
    boolean ramp = m.containsKey("from") || m.containsKey("to");
    try {
      if (ramp) {
        if (!m.containsKey("from") || !m.containsKey("to")) {
          throw problem(node, path, "a latency ramp needs both 'from' and 'to'");
        }
        if (m.containsKey("median") || m.containsKey("p99")) {
          throw problem(node, path, "a latency is either a ramp (from, to) or a spread (median, p99), not both");
        }
        Latency l = Latency.ramp(duration(m.get("from"), path + ".from"), duration(m.get("to"), path + ".to"));
        return m.containsKey("spread") ? l.withSpread(number(m.get("spread"), path + ".spread")) : l;
      }
      if (m.containsKey("spread")) {
        throw problem(m.get("spread"), path, "'spread' goes with a ramp (from, to); a spread is written median and p99");
      }
      if (!m.containsKey("median")) {
        throw problem(node, path, "a latency spread needs 'median' (and 'p99')");
      }
      Duration median = duration(m.get("median"), path + ".median");
      return m.containsKey("p99")
          ? Latency.logNormal(median, duration(m.get("p99"), path + ".p99"))
          : Latency.fixed(median);
    } catch (Problem e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw problem(node, path, e.getMessage());
    }
  }

  private static List<String> sorted(Set<String> keys) {
    List<String> list = new ArrayList<>(keys);
    list.sort(null);
    return list;
  }
}
