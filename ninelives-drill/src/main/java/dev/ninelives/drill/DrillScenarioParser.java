package dev.ninelives.drill;

import dev.ninelives.simulator.Dialect;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.FaultRules;
import dev.ninelives.simulator.Latency;
import dev.ninelives.simulator.ScenarioYaml;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a drill scenario file. Fault rules are read by the simulator's own {@link FaultRules},
 * so a drill scenario and a simulator scenario write faults the same way. Every problem names
 * the file, the line and the path within the document. One instance per document; not
 * thread-safe.
 */
final class DrillScenarioParser {
  private static final Set<String> TOP = Set.of(
      "name", "description", "compress_to", "providers", "gateway", "load", "phases", "expect");
  private static final Set<String> PROVIDER = Set.of(
      "name", "dialect", "models", "keys", "latency", "token_interval", "reply", "seed");
  private static final Set<String> PHASE = Set.of("name", "description", "for", "faults");
  private static final Set<String> REPEAT = Set.of("repeat", "phases");
  private static final Set<String> LOAD = Set.of("rate", "streaming", "clients", "timeout", "model", "seed");
  private static final Set<String> EXPECT = Set.of(
      "success_rate", "answered_rate", "wrong_answers", "direct_success_max", "detection_max",
      "full_failover_max", "readmission_max", "upstream_calls_within_budget", "breaker_stays_closed");
  private static final int MAX_PHASES = 500;

  private final ScenarioYaml y;
  private final String source;
  private String text;

  DrillScenarioParser(String source) {
    this.source = source;
    this.y = new ScenarioYaml(source);
  }

  DrillScenario parse(String yaml) {
    this.text = yaml;
    Node root = y.compose(yaml);
    if (root == null) {
      throw y.problem("the file is empty; it needs 'providers' and 'phases'");
    }
    Map<String, Node> top = y.mapping(root, "the document", TOP);
    for (String required : List.of("providers", "phases")) {
      if (!top.containsKey(required)) {
        throw y.problem(root, "the document", "missing '" + required + "'");
      }
    }
    List<DrillProvider> providers = providers(top.get("providers"));
    Map<String, DrillProvider> byName = new LinkedHashMap<>();
    providers.forEach(p -> byName.put(p.name(), p));
    List<Phase> phases = new ArrayList<>();
    phases(top.get("phases"), "phases", byName, phases);
    if (phases.isEmpty()) {
      throw y.problem(top.get("phases"), "phases", "needs at least one phase");
    }
    String name = top.containsKey("name") ? y.scalar(top.get("name"), "name") : source;
    String description = top.containsKey("description") ? y.scalar(top.get("description"), "description").trim() : "";
    Duration compressTo = Duration.ofSeconds(60);
    if (top.containsKey("compress_to")) {
      compressTo = y.duration(top.get("compress_to"), "compress_to");
      if (compressTo.isZero()) {
        throw y.problem(top.get("compress_to"), "compress_to", "must be longer than zero");
      }
    }
    GatewayPolicy gateway = top.containsKey("gateway") ? gateway(top.get("gateway")) : GatewayPolicy.DEFAULT;
    Load load = top.containsKey("load") ? load(top.get("load")) : Load.defaults();
    Expectations expect = top.containsKey("expect") ? expect(top.get("expect"), byName) : Expectations.none();
    return new DrillScenario(name, description, compressTo, providers, gateway, load, phases, expect);
  }

  private List<DrillProvider> providers(Node node) {
    List<Node> items = y.sequence(node, "providers");
    if (items.isEmpty()) {
      throw y.problem(node, "providers", "needs at least one provider");
    }
    List<DrillProvider> out = new ArrayList<>();
    Map<String, Node> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "providers[" + i + "]";
      Map<String, Node> p = y.mapping(items.get(i), path, PROVIDER);
      if (!p.containsKey("name")) {
        throw y.problem(items.get(i), path, "missing 'name'");
      }
      String name = y.scalar(p.get("name"), path + ".name").trim();
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
        throw y.problem(p.get("name"), path + ".name",
            "'" + name + "' is not a provider name: letters, digits, '-' and '_', starting with a letter or digit");
      }
      Node previous = seen.putIfAbsent(name, items.get(i));
      if (previous != null) {
        throw y.problem(items.get(i), path, "provider name '" + name + "' is already used on line "
            + ScenarioYaml.line(previous));
      }
      Dialect dialect = Dialect.OPENAI;
      if (p.containsKey("dialect")) {
        try {
          dialect = Dialect.fromConfigName(y.scalar(p.get("dialect"), path + ".dialect"));
        } catch (IllegalArgumentException e) {
          throw y.problem(p.get("dialect"), path + ".dialect", e.getMessage());
        }
      }
      List<String> models = p.containsKey("models") ? y.strings(p.get("models"), path + ".models") : List.of("sim-" + name);
      if (models.isEmpty()) {
        throw y.problem(p.get("models"), path + ".models", "needs at least one model");
      }
      List<String> keys = p.containsKey("keys") ? y.strings(p.get("keys"), path + ".keys") : List.of();
      Latency latency = p.containsKey("latency") ? y.latency(p.get("latency"), path + ".latency", false) : Latency.none();
      Duration interval = p.containsKey("token_interval")
          ? y.duration(p.get("token_interval"), path + ".token_interval") : Duration.ofMillis(10);
      String reply = p.containsKey("reply") ? y.scalar(p.get("reply"), path + ".reply") : "Hello from " + name + ".";
      long seed = p.containsKey("seed") ? y.integer(p.get("seed"), path + ".seed") : i + 1;
      out.add(new DrillProvider(name, dialect, models, keys, latency, interval, reply, seed));
    }
    return out;
  }

  private void phases(Node node, String path, Map<String, DrillProvider> providers, List<Phase> out) {
    List<Node> items = y.sequence(node, path);
    for (int i = 0; i < items.size(); i++) {
      String at = path + "[" + i + "]";
      Map<String, Node> m = y.mapping(items.get(i), at, null);
      if (m.containsKey("repeat")) {
        repeat(items.get(i), at, providers, out);
      } else {
        out.add(phase(items.get(i), at, providers));
      }
      if (out.size() > MAX_PHASES) {
        throw y.problem(items.get(i), at, "more than " + MAX_PHASES + " phases once repeats are expanded");
      }
    }
  }

  /** {@code { repeat: N, phases: [...] }}: the inner phases N times, named "name (k/N)". */
  private void repeat(Node node, String path, Map<String, DrillProvider> providers, List<Phase> out) {
    Map<String, Node> m = y.mapping(node, path, REPEAT);
    int times = y.integer(m.get("repeat"), path + ".repeat");
    if (times < 1 || times > 100) {
      throw y.problem(m.get("repeat"), path + ".repeat", "must be 1 to 100, but was " + times);
    }
    if (!m.containsKey("phases")) {
      throw y.problem(node, path, "a repeat needs 'phases'");
    }
    List<Phase> once = new ArrayList<>();
    phases(m.get("phases"), path + ".phases", providers, once);
    if (once.isEmpty()) {
      throw y.problem(m.get("phases"), path + ".phases", "needs at least one phase");
    }
    for (int k = 1; k <= times; k++) {
      for (Phase p : once) {
        String name = times == 1 ? p.name() : p.name() + " (" + k + "/" + times + ")";
        out.add(new Phase(name, p.description(), p.length(), p.faults()));
        if (out.size() > MAX_PHASES) {
          throw y.problem(node, path, "more than " + MAX_PHASES + " phases once repeats are expanded");
        }
      }
    }
  }

  private Phase phase(Node node, String path, Map<String, DrillProvider> providers) {
    Map<String, Node> m = y.mapping(node, path, PHASE);
    if (!m.containsKey("name")) {
      throw y.problem(node, path, "missing 'name'");
    }
    if (!m.containsKey("for")) {
      throw y.problem(node, path, "missing 'for' (how long the phase lasts in scenario time, e.g. 30m)");
    }
    String name = y.scalar(m.get("name"), path + ".name").trim();
    Duration length = y.duration(m.get("for"), path + ".for");
    if (length.isZero()) {
      throw y.problem(m.get("for"), path + ".for", "must be longer than zero");
    }
    String description = m.containsKey("description") ? y.scalar(m.get("description"), path + ".description").trim() : "";
    Map<String, List<PhaseFault>> faults = new LinkedHashMap<>();
    if (m.containsKey("faults")) {
      Map<String, Node> byProvider = y.mapping(m.get("faults"), path + ".faults", null);
      for (Map.Entry<String, Node> e : byProvider.entrySet()) {
        String at = path + ".faults." + e.getKey();
        if (!providers.containsKey(e.getKey())) {
          throw y.problem(e.getValue(), at, "unknown provider '" + e.getKey() + "' (providers: "
              + String.join(", ", providers.keySet()) + ")");
        }
        faults.put(e.getKey(), rules(e.getValue(), at));
      }
    }
    return new Phase(name, description, length, faults);
  }

  /** One rule, or a list of rules tried in order. */
  private List<PhaseFault> rules(Node node, String path) {
    List<Node> items = ScenarioYaml.isMapping(node) ? List.of(node) : y.sequence(node, path);
    List<PhaseFault> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = ScenarioYaml.isMapping(node) ? path : path + "[" + i + "]";
      Fault fault = FaultRules.read(y, items.get(i), at, Set.of("probability"));
      Map<String, Node> r = y.mapping(items.get(i), at, null);
      double probability = 1.0;
      if (r.containsKey("probability")) {
        probability = y.share(r.get("probability"), at + ".probability");
        if (probability == 0) {
          throw y.problem(r.get("probability"), at + ".probability", "must be more than 0%");
        }
        if (fault.kind() == Fault.Kind.REFUSE && probability < 1) {
          throw y.problem(r.get("probability"), at + ".probability",
              "a refusal cannot have a probability: a port is either open or closed");
        }
      }
      out.add(new PhaseFault(fault, probability));
    }
    return out;
  }

  private GatewayPolicy gateway(Node node) {
    Map<String, Node> m = y.mapping(node, "gateway", Set.of("resilience"));
    if (!m.containsKey("resilience")) {
      return GatewayPolicy.DEFAULT;
    }
    Node r = m.get("resilience");
    y.mapping(r, "gateway.resilience", null);
    int start = r.getStartMark().getIndex();
    int end = r.getEndMark().getIndex();
    return new GatewayPolicy(text.substring(start, end).stripTrailing(), r.getStartMark().getColumn(),
        ScenarioYaml.line(r), "scenario " + source);
  }

  private Load load(Node node) {
    Load d = Load.defaults();
    Map<String, Node> m = y.mapping(node, "load", LOAD);
    double rate = m.containsKey("rate") ? rate(m.get("rate")) : d.rate();
    double streaming = m.containsKey("streaming") ? y.share(m.get("streaming"), "load.streaming") : d.streaming();
    Map<ClientFormat, Double> clients = d.clients();
    if (m.containsKey("clients")) {
      clients = new LinkedHashMap<>();
      for (Map.Entry<String, Node> e : y.mapping(m.get("clients"), "load.clients", Set.of("openai", "anthropic"))
          .entrySet()) {
        clients.put(ClientFormat.valueOf(e.getKey().toUpperCase(Locale.ROOT)),
            weight(e.getValue(), "load.clients." + e.getKey()));
      }
      if (clients.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
        throw y.problem(m.get("clients"), "load.clients", "needs a share above zero");
      }
    }
    Duration timeout = d.timeout();
    if (m.containsKey("timeout")) {
      timeout = y.duration(m.get("timeout"), "load.timeout");
      if (timeout.isZero()) {
        throw y.problem(m.get("timeout"), "load.timeout", "must be longer than zero");
      }
    }
    String model = m.containsKey("model") ? y.scalar(m.get("model"), "load.model").trim() : d.model();
    long seed = m.containsKey("seed") ? y.integer(m.get("seed"), "load.seed") : d.seed();
    return new Load(rate, streaming, clients, timeout, model, seed);
  }

  /** A relative weight: {@code 75%}, {@code 0.75} or {@code 3}; only the ratios matter. */
  private double weight(Node node, String path) {
    String t = y.scalar(node, path).trim();
    try {
      double v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100
          : Double.parseDouble(t);
      if (v >= 0 && !Double.isInfinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw y.problem(node, path, "expected a share like 75% or a weight like 3, but was '" + t + "'");
  }

  private double rate(Node node) {
    String t = y.scalar(node, "load.rate").trim();
    String number = t.endsWith("/s") ? t.substring(0, t.length() - 2).trim() : t;
    double rate;
    try {
      rate = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw y.problem(node, "load.rate", "expected requests per second like 10 or 10/s, but was '" + t + "'");
    }
    if (!(rate > 0 && rate <= 500)) {
      throw y.problem(node, "load.rate", "must be more than 0 and at most 500 per second, but was " + t);
    }
    return rate;
  }

  private Expectations expect(Node node, Map<String, DrillProvider> providers) {
    Map<String, Node> m = y.mapping(node, "expect", EXPECT);
    Double wrongMin = null;
    Double wrongMax = null;
    if (m.containsKey("wrong_answers")) {
      Map<String, Node> w = y.mapping(m.get("wrong_answers"), "expect.wrong_answers", Set.of("min", "max"));
      if (w.isEmpty()) {
        throw y.problem(m.get("wrong_answers"), "expect.wrong_answers", "needs 'min', 'max' or both");
      }
      wrongMin = w.containsKey("min") ? y.share(w.get("min"), "expect.wrong_answers.min") : null;
      wrongMax = w.containsKey("max") ? y.share(w.get("max"), "expect.wrong_answers.max") : null;
    }
    List<String> closed = List.of();
    if (m.containsKey("breaker_stays_closed")) {
      closed = y.strings(m.get("breaker_stays_closed"), "expect.breaker_stays_closed");
      for (String p : closed) {
        if (!providers.containsKey(p)) {
          throw y.problem(m.get("breaker_stays_closed"), "expect.breaker_stays_closed",
              "unknown provider '" + p + "' (providers: " + String.join(", ", providers.keySet()) + ")");
        }
      }
    }
    return new Expectations(
        share(m, "success_rate"),
        share(m, "answered_rate"),
        wrongMin,
        wrongMax,
        share(m, "direct_success_max"),
        duration(m, "detection_max"),
        duration(m, "full_failover_max"),
        duration(m, "readmission_max"),
        m.containsKey("upstream_calls_within_budget")
            && y.bool(m.get("upstream_calls_within_budget"), "expect.upstream_calls_within_budget"),
        closed);
  }

  private Double share(Map<String, Node> m, String key) {
    return m.containsKey(key) ? y.share(m.get(key), "expect." + key) : null;
  }

  private Duration duration(Map<String, Node> m, String key) {
    return m.containsKey(key) ? y.duration(m.get(key), "expect." + key) : null;
  }
}
