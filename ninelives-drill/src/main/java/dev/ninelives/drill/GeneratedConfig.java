package dev.ninelives.drill;

import dev.ninelives.config.ConfigLoader;
import dev.ninelives.config.ConfigProblem;
import dev.ninelives.config.ConfigResult;
import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.simulator.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The gateway configuration a scenario implies: one provider per simulated provider, in
 * scenario order, one failover route through all of them, and the scenario's resilience policy.
 * It is written as YAML and read by the same loader as a user's file, so it is validated the
 * same way; a problem in the policy points at the scenario's own line. Stateless.
 */
final class GeneratedConfig {
  private GeneratedConfig() {}

  /** The config type that speaks a dialect. */
  static String type(Dialect d) {
    switch (d) {
      case OPENAI:
        return "openai";
      case AZURE:
        return "azure-openai";
      case ANTHROPIC:
        return "anthropic";
      case GEMINI:
        return "gemini";
      default:
        return "openai-compatible";
    }
  }

  /** The key the gateway sends a provider the scenario gives none (the simulator then accepts any). */
  static List<String> keysFor(DrillProvider p) {
    if (!p.keys().isEmpty()) {
      return p.keys();
    }
    return p.dialect() == Dialect.OLLAMA ? List.of() : List.of("sk-drill-" + p.name());
  }

  /**
   * The configuration's text.
   *
   * @param baseUrls each provider's URL by name, as the provider's SDK takes it
   */
  static String yaml(DrillScenario s, Function<String, String> baseUrls, int port) {
    StringBuilder y = new StringBuilder();
    y.append("# The configuration of the gateway the drill starts for scenario ").append(s.name()).append('\n');
    y.append("listen: 127.0.0.1:").append(port).append('\n');
    y.append("providers:\n");
    for (DrillProvider p : s.providers()) {
      y.append("  ").append(p.name()).append(":\n");
      y.append("    type: ").append(type(p.dialect())).append('\n');
      y.append("    base_url: \"").append(baseUrls.apply(p.name())).append("\"\n");
      if (p.dialect() == Dialect.AZURE) {
        y.append("    api_version: \"").append(Endpoint.AZURE_API_VERSION).append("\"\n");
      }
      List<String> keys = keysFor(p);
      if (!keys.isEmpty()) {
        y.append("    api_keys:\n");
        for (String k : keys) {
          y.append("      - \"").append(k.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
      }
    }
    y.append("models:\n");
    y.append("  ").append(s.load().model()).append(":\n");
    y.append("    strategy: failover\n");
    y.append("    targets:\n");
    for (DrillProvider p : s.providers()) {
      y.append("      - ").append(p.name()).append('/').append(p.model()).append('\n');
    }
    y.append("resilience:\n");
    y.append(" ".repeat(Math.max(2, s.gateway().column()))).append(s.gateway().yaml()).append('\n');
    return y.toString();
  }

  /** Builds and loads the configuration; a problem is a {@link BadConfigException} with located lines. */
  static GatewayConfig build(DrillScenario s, Function<String, String> baseUrls, int port) {
    String text = yaml(s, baseUrls, port);
    ConfigResult result = ConfigLoader.parse(text, "drill-gateway.yaml", Map.of());
    if (!result.errors().isEmpty()) {
      int policyStart = lineOf(text, "resilience:") + 1;
      List<String> lines = new ArrayList<>();
      for (ConfigProblem p : result.errors()) {
        lines.add(locate(s.gateway(), p, policyStart));
      }
      throw new BadConfigException("scenario " + s.name() + ": the gateway policy is not a valid configuration",
          lines);
    }
    return result.config().orElseThrow();
  }

  /** A problem as the scenario's line when it lies in the policy, else as the generated file's. */
  private static String locate(GatewayPolicy policy, ConfigProblem p, int policyStart) {
    String where = p.path().isEmpty() ? "" : p.path() + ": ";
    if (policy.firstLine() > 0 && p.line() >= policyStart) {
      int line = policy.firstLine() + (p.line() - policyStart);
      return policy.source() + ", line " + line + ": gateway." + where + p.message();
    }
    return p.toString();
  }

  private static int lineOf(String text, String startOfLine) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(startOfLine)) {
        return i + 1;
      }
    }
    return -1;
  }
}
