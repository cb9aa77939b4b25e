package dev.ninelives.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.TracingConfig;
import dev.ninelives.core.config.UptimeConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code tracing:} and {@code uptime:} sections. */
class ObservabilitySectionsTest {

  @Test
  void bothAreOffOrInMemoryWhenAbsent() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL).config().orElseThrow();

    assertThat(c.tracing()).isEqualTo(TracingConfig.OFF);
    assertThat(c.tracing().enabled()).isFalse();
    assertThat(c.uptime()).isEqualTo(UptimeConfig.DEFAULTS);
    assertThat(c.uptime().dataDir()).isEmpty();
  }

  @Test
  void aPresentTracingSectionSwitchesTracingOn() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        tracing:
          endpoint: http://collector:4318/v1/traces
        """).config().orElseThrow();

    assertThat(c.tracing().enabled()).isTrue();
    assertThat(c.tracing().endpoint()).isEqualTo(URI.create("http://collector:4318/v1/traces"));
    assertThat(c.tracing().sampleRatio()).isEqualTo(1.0);
    assertThat(c.tracing().captureContent()).isFalse();
    assertThat(c.tracing().serviceName()).isEqualTo("ninelives");
  }

  @Test
  void readsEveryTracingKeyAndKeepsHeaderValuesSecret() {
    ConfigResult r = TestConfigs.parse(TestConfigs.MINIMAL + """
        tracing:
          enabled: true
          endpoint: https://otel.example.com/v1/traces
          headers: { Authorization: "Bearer ${OTEL_TOKEN}" }
          service_name: edge-gateway
          sample: 25%
          capture_content: true
        """, Map.of("OTEL_TOKEN", "tok-123"));
    TracingConfig t = r.config().orElseThrow().tracing();

    assertThat(t.serviceName()).isEqualTo("edge-gateway");
    assertThat(t.sampleRatio()).isEqualTo(0.25);
    assertThat(t.captureContent()).isTrue();
    assertThat(t.headers().get("authorization").reveal()).isEqualTo("Bearer tok-123");
    assertThat(t.toString()).doesNotContain("tok-123");
  }

  @Test
  void enabledFalseKeepsItOff() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + "tracing: { enabled: false }\n")
        .config().orElseThrow();

    assertThat(c.tracing().enabled()).isFalse();
  }

  @Test
  void badTracingValuesAreLocatedErrors() {
    ConfigResult r = TestConfigs.parse(TestConfigs.MINIMAL + """
        tracing:
          endpoint: collector:4318
          sample: 150%
          sampel: 1%
        """);

    assertThat(r.errors()).extracting(ConfigProblem::toString).containsExactly(
        "t.yaml:12:13: error: tracing.endpoint: expected an http(s) URL such as"
            + " http://127.0.0.1:4318/v1/traces, got 'collector:4318'",
        "t.yaml:13:11: error: tracing.sample: must be at most 100%, got '150%'",
        "t.yaml:14:3: error: tracing.sampel: unknown key 'sampel' (did you mean 'sample'?)");
  }

  @Test
  void headersTheExporterCannotSendAreRefusedWithoutQuotingValues() {
    ConfigResult r = TestConfigs.parse(TestConfigs.MINIMAL + """
        tracing:
          headers:
            Authorization: "Bearer a"
            authorization: "Bearer b"
            Host: collector
            x-token: "line\\nbreak"
        """);

    assertThat(r.errors()).extracting(ConfigProblem::toString).containsExactly(
        "t.yaml:14:5: error: tracing.headers.authorization: header 'authorization' is given"
            + " twice (header names ignore case)",
        "t.yaml:15:5: error: tracing.headers.Host: 'Host' is set by the exporter itself and"
            + " cannot be configured",
        "t.yaml:16:14: error: tracing.headers.x-token: a header value cannot contain a line"
            + " break");
    assertThat(r.errors().toString()).doesNotContain("Bearer");
  }

  @Test
  void readsTheUptimeSection() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        uptime:
          data_dir: var/ninelives
          slo: 99.5%
        """).config().orElseThrow();

    assertThat(c.uptime()).isEqualTo(new UptimeConfig(Optional.of(Path.of("var/ninelives")),
        0.995));
  }

  @Test
  void anObjectiveOfAHundredPercentLeavesNoBudgetAndIsRefused() {
    ConfigResult r = TestConfigs.parse(TestConfigs.MINIMAL + "uptime: { slo: 100% }\n");

    assertThat(r.errors()).extracting(ConfigProblem::toString).containsExactly(
        "t.yaml:11:16: error: uptime.slo: must be more than 0% and less than 100%, got '100%'");
  }
}
