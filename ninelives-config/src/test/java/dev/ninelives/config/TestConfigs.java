package dev.ninelives.config;

import java.util.Map;

/** Shared inputs for the tests. */
final class TestConfigs {
  static final String SOURCE = "t.yaml";

  /** A valid config with two providers and a route across both: no errors, no warnings. */
  static final String MINIMAL = """
      providers:
        a:
          type: openai
          api_key: k1
        b:
          type: anthropic
          api_key: k2
      models:
        chat:
          targets: [a/m1, b/m2]
      """;

  private TestConfigs() {}

  static ConfigResult parse(String yaml) {
    return ConfigLoader.parse(yaml, SOURCE, Map.of());
  }

  static ConfigResult parse(String yaml, Map<String, String> env) {
    return ConfigLoader.parse(yaml, SOURCE, env);
  }
}
