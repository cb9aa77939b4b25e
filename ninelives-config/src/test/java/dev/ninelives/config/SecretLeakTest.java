package dev.ninelives.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** No problem, however it arises, may show an API key or a header value. */
class SecretLeakTest {
  private static final String LITERAL = "sk-literal-0123456789abcdef";
  private static final String FROM_ENV = "sk-env-fedcba9876543210";
  private static final String HEADER = "hdr-secret-5555";

  @Test
  void noMessageContainsAKeyOrHeaderValue() {
    String yaml = """
        providers:
          a:
            type: opnai
            api_key: %1$s
            api_keys: [%1$s, "${KEY}", %1$s]
            api_version: %1$s
            headers: {"Bad Name": %3$s, X-Ok: "%3$s\\n"}
            extra: %1$s
          b:
            type: anthropic
            api_key: "${KEY}"
            api_keys: ["${KEY}", "${KEY}"]
            base_url: "https://user:%1$s@host/%1$s?key=%1$s bad"
          c:
            type: openai
            api_keys: ["%1$s${UNSET}", "${KEY", "%1$s"]
            base_url: "ftp://%1$s"
          d:
            type: gemini
            api_key: [%1$s]
            base_url: "%1$s"
        models:
          chat: {targets: [a/m]}
        """.formatted(LITERAL, FROM_ENV, HEADER);

    ConfigResult r = TestConfigs.parse(yaml, Map.of("KEY", FROM_ENV));

    assertThat(r.errors()).hasSizeGreaterThan(8);
    assertThat(r.warnings()).isNotEmpty();
    for (ConfigProblem p : r.problems()) {
      assertThat(p.toString()).doesNotContain(LITERAL, FROM_ENV, HEADER, "sk-", "hdr-");
    }
  }

  @Test
  void syntaxErrorsDoNotQuoteTheLine() {
    String yaml = "providers:\n  a:\n    api_key: " + LITERAL + "\n   bad: [\n";

    ConfigResult r = TestConfigs.parse(yaml);

    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).message()).startsWith("invalid YAML: ")
        .doesNotContain(LITERAL);
  }

  @Test
  void loadedProvidersDoNotPrintKeys() {
    ConfigResult r = TestConfigs.parse(TestConfigs.MINIMAL.replace("k1", LITERAL));

    assertThat(r.config().orElseThrow().toString()).doesNotContain(LITERAL);
  }
}
