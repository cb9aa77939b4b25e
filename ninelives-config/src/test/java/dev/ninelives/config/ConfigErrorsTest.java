package dev.ninelives.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case is a whole file with one mistake (sometimes two that belong together) and the
 * exact errors it must produce, location included. Warnings are left to
 * {@link ConfigWarningsTest}.
 */
class ConfigErrorsTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource({"syntax", "structure", "providers", "listenAndLimits", "models",
      "resilience", "environment"})
  void reportsExactlyTheseErrors(String name, String yaml, String[] expected) {
    ConfigResult r = TestConfigs.parse(yaml);

    assertThat(r.errors()).extracting(ConfigProblem::toString).containsExactly(expected);
    assertThat(r.ok()).isFalse();
    assertThat(r.config()).isEmpty();
  }

  private static Arguments error(String name, String yaml, String... expected) {
    return arguments(name, yaml, expected);
  }

  static Stream<Arguments> syntax() {
    return Stream.of(
        error("unclosed flow mapping", """
            providers:
              a: {type: openai
            models: {}
            """,
            "t.yaml:3:7: error: invalid YAML: while parsing a flow mapping started at line 2,"
                + " expected ',' or '}', but got :"),
        error("tab indentation", "providers:\n\ta: {}\n",
            "t.yaml:2:1: error: invalid YAML: while scanning for the next token, found"
                + " character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for"
                + " indentation)"),
        error("two documents", "providers: {}\n---\nmodels: {}\n",
            "t.yaml:2:1: error: invalid YAML: expected a single document in the stream started"
                + " at line 1, but found another document"),
        error("unquoted variable in a flow list", """
            providers:
              a: {type: openai, api_keys: [${K1}, ${K2}]}
            """,
            "t.yaml:2:33: error: invalid YAML: while parsing a flow sequence, expected ',' or"
                + " ']', but got { (inside [ ] or { }, quote values that use ${...}:"
                + " \"${NAME}\")"),
        error("undefined alias", "providers: *nope\n",
            "t.yaml:1:12: error: invalid YAML: found undefined alias nope"));
  }

  static Stream<Arguments> structure() {
    return Stream.of(
        error("top level is a list", "- a\n- b\n",
            "t.yaml:1:1: error: expected a mapping, got a list"),
        error("empty document", "# nothing here\n",
            "t.yaml: error: providers: no providers configured: add at least one under"
                + " 'providers:'"),
        error("no providers key", "listen: 4000\n",
            "t.yaml:1:1: error: providers: no providers configured: add at least one under"
                + " 'providers:'"),
        error("empty providers", "listen: 4000\nproviders: {}\n",
            "t.yaml:2:1: error: providers: no providers configured: add at least one under"
                + " 'providers:'"),
        error("unknown top-level key, close", TestConfigs.MINIMAL + "limit: {}\n",
            "t.yaml:11:1: error: limit: unknown key 'limit' (did you mean 'limits'?)"),
        error("unknown top-level key, far", TestConfigs.MINIMAL + "xyz: 1\n",
            "t.yaml:11:1: error: xyz: unknown key 'xyz' (known keys: listen, providers,"
                + " models, resilience, limits, tracing, uptime)"),
        error("duplicate top-level key", TestConfigs.MINIMAL + "models: {}\n",
            "t.yaml:11:1: error: models: duplicate key 'models' (first defined at line 8)"),
        error("non-scalar key", TestConfigs.MINIMAL + "? [a, b]\n: 1\n",
            "t.yaml:11:3: error: a key must be a plain name, got a list"),
        error("merge of a scalar", TestConfigs.MINIMAL + "limits:\n  <<: 3\n",
            "t.yaml:12:7: error: limits: '<<' merges a mapping or a list of mappings, got a"
                + " single value"),
        error("providers is a list", "providers:\n  - a\n",
            "t.yaml:2:3: error: providers: expected a mapping, got a list"));
  }

  static Stream<Arguments> providers() {
    return Stream.of(
        error("duplicate provider", """
            providers:
              a: {type: openai, api_key: k1}
              a: {type: openai, api_key: k2}
            """,
            "t.yaml:3:3: error: providers.a: duplicate key 'a' (first defined at line 2)"),
        error("provider is a scalar", "providers:\n  a: openai\n",
            "t.yaml:2:6: error: providers.a: expected a mapping, got a single value"),
        error("provider name with slash", "providers:\n  a/b: {type: openai, api_key: k}\n",
            "t.yaml:2:3: error: providers.a/b: provider name 'a/b' must be non-empty and"
                + " contain no '/' or whitespace (targets are written provider/model)"),
        error("missing type", "providers:\n  a:\n    api_key: k\n",
            "t.yaml:2:3: error: providers.a: missing 'type' (one of: openai,"
                + " openai-compatible, azure-openai, anthropic, gemini)"),
        error("misspelt type", "providers:\n  a:\n    type: opnai\n    api_key: k\n",
            "t.yaml:3:11: error: providers.a.type: unknown type 'opnai' (did you mean"
                + " 'openai'?)"),
        error("empty type", "providers:\n  a:\n    type:\n    api_key: k\n",
            "t.yaml:3:10: error: providers.a.type: type has no value (one of: openai,"
                + " openai-compatible, azure-openai, anthropic, gemini)"),
        error("unknown type", "providers:\n  a:\n    type: cohere\n    api_key: k\n",
            "t.yaml:3:11: error: providers.a.type: unknown type 'cohere' (one of: openai,"
                + " openai-compatible, azure-openai, anthropic, gemini)"),
        error("misspelt provider key", "providers:\n  a:\n    type: openai\n    apikey: k\n",
            "t.yaml:2:3: error: providers.a: missing 'api_key' (or 'api_keys'): type openai"
                + " needs a key",
            "t.yaml:4:5: error: providers.a.apikey: unknown key 'apikey' (did you mean"
                + " 'api_key'?)"),
        error("both api_key and api_keys", """
            providers:
              a:
                type: openai
                api_key: k1
                api_keys: [k2, k3]
            """,
            "t.yaml:5:5: error: providers.a.api_keys: set either api_key or api_keys, not"
                + " both"),
        error("missing key for anthropic", "providers:\n  a:\n    type: anthropic\n",
            "t.yaml:2:3: error: providers.a: missing 'api_key' (or 'api_keys'): type"
                + " anthropic needs a key"),
        error("missing key for gemini", "providers:\n  g:\n    type: gemini\n",
            "t.yaml:2:3: error: providers.g: missing 'api_key' (or 'api_keys'): type gemini"
                + " needs a key"),
        error("empty key pool", "providers:\n  a:\n    type: openai\n    api_keys: []\n",
            "t.yaml:4:15: error: providers.a.api_keys: api_keys is empty: list at least one"
                + " key"),
        error("key pool is a scalar", "providers:\n  a:\n    type: openai\n    api_keys: k\n",
            "t.yaml:4:15: error: providers.a.api_keys: expected a list, got a single value"),
        error("empty key in pool", "providers:\n  a:\n    type: openai\n    api_keys: [k, '']\n",
            "t.yaml:4:19: error: providers.a.api_keys[1]: the key is empty"),
        error("empty api_key", "providers:\n  a:\n    type: openai\n    api_key:\n",
            "t.yaml:4:13: error: providers.a.api_key: the key is empty"),
        error("api_key is a list", "providers:\n  a:\n    type: openai\n    api_key: [k]\n",
            "t.yaml:4:14: error: providers.a.api_key: expected a single value, got a list"),
        error("compatible without base_url", "providers:\n  l:\n    type: openai-compatible\n",
            "t.yaml:2:3: error: providers.l: missing 'base_url': type openai-compatible has"
                + " no default endpoint"),
        error("azure without base_url", """
            providers:
              z:
                type: azure-openai
                api_key: k
                api_version: 2024-10-21
            """,
            "t.yaml:2:3: error: providers.z: missing 'base_url': type azure-openai has no"
                + " default endpoint"),
        error("base_url with another scheme", """
            providers:
              a:
                type: openai
                api_key: k
                base_url: ftp://example.com/v1
            """,
            "t.yaml:5:15: error: providers.a.base_url: expected an http:// or https:// URL,"
                + " got scheme 'ftp'"),
        error("base_url without scheme", """
            providers:
              a:
                type: openai
                api_key: k
                base_url: example.com/v1
            """,
            "t.yaml:5:15: error: providers.a.base_url: expected an http:// or https:// URL,"
                + " got no scheme"),
        error("base_url that is no URL", """
            providers:
              a:
                type: openai
                api_key: k
                base_url: http://exa mple.com
            """,
            "t.yaml:5:15: error: providers.a.base_url: not a valid URL: Illegal character in"
                + " authority"),
        error("base_url without host", """
            providers:
              a:
                type: openai
                api_key: k
                base_url: "http:/v1"
            """,
            "t.yaml:5:15: error: providers.a.base_url: the URL has no host: expected one like"
                + " https://host/v1"),
        error("api_version outside azure", """
            providers:
              a:
                type: openai
                api_key: k
                api_version: 2024-10-21
            """,
            "t.yaml:5:5: error: providers.a.api_version: api_version applies only to type"
                + " azure-openai, not openai"),
        error("bad header name", """
            providers:
              a:
                type: openai
                api_key: k
                headers: {"X Foo": bar}
            """,
            "t.yaml:5:15: error: providers.a.headers.X Foo: 'X Foo' is not a valid header"
                + " name"),
        error("header repeated in other case", """
            providers:
              a:
                type: openai
                api_key: k
                headers: {X-Foo: a, x-foo: b}
            """,
            "t.yaml:5:25: error: providers.a.headers.x-foo: header 'x-foo' repeats 'X-Foo'"
                + " (header names ignore case)"),
        error("header value with a line break", """
            providers:
              a:
                type: openai
                api_key: k
                headers: {X-Foo: "a\\nb"}
            """,
            "t.yaml:5:22: error: providers.a.headers.X-Foo: a header value must not contain"
                + " line breaks"),
        error("headers is a list", """
            providers:
              a:
                type: openai
                api_key: k
                headers: [X-Foo]
            """,
            "t.yaml:5:14: error: providers.a.headers: expected a mapping, got a list"));
  }

  static Stream<Arguments> listenAndLimits() {
    return Stream.of(
        error("listen without port", "listen: localhost\n" + TestConfigs.MINIMAL,
            "t.yaml:1:9: error: listen: expected host:port (such as 127.0.0.1:4000) or a port"
                + " number, got 'localhost'"),
        error("listen port out of range", "listen: 127.0.0.1:70000\n" + TestConfigs.MINIMAL,
            "t.yaml:1:9: error: listen: port must be 0..65535, got 70000"),
        error("listen on bare IPv6", "listen: \"::1:4000\"\n" + TestConfigs.MINIMAL,
            "t.yaml:1:9: error: listen: an IPv6 address needs brackets, such as [::1]:4000,"
                + " got '::1:4000'"),
        error("listen as a list", "listen: [4000]\n" + TestConfigs.MINIMAL,
            "t.yaml:1:9: error: listen: expected a single value, got a list"),
        error("bad size", TestConfigs.MINIMAL + "limits: {max_request_body: 16GB}\n",
            "t.yaml:11:28: error: limits.max_request_body: expected a size like 512KB or 16MB,"
                + " got '16GB'"),
        error("zero size", TestConfigs.MINIMAL + "limits: {max_request_body: 0MB}\n",
            "t.yaml:11:28: error: limits.max_request_body: must be more than 0, got '0MB'"),
        error("unknown limit", TestConfigs.MINIMAL + "limits: {max_body: 1MB}\n",
            "t.yaml:11:10: error: limits.max_body: unknown key 'max_body' (known keys:"
                + " max_request_body)"));
  }

  private static final String PROVIDERS = """
      providers:
        a:
          type: openai
          api_key: k1
        b:
          type: anthropic
          api_key: k2
      """;

  static Stream<Arguments> models() {
    return Stream.of(
        error("models is a list", PROVIDERS + "models:\n  - a/m1\n",
            "t.yaml:9:3: error: models: expected a mapping, got a list"),
        error("alias with whitespace", PROVIDERS + "models:\n  my chat: {targets: [a/m, b/m]}\n",
            "t.yaml:9:3: error: models.my chat: model name 'my chat' must be non-empty and"
                + " contain no whitespace (clients send it as \"model\")"),
        error("route is a list", PROVIDERS + "models:\n  chat: [a/m, b/m]\n",
            "t.yaml:9:9: error: models.chat: expected a mapping, got a list"),
        error("missing targets", PROVIDERS + "models:\n  chat:\n    strategy: failover\n",
            "t.yaml:9:3: error: models.chat: missing 'targets': a route needs at least one"
                + " provider/model target"),
        error("empty targets", PROVIDERS + "models:\n  chat:\n    targets: []\n",
            "t.yaml:10:14: error: models.chat.targets: targets is empty: a route needs at"
                + " least one provider/model target"),
        error("targets is a scalar", PROVIDERS + "models:\n  chat:\n    targets: a/m\n",
            "t.yaml:10:14: error: models.chat.targets: expected a list, got a single value"),
        error("target without provider", PROVIDERS + "models:\n  chat: {targets: [gpt-4o, b/m]}\n",
            "t.yaml:9:20: error: models.chat.targets[0]: a target is written provider/model,"
                + " such as openai/gpt-4.1, got 'gpt-4o'"),
        error("target without model", PROVIDERS + "models:\n  chat: {targets: [a/, b/m]}\n",
            "t.yaml:9:20: error: models.chat.targets[0]: a target is written provider/model,"
                + " such as openai/gpt-4.1, got 'a/'"),
        error("misspelt provider in target", """
            providers:
              openai: {type: openai, api_key: k1}
              claude: {type: anthropic, api_key: k2}
            models:
              chat:
                targets:
                  - claude/claude-sonnet-4-5
                  - opneai/gpt-4.1
            """,
            "t.yaml:8:9: error: models.chat.targets[1]: unknown provider 'opneai' (did you"
                + " mean 'openai'?)"),
        error("unknown provider in target", PROVIDERS + "models:\n  chat: {targets: [a/m, zz/m]}\n",
            "t.yaml:9:25: error: models.chat.targets[1]: unknown provider 'zz' (configured"
                + " providers: a, b)"),
        error("target map without target", PROVIDERS
                + "models:\n  chat:\n    targets:\n      - {weight: 2}\n      - b/m\n",
            "t.yaml:11:9: error: models.chat.targets[0]: missing 'target: provider/model'"),
        error("target map with unknown key", PROVIDERS
                + "models:\n  chat:\n    targets:\n      - {target: a/m, larger: true}\n"
                + "      - b/m\n",
            "t.yaml:11:23: error: models.chat.targets[0].larger: unknown key 'larger' (did you"
                + " mean 'larger_context'?)"),
        error("weight below 1", PROVIDERS
                + "models:\n  chat:\n    strategy: weighted\n    targets:\n"
                + "      - {target: a/m, weight: 0}\n      - b/m\n",
            "t.yaml:12:31: error: models.chat.targets[0].weight: weight must be at least 1,"
                + " got 0"),
        error("weight not a number", PROVIDERS
                + "models:\n  chat:\n    strategy: weighted\n    targets:\n"
                + "      - {target: a/m, weight: lots}\n      - b/m\n",
            "t.yaml:12:31: error: models.chat.targets[0].weight: expected a whole number, got"
                + " 'lots'"),
        error("larger_context not a boolean", PROVIDERS
                + "models:\n  chat:\n    targets:\n      - a/m\n"
                + "      - {target: b/m, larger_context: maybe}\n",
            "t.yaml:12:39: error: models.chat.targets[1].larger_context: expected true or"
                + " false, got 'maybe'"),
        error("misspelt strategy", PROVIDERS
                + "models:\n  chat:\n    strategy: weigthed\n    targets: [a/m, b/m]\n",
            "t.yaml:10:15: error: models.chat.strategy: unknown strategy 'weigthed' (did you"
                + " mean 'weighted'?)"),
        error("empty strategy", PROVIDERS
                + "models:\n  chat:\n    strategy: ''\n    targets: [a/m, b/m]\n",
            "t.yaml:10:15: error: models.chat.strategy: strategy has no value (one of:"
                + " failover, weighted)"),
        error("unknown strategy", PROVIDERS
                + "models:\n  chat:\n    strategy: random\n    targets: [a/m, b/m]\n",
            "t.yaml:10:15: error: models.chat.strategy: unknown strategy 'random' (one of:"
                + " failover, weighted)"),
        error("content policy flag not a boolean", PROVIDERS
                + "models:\n  chat:\n    failover_on_content_policy: 2\n"
                + "    targets: [a/m, b/m]\n",
            "t.yaml:10:33: error: models.chat.failover_on_content_policy: expected true or"
                + " false, got '2'"),
        error("misspelt route key", PROVIDERS
                + "models:\n  chat:\n    target: [a/m, b/m]\n",
            "t.yaml:9:3: error: models.chat: missing 'targets': a route needs at least one"
                + " provider/model target",
            "t.yaml:10:5: error: models.chat.target: unknown key 'target' (did you mean"
                + " 'targets'?)"));
  }

  static Stream<Arguments> resilience() {
    String m = TestConfigs.MINIMAL;
    return Stream.of(
        error("misspelt section", m + "resilience:\n  timeout: {total: 10s}\n",
            "t.yaml:12:3: error: resilience.timeout: unknown key 'timeout' (did you mean"
                + " 'timeouts'?)"),
        error("misspelt field by prefix", m + "resilience:\n  timeouts: {first: 10s}\n",
            "t.yaml:12:14: error: resilience.timeouts.first: unknown key 'first' (did you"
                + " mean 'first_token'?)"),
        error("section is a list", m + "resilience:\n  retries: [1]\n",
            "t.yaml:12:12: error: resilience.retries: expected a mapping, got a list"),
        error("resilience is a scalar", m + "resilience: fast\n",
            "t.yaml:11:13: error: resilience: expected a mapping, got a single value"),
        error("duration without unit", m + "resilience:\n  timeouts: {connect: 2}\n",
            "t.yaml:12:23: error: resilience.timeouts.connect: expected a duration like 250ms,"
                + " 2s, 5m or 1h, got '2'"),
        error("duration with unknown unit", m + "resilience:\n  timeouts: {connect: 2d}\n",
            "t.yaml:12:23: error: resilience.timeouts.connect: expected a duration like 250ms,"
                + " 2s, 5m or 1h, got '2d'"),
        error("negative duration", m + "resilience:\n  retries: {backoff: -1s}\n",
            "t.yaml:12:22: error: resilience.retries.backoff: expected a duration like 250ms,"
                + " 2s, 5m or 1h, got '-1s'"),
        error("zero duration", m + "resilience:\n  quarantine: {for: 0s}\n",
            "t.yaml:12:21: error: resilience.quarantine.for: must be longer than 0, got '0s'"),
        error("rate as a whole number", m + "resilience:\n  breaker: {failure_rate: 50}\n",
            "t.yaml:12:27: error: resilience.breaker.failure_rate: expected a rate like 50% or"
                + " a number in (0, 1], got '50' (did you mean 50%?)"),
        error("rate of zero", m + "resilience:\n  breaker: {slow_call_rate: 0%}\n",
            "t.yaml:12:29: error: resilience.breaker.slow_call_rate: expected a rate like 50%"
                + " or a number in (0, 1], got '0%'"),
        error("rate over 100%", m + "resilience:\n  breaker: {failure_rate: 150%}\n",
            "t.yaml:12:27: error: resilience.breaker.failure_rate: expected a rate like 50% or"
                + " a number in (0, 1], got '150%'"),
        error("rate as text", m + "resilience:\n  retries: {budget: half}\n",
            "t.yaml:12:21: error: resilience.retries.budget: expected a share like 20% or a"
                + " number in [0, 1], got 'half'"),
        error("negative count", m + "resilience:\n  retries: {max: -1}\n",
            "t.yaml:12:18: error: resilience.retries.max: must be 0 or more, got -1"),
        error("fractional count", m + "resilience:\n  retries: {budget_min: 1.5}\n",
            "t.yaml:12:25: error: resilience.retries.budget_min: expected a whole number, got"
                + " '1.5'"),
        error("minimum_calls of zero", m + "resilience:\n  breaker: {minimum_calls: 0}\n",
            "t.yaml:12:28: error: resilience.breaker.minimum_calls: must be at least 1, got 0"),
        error("half_open_calls of zero", m + "resilience:\n  breaker: {half_open_calls: 0}\n",
            "t.yaml:12:30: error: resilience.breaker.half_open_calls: must be at least 1, got"
                + " 0"),
        error("first_token over total", m
                + "resilience:\n  timeouts:\n    first_token: 40s\n    total: 30s\n",
            "t.yaml:13:18: error: resilience.timeouts.first_token: timeouts.first_token (40s)"
                + " is longer than timeouts.total (30s): the total deadline would always fire"
                + " first",
            "t.yaml:14:12: error: resilience.timeouts.total: timeouts.response (2m) is longer"
                + " than timeouts.total (30s): the total deadline would always fire first"),
        error("response over default total", m + "resilience:\n  timeouts: {response: 10m}\n",
            "t.yaml:12:24: error: resilience.timeouts.response: timeouts.response (10m) is"
                + " longer than timeouts.total (5m): the total deadline would always fire"
                + " first"),
        error("route total under global first_token", """
            providers:
              a: {type: openai, api_key: k1}
              b: {type: anthropic, api_key: k2}
            models:
              chat:
                targets: [a/m, b/m]
                resilience:
                  timeouts: {total: 15s}
            resilience:
              timeouts: {first_token: 10s, response: 60s, total: 90s}
            """,
            "t.yaml:8:25: error: models.chat.resilience.timeouts.total: timeouts.response (1m)"
                + " is longer than timeouts.total (15s): the total deadline would always fire"
                + " first"),
        error("bad value in route override", m.replace("targets: [a/m1, b/m2]",
                "targets: [a/m1, b/m2]\n    resilience: {retries: {max: many}}"),
            "t.yaml:11:33: error: models.chat.resilience.retries.max: expected a whole number,"
                + " got 'many'"));
  }

  static Stream<Arguments> environment() {
    return Stream.of(
        error("unset variable", """
            providers:
              a:
                type: openai
                api_key: ${OPENAI_API_KEY}
            """,
            "t.yaml:4:14: error: providers.a.api_key: environment variable OPENAI_API_KEY is"
                + " not set"),
        error("two unset variables in one value", "listen: ${HOST}:${PORT}\n"
                + TestConfigs.MINIMAL,
            "t.yaml:1:9: error: listen: environment variables HOST, PORT are not set"),
        error("unterminated reference", "listen: ${PORT\n" + TestConfigs.MINIMAL,
            "t.yaml:1:9: error: listen: unterminated '${': write ${NAME} or ${NAME:-default}"
                + " (or '$$' for a literal '$')"),
        error("invalid variable name", "listen: ${1PORT}\n" + TestConfigs.MINIMAL,
            "t.yaml:1:9: error: listen: invalid '${...}': a variable name has letters, digits"
                + " and '_' and does not start with a digit (write '$$' for a literal '$')"),
        error("substituted value of the wrong form", "listen: ${PORT:-http}\n"
                + TestConfigs.MINIMAL,
            "t.yaml:1:9: error: listen: expected host:port (such as 127.0.0.1:4000) or a port"
                + " number, got 'http'"));
  }
}
