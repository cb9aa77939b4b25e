package dev.ninelives.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.GatewayConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvSubstitutionTest {
  private static final Map<String, String> ENV =
      Map.of("HOST", "0.0.0.0", "PORT", "8080", "EMPTY", "", "DOLLAR", "a$b");

  private final EnvSubstitutor substitutor = new EnvSubstitutor(ENV);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "${PORT}                | 8080",
      "${HOST}:${PORT}        | 0.0.0.0:8080",
      "http://${HOST}/v1      | http://0.0.0.0/v1",
      "${MISSING:-4000}       | 4000",
      "${PORT:-4000}          | 8080",
      "${EMPTY:-fallback}     | fallback",
      "x${EMPTY}y             | xy",
      "${MISSING:-}           | ''",
      "${MISSING:-a:-b}       | a:-b",
      "$$                     | $",
      "$${PORT}               | ${PORT}",
      "pa$$word               | pa$word",
      "pa$word                | pa$word",
      "trailing$              | trailing$",
      "${DOLLAR}              | a$b",
      "no variables           | no variables"})
  void substitutes(String raw, String expected) {
    assertThat(substitutor.substitute(raw).value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "${OPENAI_API_KEY}     | environment variable OPENAI_API_KEY is not set",
      "${A}-${B}-${PORT}     | environment variables A, B are not set",
      "${PORT                | unterminated '${'",
      "${}                   | invalid '${...}'",
      "${9X}                 | invalid '${...}'",
      "${A-B}                | invalid '${...}'"})
  void rejects(String raw, String errorStart) {
    assertThat(substitutor.substitute(raw).error()).startsWith(errorStart);
  }

  @Test
  void substitutesBeforeConversion() {
    String yaml = "listen: ${HOST}:${PORT:-4000}\n" + TestConfigs.MINIMAL
        + "limits: {max_request_body: \"${LIMIT:-2}MB\"}\n"
        + "resilience: {retries: {max: '${RETRIES:-1}'}}\n";

    GatewayConfig c = TestConfigs.parse(yaml, Map.of("HOST", "0.0.0.0")).config().orElseThrow();

    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.port()).isEqualTo(4000);
    assertThat(c.maxRequestBytes()).isEqualTo(2L * 1024 * 1024);
    assertThat(c.resilience().retries().max()).isEqualTo(1);
  }

  @Test
  void substitutesKeysAndHeaders() {
    String yaml = """
        providers:
          a:
            type: openai
            api_keys: ["${K1}", "prefix-${K2}"]
            headers: {X-Org: "${ORG:-none}"}
          b: {type: anthropic, api_key: "$${literal}"}
        models:
          chat: {targets: [a/m, b/m]}
        """;

    GatewayConfig c = TestConfigs.parse(yaml, Map.of("K1", "one", "K2", "two"))
        .config().orElseThrow();

    assertThat(c.providers().get("a").apiKeys()).extracting(s -> s.reveal())
        .containsExactly("one", "prefix-two");
    assertThat(c.providers().get("a").headers()).containsEntry("X-Org", "none");
    assertThat(c.providers().get("b").apiKeys().get(0).reveal()).isEqualTo("${literal}");
  }

  @Test
  void mapKeysAreNotSubstituted() {
    ConfigResult r = TestConfigs.parse(TestConfigs.MINIMAL + "${TOP}: 1\n", Map.of("TOP", "x"));

    assertThat(r.errors()).extracting(ConfigProblem::message)
        .containsExactly("unknown key '${TOP}' (known keys: listen, providers, models,"
            + " resilience, limits, tracing, uptime)");
  }

  @Test
  void anAliasedUnsetVariableIsReportedOnce() {
    String yaml = """
        providers:
          a: {type: openai, api_key: &k "${KEY}"}
          b: {type: anthropic, api_key: *k}
        models:
          chat: {targets: [a/m, b/m]}
        """;

    ConfigResult r = TestConfigs.parse(yaml);

    assertThat(r.errors()).extracting(ConfigProblem::toString).containsExactly(
        "t.yaml:2:30: error: providers.a.api_key: environment variable KEY is not set");
  }
}
