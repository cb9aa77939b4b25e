package dev.ninelives.simulator;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
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
 * Reads scenario YAML into a {@link SimScenario}. Works on SnakeYAML's node tree rather than on
 * constructed objects, so every problem can name its line, and no YAML tag can make SnakeYAML
 * build arbitrary classes. One instance per document; not thread-safe.
 */
final class ScenarioParser {
  private static final Set<String> TOP_KEYS = Set.of("name", "description", "providers");
  private static final Set<String> PROVIDER_KEYS = Set.of(
      "name", "port", "dialect", "reply", "latency", "token_interval", "keys", "models", "seed", "repeat_every",
      "faults");
  private static final Set<String> RULE_KEYS = Set.of("from", "to", "fault", "probability", "wait", "headers");

  /** Fault kinds by scenario name, each with the parameter keys it takes. */
  private static final Map<String, Set<String>> KINDS = kinds();

  private final String source;

  ScenarioParser(String source) {
    this.source = source;
  }

  private static Map<String, Set<String>> kinds() {
    Map<String, Set<String>> k = new LinkedHashMap<>();
    k.put("none", Set.of());
    k.put("status", Set.of("status"));
    k.put("rate-limited", Set.of("retry_after"));
    k.put("insufficient-quota", Set.of());
    k.put("context-length", Set.of());
    k.put("content-policy", Set.of());
    k.put("invalid-request", Set.of("message"));
    k.put("reset", Set.of());
    k.put("hang", Set.of());
    k.put("delay-first-event", Set.of("delay"));
    k.put("stall", Set.of("after_events"));
    k.put("cut", Set.of("after_events"));
    k.put("error-event", Set.of("after_events"));
    k.put("drip", Set.of("interval"));
    k.put("empty-answer", Set.of());
    k.put("malformed", Set.of());
    k.put("empty-body", Set.of());
    k.put("refuse", Set.of());
    return k;
  }

  SimScenario parse(String text) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? -1 : e.getProblemMark().getLine() + 1;
      throw new IllegalArgumentException(
          "scenario " + source + (line > 0 ? ", line " + line : "") + ": not valid YAML: " + e.getProblem(), e);
    } catch (YAMLException e) {
      throw new IllegalArgumentException("scenario " + source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      throw new IllegalArgumentException("scenario " + source + ": the file is empty; it needs a 'providers' list");
    }
    Map<String, Node> top = mapping(root, "the document", TOP_KEYS);
    Node providersNode = top.get("providers");
    if (providersNode == null) {
      throw problem(root, "the document", "missing 'providers' (a list of providers)");
    }
    List<Node> providerNodes = sequence(providersNode, "providers");
    if (providerNodes.isEmpty()) {
      throw problem(providersNode, "providers", "needs at least one provider");
    }
    List<SimScenario.ProviderSpec> providers = new ArrayList<>();
    Map<String, Node> names = new HashMap<>();
    Map<Integer, Node> ports = new HashMap<>();
    for (int i = 0; i < providerNodes.size(); i++) {
      String path = "providers[" + i + "]";
      SimScenario.ProviderSpec spec = provider(providerNodes.get(i), path);
      Node previous = names.putIfAbsent(spec.name(), providerNodes.get(i));
      if (previous != null) {
        throw problem(providerNodes.get(i), path, "provider name '" + spec.name() + "' is already used on line "
            + line(previous));
      }
      if (spec.port().isPresent() && spec.port().getAsInt() != 0) {
        Node other = ports.putIfAbsent(spec.port().getAsInt(), providerNodes.get(i));
        if (other != null) {
          throw problem(providerNodes.get(i), path, "port " + spec.port().getAsInt() + " is already used on line "
              + line(other));
        }
      }
      providers.add(spec);
    }
    String name = top.containsKey("name") ? scalar(top.get("name"), "name") : source;
    String description = top.containsKey("description") ? scalar(top.get("description"), "description") : "";
    return new SimScenario(name, description, providers);
  }

  private SimScenario.ProviderSpec provider(Node node, String path) {
    Map<String, Node> p = mapping(node, path, PROVIDER_KEYS);
    if (!p.containsKey("name")) {
      throw problem(node, path, "missing 'name'");
    }
    String name = scalar(p.get("name"), path + ".name");
    if (name.isBlank()) {
      throw problem(p.get("name"), path + ".name", "must not be blank");
    }
    OptionalInt port = OptionalInt.empty();
    if (p.containsKey("port")) {
      int value = integer(p.get("port"), path + ".port");
      if (value < 0 || value > 65535) {
        throw problem(p.get("port"), path + ".port", "must be 0-65535, but was " + value);
      }
      port = OptionalInt.of(value);
    }
    Dialect dialect = Dialect.OPENAI;
    if (p.containsKey("dialect")) {
      String text = scalar(p.get("dialect"), path + ".dialect");
      try {
        dialect = Dialect.fromConfigName(text);
      } catch (IllegalArgumentException e) {
        throw problem(p.get("dialect"), path + ".dialect", e.getMessage());
      }
    }
    String reply = p.containsKey("reply") ? scalar(p.get("reply"), path + ".reply") : "Hello from " + name + ".";
    Duration latency = p.containsKey("latency") ? duration(p.get("latency"), path + ".latency") : Duration.ZERO;
    Duration interval = p.containsKey("token_interval")
        ? duration(p.get("token_interval"), path + ".token_interval")
        : Duration.ZERO;
    List<String> keys = p.containsKey("keys") ? strings(p.get("keys"), path + ".keys") : List.of();
    List<String> models = p.containsKey("models") ? strings(p.get("models"), path + ".models") : List.of();
    FaultSchedule.Builder schedule = FaultSchedule.builder();
    if (p.containsKey("seed")) {
      schedule.seed(integer(p.get("seed"), path + ".seed"));
    }
    if (p.containsKey("repeat_every")) {
      Duration period = duration(p.get("repeat_every"), path + ".repeat_every");
      if (period.isZero()) {
        throw problem(p.get("repeat_every"), path + ".repeat_every", "must be longer than zero");
      }
      schedule.repeatEvery(period);
    }
    if (p.containsKey("faults")) {
      List<Node> rules = sequence(p.get("faults"), path + ".faults");
      for (int i = 0; i < rules.size(); i++) {
        rule(rules.get(i), path + ".faults[" + i + "]", schedule);
      }
    }
    FaultSchedule faults;
    try {
      faults = schedule.build();
    } catch (IllegalArgumentException e) {
      throw problem(p.getOrDefault("faults", node), path + ".faults", e.getMessage());
    }
    return new SimScenario.ProviderSpec(name, port, dialect, reply, latency, interval, keys, models, faults);
  }

  private void rule(Node node, String path, FaultSchedule.Builder schedule) {
    Map<String, Node> r = mapping(node, path, null);
    if (!r.containsKey("fault")) {
      throw problem(node, path, "missing 'fault' (one of: " + String.join(", ", KINDS.keySet()) + ")");
    }
    String kind = scalar(r.get("fault"), path + ".fault").toLowerCase(Locale.ROOT);
    Set<String> params = KINDS.get(kind);
    if (params == null) {
      throw problem(r.get("fault"), path + ".fault",
          "unknown fault kind '" + kind + "' (known: " + String.join(", ", KINDS.keySet()) + ")");
    }
    for (Map.Entry<String, Node> e : r.entrySet()) {
      if (!RULE_KEYS.contains(e.getKey()) && !params.contains(e.getKey())) {
        boolean elsewhere = KINDS.values().stream().anyMatch(s -> s.contains(e.getKey()));
        throw problem(e.getValue(), path, elsewhere
            ? "'" + e.getKey() + "' does not apply to fault '" + kind + "'"
                + (params.isEmpty() ? "" : " (it takes: " + String.join(", ", params) + ")")
            : "unknown key '" + e.getKey() + "'");
      }
    }
    try {
      Fault fault = fault(kind, r, path);
      if (r.containsKey("wait")) {
        fault = fault.withDelay(duration(r.get("wait"), path + ".wait"));
      }
      if (r.containsKey("headers")) {
        for (Map.Entry<String, Node> h : mapping(r.get("headers"), path + ".headers", null).entrySet()) {
          fault = fault.withHeader(h.getKey(), scalar(h.getValue(), path + ".headers." + h.getKey()));
        }
      }
      Duration from = r.containsKey("from") ? duration(r.get("from"), path + ".from") : Duration.ZERO;
      if (r.containsKey("to")) {
        schedule.between(from, duration(r.get("to"), path + ".to"), fault);
      } else {
        schedule.from(from, fault);
      }
      if (r.containsKey("probability")) {
        schedule.withProbability(number(r.get("probability"), path + ".probability"));
      }
    } catch (Problem e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // A value the Fault or FaultSchedule factories refused; point at the rule it came from.
      throw problem(node, path, e.getMessage());
    }
  }

  private Fault fault(String kind, Map<String, Node> r, String path) {
    switch (kind) {
      case "none":
        return Fault.none();
      case "status":
        return Fault.status(integer(required(r, "status", path), path + ".status"));
      case "rate-limited":
        return Fault.rateLimited(r.containsKey("retry_after")
            ? duration(r.get("retry_after"), path + ".retry_after")
            : Duration.ofSeconds(1));
      case "insufficient-quota":
        return Fault.insufficientQuota();
      case "context-length":
        return Fault.contextLengthExceeded();
      case "content-policy":
        return Fault.contentPolicy();
      case "invalid-request":
        return Fault.invalidRequest(r.containsKey("message")
            ? scalar(r.get("message"), path + ".message")
            : "Invalid request.");
      case "reset":
        return Fault.resetConnection();
      case "hang":
        return Fault.hangBeforeHeaders();
      case "delay-first-event":
        return Fault.delayFirstEvent(duration(required(r, "delay", path), path + ".delay"));
      case "stall":
        return Fault.stallAfterEvents(integer(required(r, "after_events", path), path + ".after_events"));
      case "cut":
        return Fault.cutAfterEvents(integer(required(r, "after_events", path), path + ".after_events"));
      case "error-event":
        return Fault.errorEventAfterEvents(integer(required(r, "after_events", path), path + ".after_events"));
      case "drip":
        return Fault.drip(duration(required(r, "interval", path), path + ".interval"));
      case "empty-answer":
        return Fault.emptyAnswer();
      case "malformed":
        return Fault.malformedBody();
      case "empty-body":
        return Fault.emptyBody();
      case "refuse":
        return Fault.refuse();
      default:
        throw new IllegalStateException("kind table and factory disagree on " + kind);
    }
  }

  private Node required(Map<String, Node> r, String key, String path) {
    Node n = r.get(key);
    if (n == null) {
      throw problem(r.get("fault"), path, "fault '" + scalar(r.get("fault"), path) + "' needs '" + key + "'");
    }
    return n;
  }

  /** A mapping's entries by key; {@code allowed} null means any key. */
  private Map<String, Node> mapping(Node node, String path, Set<String> allowed) {
    if (!(node instanceof MappingNode)) {
      throw problem(node, path, "expected a mapping of keys to values");
    }
    Map<String, Node> entries = new LinkedHashMap<>();
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      String key = scalar(t.getKeyNode(), path + " key");
      if (allowed != null && !allowed.contains(key)) {
        throw problem(t.getKeyNode(), path, "unknown key '" + key + "' (known: " + String.join(", ", sorted(allowed)) + ")");
      }
      if (entries.put(key, t.getValueNode()) != null) {
        throw problem(t.getKeyNode(), path, "key '" + key + "' appears twice");
      }
    }
    return entries;
  }

  private List<Node> sequence(Node node, String path) {
    if (!(node instanceof SequenceNode)) {
      throw problem(node, path, "expected a list");
    }
    return ((SequenceNode) node).getValue();
  }

  private String scalar(Node node, String path) {
    if (!(node instanceof ScalarNode) || node.getTag().equals(Tag.NULL)) {
      throw problem(node, path, "expected a single value");
    }
    return ((ScalarNode) node).getValue();
  }

  private List<String> strings(Node node, String path) {
    List<String> values = new ArrayList<>();
    List<Node> items = sequence(node, path);
    for (int i = 0; i < items.size(); i++) {
      values.add(scalar(items.get(i), path + "[" + i + "]"));
    }
    return values;
  }

  private int integer(Node node, String path) {
    String text = scalar(node, path);
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw problem(node, path, "expected a whole number, but was '" + text + "'");
    }
  }

  private double number(Node node, String path) {
    String text = scalar(node, path);
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw problem(node, path, "expected a number, but was '" + text + "'");
    }
  }

  private Duration duration(Node node, String path) {
    String text = scalar(node, path);
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw problem(node, path, e.getMessage());
    }
  }

  private static List<String> sorted(Set<String> keys) {
    List<String> list = new ArrayList<>(keys);
    list.sort(null);
    return list;
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private Problem problem(Node node, String path, String message) {
    return new Problem("scenario " + source + ", line " + line(node) + ": " + path + ": " + message);
  }

  /** A problem already located in the file, so outer handlers pass it on unchanged. */
  private static final class Problem extends IllegalArgumentException {
    Problem(String message) {
      super(message);
    }
  }
}
