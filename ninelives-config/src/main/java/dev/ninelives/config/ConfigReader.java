package dev.ninelives.config;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.TracingConfig;
import dev.ninelives.core.config.UptimeConfig;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns a composed YAML document into a {@link GatewayConfig} and its problems: reads each
 * top-level section, then runs the lint. Not thread-safe: one instance per load.
 */
final class ConfigReader {
  static final List<String> TOP_KEYS =
      List.of("listen", "providers", "models", "resilience", "limits", "tracing", "uptime");
  static final List<String> LIMIT_KEYS = List.of("max_request_body");

  private final Problems problems;
  private final ReadContext ctx;

  ConfigReader(Problems problems, EnvSubstitutor substitutor) {
    this.problems = problems;
    this.ctx = new ReadContext(problems, substitutor);
  }

  /** @param root the document, or null for an empty one */
  ConfigResult read(Node root) {
    // An empty file is an empty mapping: it then fails for having no providers, which says
    // more than "expected a mapping".
    Optional<MappingView> doc = root == null
        ? Optional.of(MappingView.empty())
        : ctx.mapping(root, "");
    if (doc.isEmpty()) {
      return ConfigResult.of(null, problems.all());
    }
    MappingView top = doc.get();
    top.rejectUnknownKeys(TOP_KEYS, ctx);

    ListenAddress listen = top.get("listen")
        .flatMap(e -> ctx.value(e.value(), e.path(), ListenAddress::parse))
        .orElse(ListenAddress.DEFAULT);
    ProviderReader.Result providers =
        new ProviderReader(ctx).read(top.get("providers"), root);
    ResilienceConfig global = readGlobalResilience(top);
    long maxRequestBytes = readLimits(top);
    TracingConfig tracing = TracingReader.read(top.get("tracing"), ctx);
    UptimeConfig uptime = UptimeReader.read(top.get("uptime"), ctx);
    ModelReader.Result models =
        new ModelReader(ctx, providers.declared(), global).read(top.get("models"), root);
    RouteLint.check(providers.declared(), models.sites(), problems);

    GatewayConfig config = null;
    if (problems.errorReports() == 0) {
      try {
        config = new GatewayConfig(listen.host(), listen.port(), providers.providers(),
            models.routes(), global, maxRequestBytes, tracing, uptime);
      } catch (IllegalArgumentException | NullPointerException e) {
        // The readers validate everything the records check; reaching this is a gap in
        // them, reported rather than thrown so a load never fails with an exception.
        problems.error(root, "", "invalid configuration: " + e.getMessage());
      }
    }
    return ConfigResult.of(config, problems.all());
  }

  private ResilienceConfig readGlobalResilience(MappingView top) {
    Optional<MappingView.Entry> e = top.get("resilience");
    if (e.isEmpty()) {
      return ResilienceConfig.defaults();
    }
    ResilienceLayer layer = ResilienceReader.read(e.get().value(), e.get().path(), ctx);
    try {
      ResilienceConfig effective = layer.applyTo(ResilienceConfig.defaults());
      ResilienceChecks.check(effective, layer, problems);
      return effective;
    } catch (IllegalArgumentException ex) {
      problems.error(e.get().value(), e.get().path(), ex.getMessage());
      return ResilienceConfig.defaults();
    }
  }

  private long readLimits(MappingView top) {
    long fallback = GatewayConfig.DEFAULT_MAX_REQUEST_BYTES;
    Optional<MappingView.Entry> e = top.get("limits");
    if (e.isEmpty()) {
      return fallback;
    }
    Optional<MappingView> limits = ctx.mapping(e.get().value(), e.get().path());
    if (limits.isEmpty()) {
      return fallback;
    }
    limits.get().rejectUnknownKeys(LIMIT_KEYS, ctx);
    return limits.get().get("max_request_body")
        .flatMap(b -> ctx.value(b.value(), b.path(), ConfigReader::positiveSize))
        .orElse(fallback);
  }

  private static Parsed<Long> positiveSize(String text) {
    Parsed<Long> size = Values.size(text);
    if (size.isOk() && size.value() == 0) {
      return Parsed.fail("must be more than 0, got " + Values.quote(text));
    }
    return size;
  }
}
