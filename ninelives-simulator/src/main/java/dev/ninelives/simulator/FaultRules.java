package dev.ninelives.simulator;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one fault rule of a scenario file ({@code { fault: status, status: 503, wait: 1s }}) into
 * a {@link Fault}. The keys that place a rule in time ({@code from}, {@code to}, {@code
 * probability}) belong to the file format that holds the rule, so the caller names them and reads
 * them itself. Stateless.
 */
public final class FaultRules {

  /** Keys every rule may carry, whatever its kind. */
  private static final Set<String> COMMON = Set.of("fault", "wait", "headers");

  /** Fault kinds by scenario name, each with the parameter keys it takes, in documentation order. */
  private static final Map<String, Set<String>> KINDS = kinds();

  private FaultRules() {}

  private static Map<String, Set<String>> kinds() {
    Map<String, Set<String>> k = new LinkedHashMap<>();
    k.put("none", Set.of());
    k.put("status", Set.of("status"));
    k.put("rate-limited", Set.of("retry_after"));
    k.put("insufficient-quota", Set.of());
    k.put("bad-key", Set.of());
    k.put("context-length", Set.of());
    k.put("content-policy", Set.of());
    k.put("invalid-request", Set.of("message"));
    k.put("reset", Set.of());
    k.put("hang", Set.of());
    k.put("slow", Set.of("latency"));
    k.put("delay-first-event", Set.of("delay"));
    k.put("stall", Set.of("after_events"));
    k.put("cut", Set.of("after_events"));
    k.put("error-event", Set.of("after_events"));
    k.put("drip", Set.of("interval"));
    k.put("empty-answer", Set.of());
    k.put("wrong-answer", Set.of("text"));
    k.put("malformed", Set.of());
    k.put("empty-body", Set.of());
    k.put("refuse", Set.of("in_flight"));
    return k;
  }

  /** The fault kinds a rule can name, in documentation order. */
  public static Set<String> names() {
    return KINDS.keySet();
  }

  /**
   * Reads the rule at {@code node}. {@code placementKeys} are the extra keys the caller's format
   * allows on a rule (and reads itself); any other key that is not a parameter of the rule's kind
   * is a located problem.
   */
  public static Fault read(ScenarioYaml y, Node node, String path, Set<String> placementKeys) {
    Map<String, Node> r = y.mapping(node, path, null);
    if (!r.containsKey("fault")) {
      throw y.problem(node, path, "missing 'fault' (one of: " + String.join(", ", KINDS.keySet()) + ")");
    }
    String kind = y.scalar(r.get("fault"), path + ".fault").toLowerCase(Locale.ROOT);
    Set<String> params = KINDS.get(kind);
    if (params == null) {
      throw y.problem(r.get("fault"), path + ".fault",
          "unknown fault kind '" + kind + "' (known: " + String.join(", ", KINDS.keySet()) + ")");
    }
    Set<String> allowed = new HashSet<>(COMMON);
    allowed.addAll(placementKeys);
    for (Map.Entry<String, Node> e : r.entrySet()) {
      if (!allowed.contains(e.getKey()) && !params.contains(e.getKey())) {
        boolean elsewhere = KINDS.values().stream().anyMatch(s -> s.contains(e.getKey()));
        throw y.problem(e.getValue(), path, elsewhere
            ? "'" + e.getKey() + "' does not apply to fault '" + kind + "'"
                + (params.isEmpty() ? "" : " (it takes: " + String.join(", ", params) + ")")
            : "unknown key '" + e.getKey() + "'");
      }
    }
    try {
      Fault fault = fault(y, kind, r, path);
      if (r.containsKey("wait")) {
        fault = fault.withDelay(y.duration(r.get("wait"), path + ".wait"));
      }
      if (r.containsKey("headers")) {
        for (Map.Entry<String, Node> h : y.mapping(r.get("headers"), path + ".headers", null).entrySet()) {
          fault = fault.withHeader(h.getKey(), y.scalar(h.getValue(), path + ".headers." + h.getKey()));
        }
      }
      return fault;
    } catch (ScenarioYaml.Problem e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // A value the Fault factories refused; point at the rule it came from.
      throw y.problem(node, path, e.getMessage());
    }
  }

  private static Fault fault(ScenarioYaml y, String kind, Map<String, Node> r, String path) {
    switch (kind) {
      case "none":
        return Fault.none();
      case "status":
        return Fault.status(y.integer(required(y, r, "status", path), path + ".status"));
      case "rate-limited":
        return Fault.rateLimited(r.containsKey("retry_after")
            ? y.duration(r.get("retry_after"), path + ".retry_after")
            : Duration.ofSeconds(1));
      case "insufficient-quota":
        return Fault.insufficientQuota();
      case "bad-key":
        return Fault.badKey();
      case "context-length":
        return Fault.contextLengthExceeded();
      case "content-policy":
        return Fault.contentPolicy();
      case "invalid-request":
        return Fault.invalidRequest(r.containsKey("message")
            ? y.scalar(r.get("message"), path + ".message")
            : "Invalid request.");
      case "reset":
        return Fault.resetConnection();
      case "hang":
        return Fault.hangBeforeHeaders();
      case "slow":
        return Fault.slow(y.latency(required(y, r, "latency", path), path + ".latency", true));
      case "delay-first-event":
        return Fault.delayFirstEvent(y.duration(required(y, r, "delay", path), path + ".delay"));
      case "stall":
        return Fault.stallAfterEvents(y.integer(required(y, r, "after_events", path), path + ".after_events"));
      case "cut":
        return Fault.cutAfterEvents(y.integer(required(y, r, "after_events", path), path + ".after_events"));
      case "error-event":
        return Fault.errorEventAfterEvents(y.integer(required(y, r, "after_events", path), path + ".after_events"));
      case "drip":
        return Fault.drip(y.duration(required(y, r, "interval", path), path + ".interval"));
      case "empty-answer":
        return Fault.emptyAnswer();
      case "wrong-answer":
        return r.containsKey("text") ? Fault.wrongAnswer(y.scalar(r.get("text"), path + ".text")) : Fault.wrongAnswer();
      case "malformed":
        return Fault.malformedBody();
      case "empty-body":
        return Fault.emptyBody();
      case "refuse":
        return refuse(y, r, path);
      default:
        throw new IllegalStateException("kind table and factory disagree on " + kind);
    }
  }

  private static Fault refuse(ScenarioYaml y, Map<String, Node> r, String path) {
    if (!r.containsKey("in_flight")) {
      return Fault.refuse();
    }
    String mode = y.scalar(r.get("in_flight"), path + ".in_flight").trim().toLowerCase(Locale.ROOT);
    switch (mode) {
      case "drop":
        return Fault.refuse();
      case "finish":
        return Fault.refuseLettingAnswersFinish();
      default:
        throw y.problem(r.get("in_flight"), path + ".in_flight", "expected drop or finish, but was '" + mode + "'");
    }
  }

  private static Node required(ScenarioYaml y, Map<String, Node> r, String key, String path) {
    Node n = r.get(key);
    if (n == null) {
      throw y.problem(r.get("fault"), path, "fault '" + y.scalar(r.get("fault"), path) + "' needs '" + key + "'");
    }
    return n;
  }
}
