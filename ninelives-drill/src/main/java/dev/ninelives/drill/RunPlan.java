package dev.ninelives.drill;

import dev.ninelives.config.ConfigLoader;
import dev.ninelives.config.ConfigProblem;
import dev.ninelives.config.ConfigResult;
import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.TargetRef;
import dev.ninelives.simulator.Dialect;
import dev.ninelives.simulator.Latency;
import dev.ninelives.simulator.SimulatedProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who takes part in a drill and how they are wired: the providers as they will be simulated,
 * the route the clients use, the provider a client without the gateway talks to, and the
 * configuration of the gateway the drill starts. Three ways: the configuration the scenario
 * implies; the user's own configuration with every provider replaced by a simulated one of the
 * same format; or a gateway already running elsewhere. Immutable.
 */
final class RunPlan {
  /** Matches {@code ${NAME}} without a default, the references a config file cannot do without. */
  private static final Pattern REQUIRED_VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  final DrillScenario scenario;
  final List<String> route;
  final String primary;
  final Function<Function<String, String>, GatewayConfig> config;
  final GatewayConfig policyOnly;
  final int simulatorBasePort;
  final boolean acceptAnyKey;
  final String wiring;
  final List<String> notes;

  private RunPlan(DrillScenario scenario, List<String> route, String primary,
      Function<Function<String, String>, GatewayConfig> config, GatewayConfig policyOnly, int simulatorBasePort,
      boolean acceptAnyKey, String wiring, List<String> notes) {
    this.scenario = scenario;
    this.route = List.copyOf(route);
    this.primary = primary;
    this.config = config;
    this.policyOnly = policyOnly;
    this.simulatorBasePort = simulatorBasePort;
    this.acceptAnyKey = acceptAnyKey;
    this.wiring = wiring;
    this.notes = List.copyOf(notes);
  }

  /** The same plan with a changed scenario (the same providers, another load). */
  RunPlan withScenario(DrillScenario s) {
    return new RunPlan(s, route, primary, config, policyOnly, simulatorBasePort, acceptAnyKey, wiring, notes);
  }

  static RunPlan of(DrillScenario s, DrillOptions o) {
    if (o.config() != null && o.gatewayUrl() != null) {
      throw new IllegalArgumentException("--config and --gateway do not go together: with --gateway the running"
          + " gateway's own configuration is drilled");
    }
    if (o.config() != null) {
      return fromConfig(s, o.config(), o.route(), o.gatewayPort());
    }
    List<String> names = s.providers().stream().map(DrillProvider::name).toList();
    if (o.gatewayUrl() != null) {
      GatewayConfig policy = GeneratedConfig.build(s, n -> "http://127.0.0.1:1/v1", 0);
      return new RunPlan(s, names, s.primary().name(), null, policy, o.simulatorPort(), true,
          "a running gateway at " + o.gatewayUrl(), List.of());
    }
    GatewayConfig policy = GeneratedConfig.build(s, n -> "http://127.0.0.1:1/v1", 0);
    int port = o.gatewayPort();
    return new RunPlan(s, names, s.primary().name(), urls -> GeneratedConfig.build(s, urls, port), policy, 0, false,
        "the configuration the scenario implies (route '" + s.load().model() + "' through "
            + String.join(", ", names) + ")", List.of());
  }

  /** The SDK base URL of a simulated provider, as a gateway configuration gives it. */
  static String baseUrl(SimulatedProvider p, ProviderConfig original) {
    if (p.dialect() == Dialect.AZURE && original != null && original.apiVersion() == null) {
      return p.baseUrl() + "/v1";
    }
    return p.baseUrl();
  }

  private static RunPlan fromConfig(DrillScenario s, Path file, String alias, int port) {
    ConfigResult result = ConfigLoader.load(file, environment(file));
    if (!result.errors().isEmpty()) {
      List<String> lines = new ArrayList<>();
      for (ConfigProblem p : result.errors()) {
        lines.add(p.toString());
      }
      throw new BadConfigException(file + ": " + result.errors().size() + " error(s)", lines);
    }
    GatewayConfig c = result.config().orElseThrow();
    String routeName = alias;
    if (routeName == null) {
      routeName = c.models().containsKey(s.load().model()) ? s.load().model()
          : c.models().keySet().stream().findFirst().orElse(null);
    }
    if (routeName == null) {
      throw new IllegalArgumentException(file + " defines no model alias under 'models:'; name the route to drill"
          + " with --route provider/model");
    }
    ModelRoute r = c.route(routeName).orElseThrow(() -> new IllegalArgumentException(
        file + " has no model '" + alias + "' (aliases: " + String.join(", ", c.models().keySet()) + ")"));
    List<String> route = new ArrayList<>(new LinkedHashSet<>(r.targets().stream().map(TargetRef::provider).toList()));
    Map<String, String> models = new HashMap<>();
    r.targets().forEach(t -> models.putIfAbsent(t.provider(), t.model()));

    // Scenario providers take the route's providers in order: the scenario's primary becomes the
    // route's first provider, and so on.
    Map<String, String> rename = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < s.providers().size(); i++) {
      String from = s.providers().get(i).name();
      if (i < route.size()) {
        rename.put(from, route.get(i));
      } else {
        notes.add("scenario provider '" + from + "' has no counterpart in route '" + routeName
            + "': its faults are not replayed");
      }
    }
    List<DrillProvider> providers = new ArrayList<>();
    Map<String, DrillProvider> byScenarioName = new HashMap<>();
    s.providers().forEach(p -> byScenarioName.put(p.name(), p));
    for (ProviderConfig pc : c.providers().values()) {
      String role = rename.entrySet().stream().filter(e -> e.getValue().equals(pc.name()))
          .map(Map.Entry::getKey).findFirst().orElse(null);
      DrillProvider like = role == null ? null : byScenarioName.get(role);
      List<String> keys = pc.apiKeys().stream().map(Secret::reveal).toList();
      providers.add(new DrillProvider(pc.name(), dialect(pc), List.of(models.getOrDefault(pc.name(), "sim-model")),
          keys,
          like == null ? Latency.fixed(Duration.ofMillis(100)) : like.latency(),
          like == null ? Duration.ofMillis(10) : like.tokenInterval(),
          "Hello from " + pc.name() + ".",
          like == null ? providers.size() + 1 : like.seed()));
    }
    List<Phase> phases = new ArrayList<>();
    for (Phase p : s.phases()) {
      Map<String, List<PhaseFault>> faults = new LinkedHashMap<>();
      p.faults().forEach((who, rules) -> {
        if (rename.containsKey(who)) {
          faults.put(rename.get(who), rules);
        }
      });
      phases.add(new Phase(p.name(), p.description(), p.length(), faults));
    }
    Load l = s.load();
    Expectations e = s.expect();
    Expectations renamed = new Expectations(e.successRate(), e.answeredRate(), e.wrongAnswersMin(),
        e.wrongAnswersMax(), e.directSuccessMax(), e.detectionMax(), e.fullFailoverMax(), e.readmissionMax(),
        e.callsWithinBudget(), e.breakerStaysClosed().stream().filter(rename::containsKey).map(rename::get).toList());
    // The route's providers come first, in route order, so "the primary" is the route's first.
    providers.sort(java.util.Comparator.comparingInt(p -> route.contains(p.name()) ? route.indexOf(p.name())
        : route.size()));
    DrillScenario mapped = new DrillScenario(s.name(), s.description(), s.compressTo(), providers, s.gateway(),
        new Load(l.rate(), l.streaming(), l.clients(), l.timeout(), routeName, l.seed()), phases, renamed);
    Function<Function<String, String>, GatewayConfig> build = urls -> {
      Map<String, ProviderConfig> rewired = new LinkedHashMap<>();
      c.providers().forEach((name, pc) -> rewired.put(name,
          new ProviderConfig(name, pc.type(), urls.apply(name), pc.apiKeys(), pc.apiVersion(), pc.headers())));
      // Without the file's tracing and uptime sections: a drill must not export spans of
      // simulated traffic or write into (and lock) the real gateway's uptime history.
      return new GatewayConfig("127.0.0.1", port, rewired, c.models(), c.resilience(), c.maxRequestBytes());
    };
    return new RunPlan(mapped, route, route.get(0), build, c, 0, false,
        file + ", route '" + routeName + "' (" + String.join(" -> ", route) + "), every provider simulated in its"
            + " own format on 127.0.0.1", notes);
  }

  /** The dialect a simulated stand-in for this provider speaks. */
  static Dialect dialect(ProviderConfig pc) {
    switch (pc.type()) {
      case AZURE_OPENAI:
        return Dialect.AZURE;
      case ANTHROPIC:
        return Dialect.ANTHROPIC;
      case GEMINI:
        return Dialect.GEMINI;
      default:
        return Dialect.OPENAI;
    }
  }

  /**
   * The environment for loading the user's file: the real one, plus a stand-in for every
   * variable the file needs but the environment lacks. Every provider is replaced by a simulated
   * one on this machine, so the drill needs no real key, and none it is given leaves 127.0.0.1.
   */
  private static Map<String, String> environment(Path file) {
    Map<String, String> env = new HashMap<>(System.getenv());
    try {
      Matcher m = REQUIRED_VAR.matcher(Files.readString(file, StandardCharsets.UTF_8));
      while (m.find()) {
        env.putIfAbsent(m.group(1), "drill-stand-in-" + m.group(1).toLowerCase(java.util.Locale.ROOT));
      }
    } catch (IOException e) {
      // The loader reports an unreadable file itself.
    }
    return env;
  }
}
