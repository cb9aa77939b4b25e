package dev.ninelives.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.policy.AttemptRecord;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
  private static final long MS = 1_000_000L;

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final GatewayMetrics metrics = new GatewayMetrics(registry);

  static RequestSummary request(String route, String outcome, String target, long durationNanos,
      long overheadNanos, long inputTokens, long outputTokens) {
    return new RequestSummary(route, "openai", outcome, 200, target, 1, false, false, durationNanos, -1,
        overheadNanos, inputTokens, outputTokens);
  }

  static RequestSummary request(String route, String outcome, long durationNanos) {
    return request(route, outcome, null, durationNanos, -1, -1, -1);
  }

  static AttemptRecord attempt(String target, String outcome, long ttftNanos) {
    boolean skip = outcome.equals(AttemptRecord.BREAKER_OPEN)
        || outcome.equals(AttemptRecord.PROVIDER_QUARANTINED);
    return new AttemptRecord(target, skip ? null : "key-1", outcome, skip ? 0 : 200,
        skip ? 0 : 50 * MS, ttftNanos, outcome, !skip, 0);
  }

  private Exposition scrape() {
    return Exposition.parse(metrics.scrape());
  }

  /** The cumulative count of the bucket with upper bound {@code le} (compared as a number). */
  private static double bucket(Exposition e, String histogram, double le, String... labels) {
    Map<String, String> want = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      want.put(labels[i], labels[i + 1]);
    }
    for (Exposition.Sample s : e.all(histogram + "_bucket")) {
      Map<String, String> rest = new TreeMap<>(s.labels());
      String bound = rest.remove("le");
      if (rest.equals(want) && Double.parseDouble(bound.replace("+Inf", "Infinity")) == le) {
        return s.value();
      }
    }
    throw new AssertionError("no bucket le=" + le + " " + want + " of " + histogram);
  }

  private static List<Double> bucketBounds(Exposition e, String histogram, String... labels) {
    Map<String, String> want = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      want.put(labels[i], labels[i + 1]);
    }
    List<Double> bounds = new ArrayList<>();
    for (Exposition.Sample s : e.all(histogram + "_bucket")) {
      Map<String, String> rest = new TreeMap<>(s.labels());
      String bound = rest.remove("le");
      if (rest.equals(want)) {
        bounds.add(Double.parseDouble(bound.replace("+Inf", "Infinity")));
      }
    }
    return bounds;
  }

  private void oneOfEverything() {
    metrics.onRequest(request("chat", "succeeded", "p1/m", 120 * MS, 80_000, 10, 20));
    metrics.onAttempt("chat", attempt("p1/m", "success", 40 * MS));
    metrics.onFailover("chat", "p0/m", "p1/m", "server-error");
    metrics.onTransition("p0/m", BreakerState.CLOSED, BreakerState.OPEN, 0);
    metrics.onProviderQuarantined("p0");
  }

  @Test
  void exposesExactlyTheContractNames() {
    oneOfEverything();
    Exposition e = scrape();

    assertThat(e.gatewayFamilies()).containsExactlyInAnyOrder(
        "ninelives_requests_total",
        "ninelives_attempts_total",
        "ninelives_failovers_total",
        "ninelives_request_duration_seconds",
        "ninelives_time_to_first_token_seconds",
        "ninelives_breaker_state",
        "ninelives_tokens_total",
        "ninelives_overhead_seconds",
        "ninelives_provider_quarantined",
        // Micrometer always adds a max gauge beside a timer's histogram.
        "ninelives_request_duration_seconds_max",
        "ninelives_time_to_first_token_seconds_max",
        "ninelives_overhead_seconds_max");
    assertThat(e.types).containsEntry("ninelives_requests_total", "counter")
        .containsEntry("ninelives_attempts_total", "counter")
        .containsEntry("ninelives_failovers_total", "counter")
        .containsEntry("ninelives_tokens_total", "counter")
        .containsEntry("ninelives_request_duration_seconds", "histogram")
        .containsEntry("ninelives_time_to_first_token_seconds", "histogram")
        .containsEntry("ninelives_overhead_seconds", "histogram")
        .containsEntry("ninelives_breaker_state", "gauge")
        .containsEntry("ninelives_provider_quarantined", "gauge");

    assertThat(e.gatewaySampleNames()).contains(
        "ninelives_requests_total",
        "ninelives_attempts_total",
        "ninelives_failovers_total",
        "ninelives_request_duration_seconds_bucket",
        "ninelives_request_duration_seconds_count",
        "ninelives_request_duration_seconds_sum",
        "ninelives_time_to_first_token_seconds_bucket",
        "ninelives_breaker_state",
        "ninelives_tokens_total",
        "ninelives_overhead_seconds_bucket",
        "ninelives_overhead_seconds_count",
        "ninelives_overhead_seconds_sum",
        "ninelives_provider_quarantined");
    assertThat(e.text).doesNotContain("_total_total").doesNotContain("_seconds_seconds");

    // Label keys per metric, exactly as the contract.
    assertThat(e.all("ninelives_requests_total").get(0).labels())
        .containsOnlyKeys("route", "outcome");
    assertThat(e.all("ninelives_attempts_total").get(0).labels())
        .containsOnlyKeys("target", "outcome");
    assertThat(e.all("ninelives_failovers_total").get(0).labels())
        .containsOnlyKeys("route", "from", "to");
    assertThat(e.all("ninelives_request_duration_seconds_count").get(0).labels())
        .containsOnlyKeys("route");
    assertThat(e.all("ninelives_time_to_first_token_seconds_count").get(0).labels())
        .containsOnlyKeys("target");
    assertThat(e.all("ninelives_breaker_state").get(0).labels()).containsOnlyKeys("target");
    assertThat(e.all("ninelives_tokens_total").get(0).labels())
        .containsOnlyKeys("target", "kind");
    assertThat(e.all("ninelives_overhead_seconds_count").get(0).labels()).isEmpty();
    assertThat(e.all("ninelives_provider_quarantined").get(0).labels())
        .containsOnlyKeys("provider");
  }

  @Test
  void scrapeIsTextFormatWithMatchingContentType() {
    oneOfEverything();
    assertThat(metrics.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8")
        .isEqualTo(GatewayMetrics.CONTENT_TYPE);
    String text = metrics.scrape();
    assertThat(text).contains("# HELP ninelives_requests_total ")
        .contains("# TYPE ninelives_requests_total counter")
        .doesNotContain("# EOF"); // that would be OpenMetrics
    assertThat(text).isEqualTo(registry.scrape());
  }

  @Test
  void newMetricsHaveTheirOwnRegistry() {
    GatewayMetrics own = new GatewayMetrics();
    own.onRequest(request("chat", "succeeded", 5 * MS));
    assertThat(Exposition.parse(own.scrape()).value("ninelives_requests_total",
        "route", "chat", "outcome", "succeeded")).isEqualTo(1.0);
    assertThat(own.registry()).isNotSameAs(registry);
  }

  @Test
  void countsRequestsAndRecordsTheirDuration() {
    metrics.onRequest(request("chat", "succeeded", 20 * MS));
    metrics.onRequest(request("chat", "succeeded", 200 * MS));
    metrics.onRequest(request("chat", "succeeded", 3_000 * MS));
    metrics.onRequest(request("chat", "all-failed", 4_000 * MS));
    metrics.onRequest(request(RequestSummary.NO_ROUTE, "invalid", 1 * MS));

    Exposition e = scrape();
    assertThat(e.value("ninelives_requests_total", "route", "chat", "outcome", "succeeded"))
        .isEqualTo(3.0);
    assertThat(e.value("ninelives_requests_total", "route", "chat", "outcome", "all-failed"))
        .isEqualTo(1.0);
    assertThat(e.value("ninelives_requests_total", "route", "-", "outcome", "invalid"))
        .isEqualTo(1.0);

    String h = "ninelives_request_duration_seconds";
    assertThat(e.value(h + "_count", "route", "chat")).isEqualTo(4.0);
    assertThat(e.value(h + "_sum", "route", "chat")).isCloseTo(7.22, within(1e-9));
    assertThat(bucket(e, h, 0.025, "route", "chat")).isEqualTo(1.0);
    assertThat(bucket(e, h, 0.25, "route", "chat")).isEqualTo(2.0);
    assertThat(bucket(e, h, 2.5, "route", "chat")).isEqualTo(2.0);
    assertThat(bucket(e, h, 5, "route", "chat")).isEqualTo(4.0);
    assertThat(bucket(e, h, Double.POSITIVE_INFINITY, "route", "chat")).isEqualTo(4.0);
    assertThat(bucketBounds(e, h, "route", "chat")).containsExactly(
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0,
        30.0, 60.0, 120.0, 300.0, Double.POSITIVE_INFINITY);
  }

  @Test
  void countsAttemptsIncludingSkippedTargetsAndTimesFirstTokens() {
    metrics.onAttempt("chat", attempt("p1/m", "success", 300 * MS));
    metrics.onAttempt("chat", attempt("p1/m", "success", 700 * MS));
    metrics.onAttempt("chat", attempt("p1/m", "server-error", -1));
    metrics.onAttempt("chat", attempt("p2/m", AttemptRecord.BREAKER_OPEN, -1));
    metrics.onAttempt("chat", attempt("p3/m", AttemptRecord.PROVIDER_QUARANTINED, -1));

    Exposition e = scrape();
    assertThat(e.value("ninelives_attempts_total", "target", "p1/m", "outcome", "success"))
        .isEqualTo(2.0);
    assertThat(e.value("ninelives_attempts_total", "target", "p1/m", "outcome", "server-error"))
        .isEqualTo(1.0);
    assertThat(e.value("ninelives_attempts_total", "target", "p2/m", "outcome", "breaker-open"))
        .isEqualTo(1.0);
    assertThat(e.value("ninelives_attempts_total", "target", "p3/m",
        "outcome", "provider-quarantined")).isEqualTo(1.0);

    String h = "ninelives_time_to_first_token_seconds";
    assertThat(e.value(h + "_count", "target", "p1/m")).isEqualTo(2.0);
    assertThat(e.value(h + "_sum", "target", "p1/m")).isCloseTo(1.0, within(1e-9));
    assertThat(bucket(e, h, 0.5, "target", "p1/m")).isEqualTo(1.0);
    assertThat(bucket(e, h, 1.0, "target", "p1/m")).isEqualTo(2.0);
    // No first token, no sample.
    assertThat(e.find(h + "_count", "target", "p2/m")).isNull();
    assertThat(e.find(h + "_count", "target", "p3/m")).isNull();
  }

  @Test
  void countsFailoversFromTo() {
    metrics.onFailover("chat", "p1/m", "p2/m", "server-error");
    metrics.onFailover("chat", "p1/m", "p2/m", "timeout");
    metrics.onFailover("chat", "p2/m", "p3/m", "rate-limited");
    metrics.onFailover("code", "p1/m", "p2/m", "auth");

    Exposition e = scrape();
    assertThat(e.value("ninelives_failovers_total", "route", "chat", "from", "p1/m", "to", "p2/m"))
        .isEqualTo(2.0);
    assertThat(e.value("ninelives_failovers_total", "route", "chat", "from", "p2/m", "to", "p3/m"))
        .isEqualTo(1.0);
    assertThat(e.value("ninelives_failovers_total", "route", "code", "from", "p1/m", "to", "p2/m"))
        .isEqualTo(1.0);
    assertThat(e.all("ninelives_failovers_total")).hasSize(3); // the reason is not a label
  }

  @Test
  void countsTokensOnlyWithATargetAndReportedCounts() {
    metrics.onRequest(request("chat", "succeeded", "p1/m", 10 * MS, -1, 100, 40));
    metrics.onRequest(request("chat", "succeeded", "p1/m", 10 * MS, -1, 50, 0));
    metrics.onRequest(request("chat", "succeeded", "p2/m", 10 * MS, -1, 7, -1));
    metrics.onRequest(request("chat", "all-failed", null, 10 * MS, -1, 999, 999));

    Exposition e = scrape();
    assertThat(e.value("ninelives_tokens_total", "target", "p1/m", "kind", "input"))
        .isEqualTo(150.0);
    assertThat(e.value("ninelives_tokens_total", "target", "p1/m", "kind", "output"))
        .isEqualTo(40.0);
    assertThat(e.value("ninelives_tokens_total", "target", "p2/m", "kind", "input"))
        .isEqualTo(7.0);
    assertThat(e.find("ninelives_tokens_total", "target", "p2/m", "kind", "output")).isNull();
    assertThat(e.labelValues("ninelives_tokens_total", "target"))
        .containsExactlyInAnyOrder("p1/m", "p2/m");
  }

  @Test
  void recordsOverheadWhenMeasured() {
    metrics.onRequest(request("chat", "succeeded", "p1/m", 10 * MS, 20_000, -1, -1));
    metrics.onRequest(request("chat", "succeeded", "p1/m", 10 * MS, 3 * MS, -1, -1));
    metrics.onRequest(request("chat", "succeeded", "p1/m", 10 * MS, -1, -1, -1));

    Exposition e = scrape();
    String h = "ninelives_overhead_seconds";
    assertThat(e.value(h + "_count")).isEqualTo(2.0);
    assertThat(e.value(h + "_sum")).isCloseTo(0.00302, within(1e-12));
    assertThat(bucket(e, h, 0.00001)).isEqualTo(0.0);
    assertThat(bucket(e, h, 0.000025)).isEqualTo(1.0);
    assertThat(bucket(e, h, 0.0025)).isEqualTo(1.0);
    assertThat(bucket(e, h, 0.005)).isEqualTo(2.0);
    assertThat(bucketBounds(e, h)).containsExactly(
        0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
        0.025, 0.05, 0.1, Double.POSITIVE_INFINITY);
  }

  @Test
  void skipsNegativeDurations() {
    metrics.onRequest(request("chat", "cancelled", -1));
    Exposition e = scrape();
    assertThat(e.value("ninelives_requests_total", "route", "chat", "outcome", "cancelled"))
        .isEqualTo(1.0);
    assertThat(e.find("ninelives_request_duration_seconds_count", "route", "chat")).isNull();
  }

  @Test
  void breakerGaugeFollowsTransitionEventsWithoutARegistry() {
    metrics.onAttempt("chat", attempt("p1/m", "success", -1));
    assertThat(scrape().value("ninelives_breaker_state", "target", "p1/m")).isEqualTo(0.0);

    metrics.onTransition("p1/m", BreakerState.CLOSED, BreakerState.OPEN, 1);
    assertThat(scrape().value("ninelives_breaker_state", "target", "p1/m")).isEqualTo(2.0);
    metrics.onTransition("p1/m", BreakerState.OPEN, BreakerState.HALF_OPEN, 2);
    assertThat(scrape().value("ninelives_breaker_state", "target", "p1/m")).isEqualTo(1.0);
    metrics.onTransition("p1/m", BreakerState.HALF_OPEN, BreakerState.CLOSED, 3);
    assertThat(scrape().value("ninelives_breaker_state", "target", "p1/m")).isEqualTo(0.0);

    // A target first seen in a transition gets its gauge at once.
    metrics.onTransition("p9/m", BreakerState.CLOSED, BreakerState.OPEN, 4);
    assertThat(scrape().value("ninelives_breaker_state", "target", "p9/m")).isEqualTo(2.0);
  }

  @Test
  void providerQuarantineGauge() {
    metrics.onProviderQuarantined("p1");
    assertThat(scrape().value("ninelives_provider_quarantined", "provider", "p1"))
        .isEqualTo(1.0);
    metrics.onProviderReadmitted("p1");
    assertThat(scrape().value("ninelives_provider_quarantined", "provider", "p1"))
        .isEqualTo(0.0);
    // Key-level events are not metrics: key labels are not series.
    metrics.onKeyQuarantined("p1", "key-2", 5);
    metrics.onKeyReadmitted("p1", "key-2");
    assertThat(scrape().text).doesNotContain("key-2");
  }

  @Test
  void routesBeyondTheCapAreOther() {
    for (int i = 0; i < GatewayMetrics.MAX_ROUTES; i++) {
      metrics.onRequest(request("openai/model-" + i, "succeeded", MS));
    }
    for (int i = 0; i < 5; i++) {
      metrics.onRequest(request("openai/late-" + i, "succeeded", MS));
    }
    metrics.onRequest(request("openai/model-7", "succeeded", MS)); // admitted earlier: its own

    Exposition e = scrape();
    assertThat(e.labelValues("ninelives_requests_total", "route"))
        .hasSize(GatewayMetrics.MAX_ROUTES + 1)
        .contains("other", "openai/model-0", "openai/model-999")
        .doesNotContain("openai/late-0");
    assertThat(e.value("ninelives_requests_total", "route", "other", "outcome", "succeeded"))
        .isEqualTo(5.0);
    assertThat(e.value("ninelives_request_duration_seconds_count", "route", "other"))
        .isEqualTo(5.0);
    assertThat(e.value("ninelives_requests_total", "route", "openai/model-7",
        "outcome", "succeeded")).isEqualTo(2.0);
  }

  @Test
  void targetsBeyondTheCapAreOtherAndGetNoBreakerGauge() {
    for (int i = 0; i < GatewayMetrics.MAX_TARGETS; i++) {
      metrics.onAttempt("r", attempt("p/model-" + i, "success", MS));
    }
    metrics.onAttempt("r", attempt("p/late-1", "success", MS));
    metrics.onAttempt("r", attempt("p/late-2", "timeout", -1));
    metrics.onFailover("r", "p/late-2", "p/model-3", "timeout");
    metrics.onRequest(request("r", "succeeded", "p/late-1", MS, -1, 10, 5));
    metrics.onTransition("p/late-2", BreakerState.CLOSED, BreakerState.OPEN, 0);

    Exposition e = scrape();
    assertThat(e.labelValues("ninelives_attempts_total", "target"))
        .hasSize(GatewayMetrics.MAX_TARGETS + 1).contains("other");
    assertThat(e.value("ninelives_attempts_total", "target", "other", "outcome", "success"))
        .isEqualTo(1.0);
    assertThat(e.value("ninelives_attempts_total", "target", "other", "outcome", "timeout"))
        .isEqualTo(1.0);
    assertThat(e.value("ninelives_time_to_first_token_seconds_count", "target", "other"))
        .isEqualTo(1.0);
    assertThat(e.value("ninelives_failovers_total", "route", "r", "from", "other",
        "to", "p/model-3")).isEqualTo(1.0);
    assertThat(e.value("ninelives_tokens_total", "target", "other", "kind", "input"))
        .isEqualTo(10.0);
    assertThat(e.labelValues("ninelives_breaker_state", "target"))
        .hasSize(GatewayMetrics.MAX_TARGETS)
        .doesNotContain("other", "p/late-1", "p/late-2");
    assertThat(e.text).doesNotContain("p/late-");
  }

  @Test
  void missingLabelValuesAreUnknown() {
    metrics.onAttempt("chat", new AttemptRecord(null, null, null, 0, 0, -1, "?", false, 0));
    metrics.onFailover(null, null, "p1/m", "x");
    metrics.onTransition(null, BreakerState.CLOSED, BreakerState.OPEN, 0);
    metrics.onProviderQuarantined(null);

    Exposition e = scrape();
    assertThat(e.value("ninelives_attempts_total", "target", "unknown", "outcome", "unknown"))
        .isEqualTo(1.0);
    assertThat(e.value("ninelives_failovers_total", "route", "unknown", "from", "unknown",
        "to", "p1/m")).isEqualTo(1.0);
    assertThat(e.labelValues("ninelives_breaker_state", "target")).containsExactly("p1/m");
  }

  @Test
  void metersAreCreatedOncePerLabelCombination() {
    oneOfEverything();
    int meters = registry.getMeters().size();
    for (int i = 0; i < 1_000; i++) {
      oneOfEverything();
    }
    assertThat(registry.getMeters()).hasSize(meters);
    assertThat(scrape().value("ninelives_requests_total", "route", "chat", "outcome", "succeeded"))
        .isEqualTo(1_001.0);
  }

  @Test
  void concurrentEventsAddUp() throws Exception {
    int threads = 8;
    int perThread = 20_000;
    String[] routes = {"chat", "code", "openai/gpt-4.1", "claude/sonnet"};
    String[] targetIds = {"p1/a", "p1/b", "p2/a", "p3/c", "p4/d"};
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            int n = seed + i;
            String route = routes[n % routes.length];
            String target = targetIds[n % targetIds.length];
            String next = targetIds[(n + 1) % targetIds.length];
            metrics.onAttempt(route, attempt(target, "success", MS));
            metrics.onFailover(route, target, next, "timeout");
            metrics.onRequest(request(route, "succeeded", target, 2 * MS, 50_000, 3, 2));
            if (i % 1000 == 0) {
              metrics.onTransition(target, BreakerState.CLOSED, BreakerState.OPEN, i);
              metrics.scrape(); // scrapes race with events too
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    long total = (long) threads * perThread;
    Exposition e = scrape();
    assertThat(sum(e, "ninelives_requests_total")).isEqualTo(total);
    assertThat(sum(e, "ninelives_attempts_total")).isEqualTo(total);
    assertThat(sum(e, "ninelives_failovers_total")).isEqualTo(total);
    assertThat(sum(e, "ninelives_request_duration_seconds_count")).isEqualTo(total);
    assertThat(sum(e, "ninelives_time_to_first_token_seconds_count")).isEqualTo(total);
    assertThat(e.value("ninelives_overhead_seconds_count")).isEqualTo((double) total);
    double input = 0;
    double output = 0;
    for (Exposition.Sample s : e.all("ninelives_tokens_total")) {
      if (s.labels().get("kind").equals("input")) {
        input += s.value();
      } else {
        output += s.value();
      }
    }
    assertThat(input).isEqualTo(3.0 * total);
    assertThat(output).isEqualTo(2.0 * total);
    assertThat(e.labelValues("ninelives_requests_total", "route"))
        .containsExactlyInAnyOrder(routes);
    assertThat(e.labelValues("ninelives_breaker_state", "target"))
        .containsExactlyInAnyOrder(targetIds);
    for (String route : routes) {
      // Each (route, outcome) is one series: concurrent first use created one counter.
      assertThat(e.all("ninelives_requests_total").stream()
          .filter(s -> s.labels().get("route").equals(route))).hasSize(1);
    }
  }

  private static long sum(Exposition e, String name) {
    double sum = 0;
    for (Exposition.Sample s : e.all(name)) {
      sum += s.value();
    }
    return (long) sum;
  }
}
