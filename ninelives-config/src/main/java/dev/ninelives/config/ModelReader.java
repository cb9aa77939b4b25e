package dev.ninelives.config;

import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.Strategy;
import dev.ninelives.core.config.TargetRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code models:} block into routes, each with its effective resilience policy.
 * Reports every problem of every route; builds a {@link ModelRoute} for each route that has
 * none. Not thread-safe: one instance per load.
 */
final class ModelReader {
  static final List<String> ROUTE_KEYS =
      List.of("strategy", "failover_on_content_policy", "targets", "resilience");
  static final List<String> TARGET_KEYS = List.of("target", "weight", "larger_context");
  static final List<String> STRATEGY_NAMES = List.of("failover", "weighted");

  /** The two halves of a {@code provider/model} target. */
  private record ProviderModel(String provider, String model) {}

  /** A target as written, with its location, for lint. */
  record TargetSite(TargetRef ref, Node node, String path) {}

  /**
   * A route as written, for lint: its alias key and the targets that could be read.
   * {@code complete} is false when some target could not be read, because then lint cannot
   * tell which providers the route meant to use.
   */
  record RouteSite(String alias, Node keyNode, String path, List<TargetSite> targets,
      boolean complete) {}

  /**
   * What the reader found.
   *
   * @param routes the routes without errors, in configured order
   * @param sites every route that was read, valid or not
   */
  record Result(Map<String, ModelRoute> routes, List<RouteSite> sites) {}

  private final ReadContext ctx;
  private final Problems problems;
  private final Map<String, Node> providers;
  private final ResilienceConfig global;

  /**
   * @param providers every provider name declared in the file
   * @param global the effective global policy each route's overrides apply to
   */
  ModelReader(ReadContext ctx, Map<String, Node> providers, ResilienceConfig global) {
    this.ctx = ctx;
    this.problems = ctx.problems();
    this.providers = providers;
    this.global = global;
  }

  Result read(Optional<MappingView.Entry> entry, Node root) {
    Map<String, ModelRoute> routes = new LinkedHashMap<>();
    List<RouteSite> sites = new ArrayList<>();
    Optional<MappingView> block = entry.flatMap(e -> ctx.mapping(e.value(), e.path()));
    if (entry.isPresent() && block.isEmpty()) {
      return new Result(routes, sites);
    }
    if (block.isEmpty() || block.get().isEmpty()) {
      problems.warning(entry.map(MappingView.Entry::keyNode).orElse(root), "models",
          "no models configured: clients can only send direct provider/model names");
      return new Result(routes, sites);
    }
    for (MappingView.Entry e : block.get().entries()) {
      List<TargetSite> targets = new ArrayList<>();
      Outcome outcome = readRoute(e, targets);
      outcome.route().ifPresent(r -> routes.put(r.name(), r));
      sites.add(new RouteSite(e.key(), e.keyNode(), e.path(), List.copyOf(targets),
          outcome.targetsComplete()));
    }
    return new Result(routes, sites);
  }

  /**
   * A route, if it had no errors, and whether every target was read. A route with other
   * errors (a bad strategy) still names its providers correctly; only unreadable targets make
   * its providers unknown.
   */
  private record Outcome(Optional<ModelRoute> route, boolean targetsComplete) {}

  private Outcome readRoute(MappingView.Entry entry, List<TargetSite> targets) {
    int errorsBefore = problems.errorReports();
    String alias = entry.key();
    if (alias.isEmpty() || alias.chars().anyMatch(Character::isWhitespace)) {
      problems.error(entry.keyNode(), entry.path(), "model name '" + alias
          + "' must be non-empty and contain no whitespace (clients send it as \"model\")");
    }
    Optional<MappingView> body = ctx.mapping(entry.value(), entry.path());
    if (body.isEmpty()) {
      return new Outcome(Optional.empty(), false);
    }
    MappingView r = body.get();
    r.rejectUnknownKeys(ROUTE_KEYS, ctx);

    Optional<Strategy> strategy = readStrategy(r);
    boolean contentPolicy = r.get("failover_on_content_policy")
        .flatMap(e -> ctx.value(e.value(), e.path(), Values::bool)).orElse(false);
    boolean targetsComplete = readTargets(entry, r, strategy, targets);

    ResilienceConfig effective = global;
    Optional<MappingView.Entry> res = r.get("resilience");
    if (res.isPresent()) {
      ResilienceLayer layer = ResilienceReader.read(res.get().value(), res.get().path(), ctx);
      try {
        effective = layer.applyTo(global);
        ResilienceChecks.check(effective, layer, problems);
      } catch (IllegalArgumentException ex) {
        problems.error(res.get().value(), res.get().path(), ex.getMessage());
      }
    }

    if (problems.errorReports() != errorsBefore || strategy.isEmpty() || !targetsComplete) {
      return new Outcome(Optional.empty(), targetsComplete);
    }
    return new Outcome(Optional.of(new ModelRoute(alias, strategy.get(),
        targets.stream().map(TargetSite::ref).toList(), effective, contentPolicy)), true);
  }

  private Optional<Strategy> readStrategy(MappingView r) {
    Optional<MappingView.Entry> e = r.get("strategy");
    if (e.isEmpty()) {
      return Optional.of(Strategy.FAILOVER);
    }
    Optional<String> text = ctx.text(e.get().value(), e.get().path()).map(String::trim);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String name = text.get().toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      problems.error(e.get().value(), e.get().path(),
          "strategy has no value (one of: " + String.join(", ", STRATEGY_NAMES) + ")");
      return Optional.empty();
    }
    if (!STRATEGY_NAMES.contains(name)) {
      problems.error(e.get().value(), e.get().path(), "unknown strategy "
          + Values.quote(text.get()) + Suggestions.hint(name, STRATEGY_NAMES, "one of"));
      return Optional.empty();
    }
    return Optional.of(Strategy.valueOf(name.toUpperCase(Locale.ROOT)));
  }

  /** Reads the targets into {@code out}; true if there were some and all could be read. */
  private boolean readTargets(MappingView.Entry route, MappingView r,
      Optional<Strategy> strategy, List<TargetSite> out) {
    Optional<MappingView.Entry> e = r.get("targets");
    if (e.isEmpty()) {
      problems.error(route.keyNode(), route.path(), "missing 'targets': a route needs at"
          + " least one provider/model target");
      return false;
    }
    Optional<List<Node>> items = ctx.sequence(e.get().value(), e.get().path());
    if (items.isEmpty()) {
      return false;
    }
    if (items.get().isEmpty()) {
      problems.error(e.get().value(), e.get().path(),
          "targets is empty: a route needs at least one provider/model target");
      return false;
    }
    for (int i = 0; i < items.get().size(); i++) {
      Node item = items.get().get(i);
      String path = YamlPath.index(e.get().path(), i);
      Optional<TargetRef> ref = item instanceof MappingNode
          ? readTargetMap(item, path, strategy)
          : readTargetString(item, path).map(pm -> TargetRef.of(pm.provider(), pm.model()));
      ref.ifPresent(t -> out.add(new TargetSite(t, item, path)));
    }
    return out.size() == items.get().size();
  }

  private Optional<TargetRef> readTargetMap(Node node, String path,
      Optional<Strategy> strategy) {
    Optional<MappingView> m = ctx.mapping(node, path);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    m.get().rejectUnknownKeys(TARGET_KEYS, ctx);
    Optional<MappingView.Entry> target = m.get().get("target");
    Optional<ProviderModel> pm = Optional.empty();
    if (target.isEmpty()) {
      problems.error(node, path, "missing 'target: provider/model'");
    } else {
      pm = readTargetString(target.get().value(), target.get().path());
    }
    int weight = 1;
    Optional<MappingView.Entry> w = m.get().get("weight");
    if (w.isPresent()) {
      Optional<Integer> value = ctx.value(w.get().value(), w.get().path(), Values::integer);
      if (value.isPresent() && value.get() < 1) {
        problems.error(w.get().value(), w.get().path(),
            "weight must be at least 1, got " + value.get());
        value = Optional.empty();
      }
      if (strategy.isPresent() && strategy.get() == Strategy.FAILOVER) {
        problems.warning(w.get().keyNode(), w.get().path(), "weight is ignored: this route"
            + " uses the failover strategy (set strategy: weighted to share traffic)");
      }
      weight = value.orElse(1);
    }
    boolean larger = m.get().get("larger_context")
        .flatMap(e -> ctx.value(e.value(), e.path(), Values::bool)).orElse(false);
    final int finalWeight = weight;
    return pm.map(p -> new TargetRef(p.provider(), p.model(), finalWeight, larger));
  }

  /** {@code provider/model}, split at the first '/' since model names may contain more. */
  private Optional<ProviderModel> readTargetString(Node node, String path) {
    Optional<String> text = ctx.text(node, path).map(String::trim);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String t = text.get();
    int slash = t.indexOf('/');
    if (slash <= 0 || slash == t.length() - 1 || t.chars().anyMatch(Character::isWhitespace)) {
      problems.error(node, path, "a target is written provider/model, such as"
          + " openai/gpt-4.1, got " + Values.quote(t));
      return Optional.empty();
    }
    String provider = t.substring(0, slash);
    if (!providers.containsKey(provider)) {
      problems.error(node, path, "unknown provider '" + provider + "'"
          + Suggestions.hint(provider, providers.keySet(), "configured providers"));
      return Optional.empty();
    }
    return Optional.of(new ProviderModel(provider, t.substring(slash + 1)));
  }
}
