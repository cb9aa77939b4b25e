package dev.ninelives.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.policy.AttemptRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GrafanaDashboardTest {
  private static final long MS = 1_000_000L;
  /** PromQL functions, aggregations and keywords the dashboard may use. */
  private static final Set<String> PROMQL = Set.of("sum", "max", "min", "avg", "count", "rate",
      "irate", "increase", "histogram_quantile", "by", "without", "and", "or", "unless",
      "clamp_min", "clamp_max", "label_values", "offset", "bool");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");

  private static JsonNode dashboard;
  private static Set<String> exposed;

  @BeforeAll
  static void load() throws Exception {
    dashboard = new ObjectMapper().readTree(GatewayMetrics.grafanaDashboard());
    GatewayMetrics metrics = new GatewayMetrics();
    metrics.onRequest(GatewayMetricsTest.request("chat", "succeeded", "p1/m", 120 * MS, 40_000,
        10, 20));
    metrics.onRequest(GatewayMetricsTest.request("chat", "all-failed", 3_000 * MS));
    metrics.onAttempt("chat", GatewayMetricsTest.attempt("p0/m", "server-error", -1));
    metrics.onAttempt("chat", GatewayMetricsTest.attempt("p0/m", AttemptRecord.BREAKER_OPEN, -1));
    metrics.onAttempt("chat", GatewayMetricsTest.attempt("p1/m", "success", 80 * MS));
    metrics.onFailover("chat", "p0/m", "p1/m", "server-error");
    metrics.onTransition("p0/m", BreakerState.CLOSED, BreakerState.OPEN, 0);
    metrics.onProviderQuarantined("p0");
    exposed = Exposition.parse(metrics.scrape()).gatewaySampleNames();
  }

  private static List<JsonNode> panels() {
    List<JsonNode> out = new ArrayList<>();
    dashboard.get("panels").forEach(out::add);
    return out;
  }

  private static List<String> exprs() {
    List<String> out = new ArrayList<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        out.add(target.get("expr").asText());
      }
    }
    return out;
  }

  /** The metric names an expression reads: identifiers outside strings, labels and ranges. */
  static Set<String> metricNames(String expr) {
    String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"") // string literals
        .replaceAll("\\{[^}]*}", "") // label matchers
        .replaceAll("\\[[^]]*]", "") // ranges
        .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", "") // grouping labels
        .replaceAll("\\b\\d+(\\.\\d+)?([eE][-+]?\\d+)?\\b", ""); // numbers
    Set<String> names = new LinkedHashSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      if (!PROMQL.contains(m.group())) {
        names.add(m.group());
      }
    }
    return names;
  }

  @Test
  void isAnImportableDashboard() {
    assertThat(dashboard.get("schemaVersion").asInt()).isBetween(36, 41);
    assertThat(dashboard.get("title").asText()).isNotBlank();
    assertThat(dashboard.get("uid").asText()).isNotBlank();
    JsonNode input = dashboard.get("__inputs").get(0);
    assertThat(input.get("name").asText()).isEqualTo("DS_PROMETHEUS");
    assertThat(input.get("type").asText()).isEqualTo("datasource");
    assertThat(input.get("pluginId").asText()).isEqualTo("prometheus");
    for (JsonNode panel : panels()) {
      assertThat(panel.get("datasource").get("uid").asText())
          .as(panel.get("title").asText()).isEqualTo("${DS_PROMETHEUS}");
      assertThat(panel.get("gridPos").get("w").asInt()).isPositive();
      for (JsonNode target : panel.get("targets")) {
        assertThat(target.get("datasource").get("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
        assertThat(target.get("refId").asText()).isNotBlank();
      }
    }
    Set<Integer> ids = new LinkedHashSet<>();
    panels().forEach(p -> ids.add(p.get("id").asInt()));
    assertThat(ids).hasSize(panels().size());
  }

  @Test
  void hasThePanelsAskedFor() {
    List<String> titles = new ArrayList<>();
    panels().forEach(p -> titles.add(p.get("title").asText()));
    assertThat(titles).contains(
        "Requests/s by route and outcome",
        "Success ratio per route",
        "Request latency p50 / p95 / p99",
        "Time to first token p95 by target",
        "Attempts/s by target and outcome",
        "Failovers/s from → to",
        "Breaker state per target",
        "Tokens/s by target and kind",
        "Gateway overhead p50 / p99");
    String all = String.join("\n", exprs());
    assertThat(all).contains("histogram_quantile(0.5, sum by (route, le)")
        .contains("histogram_quantile(0.95, sum by (route, le)")
        .contains("histogram_quantile(0.99, sum by (route, le)")
        .contains("histogram_quantile(0.95, sum by (target, le) "
            + "(rate(ninelives_time_to_first_token_seconds_bucket")
        .contains("histogram_quantile(0.99, sum by (le) (rate(ninelives_overhead_seconds_bucket");
  }

  @Test
  void everyExpressionReadsOnlyExposedMetrics() {
    assertThat(exprs()).isNotEmpty();
    for (String expr : exprs()) {
      Set<String> names = metricNames(expr);
      assertThat(names).as(expr).isNotEmpty();
      assertThat(names).as(expr).allMatch(n -> n.startsWith("ninelives_"));
      assertThat(exposed).as(expr).containsAll(names);
    }
  }

  @Test
  void templateVariablesQueryExposedMetrics() {
    Pattern labelValues = Pattern.compile("label_values\\(([a-z_]+),\\s*([a-z_]+)\\)");
    for (JsonNode var : dashboard.get("templating").get("list")) {
      String query = var.get("definition").asText();
      Matcher m = labelValues.matcher(query);
      assertThat(m.matches()).as(query).isTrue();
      assertThat(exposed).contains(m.group(1));
    }
  }

  @Test
  void theExtractorSeesThroughLabelsAndRanges() {
    assertThat(metricNames("histogram_quantile(0.95, sum by (target, le) "
        + "(rate(x_bucket{target=~\"$target\", a=\"b,c}\"}[$__rate_interval])))"))
        .containsExactly("x_bucket");
    assertThat(metricNames("sum(rate(a_total[5m])) / sum(rate(b_total[5m]))"))
        .containsExactly("a_total", "b_total");
  }
}
