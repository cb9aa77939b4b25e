package dev.ninelives.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads scenario YAML into a {@link SimScenario}, every problem located by {@link ScenarioYaml}.
 * One instance per document; not thread-safe.
 */
final class ScenarioParser {
  private static final Set<String> TOP_KEYS = Set.of("name", "description", "providers");
  private static final Set<String> PROVIDER_KEYS = Set.of(
      "name", "port", "dialect", "reply", "latency", "token_interval", "keys", "models", "seed", "repeat_every",
      "faults");
  /** The keys that place a rule in time; the rest of a rule is read by {@link FaultRules}. */
  private static final Set<String> PLACEMENT_KEYS = Set.of("from", "to", "probability");

  private final ScenarioYaml y;

  ScenarioParser(String source) {
    this.y = new ScenarioYaml(source);
  }

  SimScenario parse(String text) {
    Node root = y.compose(text);
    if (root == null) {
      throw y.problem("the file is empty; it needs a 'providers' list");
    }
    Map<String, Node> top = y.mapping(root, "the document", TOP_KEYS);
    Node providersNode = top.get("providers");
    if (providersNode == null) {
      throw y.problem(root, "the document", "missing 'providers' (a list of providers)");
    }
    List<Node> providerNodes = y.sequence(providersNode, "providers");
    if (providerNodes.isEmpty()) {
      throw y.problem(providersNode, "providers", "needs at least one provider");
    }
    List<SimScenario.ProviderSpec> providers = new ArrayList<>();
    Map<String, Node> names = new HashMap<>();
    Map<Integer, Node> ports = new HashMap<>();
    for (int i = 0; i < providerNodes.size(); i++) {
      String path = "providers[" + i + "]";
      SimScenario.ProviderSpec spec = provider(providerNodes.get(i), path);
      Node previous = names.putIfAbsent(spec.name(), providerNodes.get(i));
      if (previous != null) {
        throw y.problem(providerNodes.get(i), path, "provider name '" + spec.name() + "' is already used on line "
            + ScenarioYaml.line(previous));
      }
      if (spec.port().isPresent() && spec.port().getAsInt() != 0) {
        Node other = ports.putIfAbsent(spec.port().getAsInt(), providerNodes.get(i));
        if (other != null) {
          throw y.problem(providerNodes.get(i), path, "port " + spec.port().getAsInt() + " is already used on line "
              + ScenarioYaml.line(other));
        }
      }
      providers.add(spec);
    }
    String name = top.containsKey("name") ? y.scalar(top.get("name"), "name") : y.source();
    String description = top.containsKey("description") ? y.scalar(top.get("description"), "description") : "";
    return new SimScenario(name, description, providers);
  }

  private SimScenario.ProviderSpec provider(Node node, String path) {
    Map<String, Node> p = y.mapping(node, path, PROVIDER_KEYS);
    if (!p.containsKey("name")) {
      throw y.problem(node, path, "missing 'name'");
    }
    String name = y.scalar(p.get("name"), path + ".name");
    if (name.isBlank()) {
      throw y.problem(p.get("name"), path + ".name", "must not be blank");
    }
    OptionalInt port = OptionalInt.empty();
    if (p.containsKey("port")) {
      int value = y.integer(p.get("port"), path + ".port");
      if (value < 0 || value > 65535) {
        throw y.problem(p.get("port"), path + ".port", "must be 0-65535, but was " + value);
      }
      port = OptionalInt.of(value);
    }
    Dialect dialect = Dialect.OPENAI;
    if (p.containsKey("dialect")) {
      String text = y.scalar(p.get("dialect"), path + ".dialect");
      try {
        dialect = Dialect.fromConfigName(text);
      } catch (IllegalArgumentException e) {
        throw y.problem(p.get("dialect"), path + ".dialect", e.getMessage());
      }
    }
    String reply = p.containsKey("reply") ? y.scalar(p.get("reply"), path + ".reply") : "Hello from " + name + ".";
    Latency latency = p.containsKey("latency") ? y.latency(p.get("latency"), path + ".latency", false) : Latency.none();
    Duration interval = p.containsKey("token_interval")
        ? y.duration(p.get("token_interval"), path + ".token_interval")
        : Duration.ZERO;
    List<String> keys = p.containsKey("keys") ? y.strings(p.get("keys"), path + ".keys") : List.of();
    List<String> models = p.containsKey("models") ? y.strings(p.get("models"), path + ".models") : List.of();
    FaultSchedule.Builder schedule = FaultSchedule.builder();
    if (p.containsKey("seed")) {
      schedule.seed(y.integer(p.get("seed"), path + ".seed"));
    }
    if (p.containsKey("repeat_every")) {
      Duration period = y.duration(p.get("repeat_every"), path + ".repeat_every");
      if (period.isZero()) {
        throw y.problem(p.get("repeat_every"), path + ".repeat_every", "must be longer than zero");
      }
      schedule.repeatEvery(period);
    }
    if (p.containsKey("faults")) {
      List<Node> rules = y.sequence(p.get("faults"), path + ".faults");
      for (int i = 0; i < rules.size(); i++) {
        rule(rules.get(i), path + ".faults[" + i + "]", schedule);
      }
    }
    FaultSchedule faults;
    try {
      faults = schedule.build();
    } catch (IllegalArgumentException e) {
      throw y.problem(p.getOrDefault("faults", node), path + ".faults", e.getMessage());
    }
    return new SimScenario.ProviderSpec(name, port, dialect, reply, latency, interval, keys, models, faults);
  }

  private void rule(Node node, String path, FaultSchedule.Builder schedule) {
    Fault fault = FaultRules.read(y, node, path, PLACEMENT_KEYS);
    Map<String, Node> r = y.mapping(node, path, null);
    try {
      Duration from = r.containsKey("from") ? y.duration(r.get("from"), path + ".from") : Duration.ZERO;
      if (r.containsKey("to")) {
        schedule.between(from, y.duration(r.get("to"), path + ".to"), fault);
      } else {
        schedule.from(from, fault);
      }
      if (r.containsKey("probability")) {
        schedule.withProbability(y.number(r.get("probability"), path + ".probability"));
      }
    } catch (ScenarioYaml.Problem e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // A window the FaultSchedule refused (an end before its start, a bad probability).
      throw y.problem(node, path, e.getMessage());
    }
  }
}
