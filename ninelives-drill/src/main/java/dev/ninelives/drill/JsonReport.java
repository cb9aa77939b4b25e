package dev.ninelives.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Every figure of a drill as JSON, in the schema documented in {@code docs/drills.md}
 * ({@value #SCHEMA}). Field names are snake_case; durations are milliseconds ({@code _ms}) or
 * seconds ({@code _s}) as their names say; shares are 0..1; a measurement that did not happen is
 * null. Fields may be added in later versions of the schema; none is renamed or removed without a
 * new schema name. Stateless.
 */
public final class JsonReport {
  /** The schema this writer produces. */
  public static final String SCHEMA = "ninelives-drill/1";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String render(DrillResult r) {
    try {
      return JSON.writeValueAsString(tree(r)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a drill result could not be written as JSON", e);
    }
  }

  static ObjectNode tree(DrillResult r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("passed", r.passed());
    DrillScenario s = r.scenario();
    Timeline t = r.timeline();

    ObjectNode scenario = root.putObject("scenario");
    scenario.put("name", s.name());
    scenario.put("description", s.description());
    scenario.put("scenario_s", s.length().toMillis() / 1000.0);
    scenario.put("wall_s", secs(t.wallNanos()));
    scenario.put("compression", round(t.compression().factor(), 2));
    ArrayNode providers = scenario.putArray("providers");
    for (DrillProvider p : s.providers()) {
      ObjectNode n = providers.addObject();
      n.put("name", p.name());
      n.put("dialect", p.dialect().configName());
      n.put("model", p.model());
      n.put("keys", p.keys().size());
      n.put("latency", p.latency().toString());
      n.put("on_route", r.route().contains(p.name()));
    }

    ObjectNode run = root.putObject("run");
    run.put("started_at", Format.instant(r.startedAt()));
    run.put("duration_s", secs(r.endNanos()));
    run.put("gateway_url", r.gatewayUrl());
    run.put("gateway_in_process", r.inProcess());
    run.put("gateway_configuration", r.wiring());
    run.put("primary", r.primary());
    ArrayNode route = run.putArray("route");
    r.route().forEach(route::add);
    ObjectNode load = run.putObject("load");
    load.put("rate_per_s", s.load().rate());
    load.put("streaming", s.load().streaming());
    ObjectNode clients = load.putObject("clients");
    s.load().clients().forEach((k, v) -> clients.put(k.label(), round(v, 4)));
    load.put("timeout_ms", s.load().timeout().toMillis());
    load.put("model", s.load().model());
    run.put("comparison_without_gateway", r.direct() != null);

    ArrayNode checks = root.putArray("checks");
    for (Check c : r.checks()) {
      ObjectNode n = checks.addObject();
      n.put("name", c.name());
      n.put("expected", c.expected());
      n.put("actual", c.actual());
      n.put("passed", c.passed());
      n.put("scope", c.scope());
    }

    ObjectNode totals = root.putObject("totals");
    totals.set("gateway", stats(r.gatewayTotal()));
    totals.set("direct", r.directTotal() == null ? null : stats(r.directTotal()));
    totals.put("failovers", r.failovers());
    totals.put("retries", r.retries());
    totals.set("upstream_calls", counts(r.callsGateway()));
    totals.set("upstream_calls_direct", counts(r.callsDirect()));

    ArrayNode phases = root.putArray("phases");
    for (PhaseResult p : r.phases()) {
      Timeline.Span sp = p.span();
      ObjectNode n = phases.addObject();
      n.put("index", sp.index());
      n.put("name", sp.phase().name());
      n.put("description", sp.phase().description());
      n.put("scenario_start_s", sp.scenarioStart().toMillis() / 1000.0);
      n.put("scenario_end_s", sp.scenarioStart().plus(sp.phase().length()).toMillis() / 1000.0);
      n.put("wall_start_s", secs(sp.wallStart()));
      n.put("wall_end_s", secs(sp.wallEnd()));
      n.put("any_provider_healthy", p.anyHealthy());
      n.put("silent_fault", sp.phase().hasSilentFault());
      ObjectNode faults = n.putObject("faults");
      sp.phase().faults().forEach((provider, rules) -> {
        ArrayNode list = faults.putArray(provider);
        rules.forEach(rule -> {
          ObjectNode f = list.addObject();
          f.put("kind", rule.fault().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
          f.put("description", rule.describe());
          f.put("probability", rule.probability());
          f.put("visible", rule.visible());
        });
      });
      n.set("gateway", stats(p.gateway()));
      n.set("direct", p.direct() == null ? null : stats(p.direct()));
      n.set("upstream_calls", counts(p.callsGateway()));
      n.set("upstream_calls_direct", counts(p.callsDirect()));
    }

    ArrayNode incidents = root.putArray("incidents");
    for (IncidentResult i : r.incidents()) {
      Timeline.Incident in = i.incident();
      ObjectNode n = incidents.addObject();
      n.put("provider", in.provider());
      n.put("first_phase", in.firstPhase());
      n.put("last_phase", in.lastPhase());
      n.put("wall_start_s", secs(in.wallStart()));
      n.put("wall_end_s", secs(in.wallEnd()));
      n.put("visible", in.visible());
      n.put("recovers", in.recovers());
      n.put("serving_before", i.serving());
      n.set("detection_s", seconds(i.detection()));
      n.set("first_failover_s", seconds(i.firstFailover()));
      n.set("full_failover_s", seconds(i.fullFailover()));
      n.set("readmission_s", seconds(i.readmission()));
      n.put("client_requests", i.requests());
      n.put("upstream_calls", i.upstreamCalls());
      if (i.directCalls() >= 0) {
        n.put("upstream_calls_direct", i.directCalls());
      } else {
        n.putNull("upstream_calls_direct");
      }
      n.put("retry_budget_bound", Math.floor(i.budgetBound()));
      n.put("within_budget", i.withinBudget());
    }

    ObjectNode timeline = root.putObject("timeline");
    Series series = r.series();
    timeline.put("bucket_s", secs(series.bucketNanos()));
    ArrayNode buckets = timeline.putArray("buckets");
    for (Series.Bucket b : series.buckets()) {
      ObjectNode n = buckets.addObject();
      n.put("wall_start_s", secs(b.startNanos()));
      n.put("scenario_start_s", t.compression().toScenario(b.startNanos()).toMillis() / 1000.0);
      n.put("phase", t.spanAt(b.startNanos()).index());
      n.set("gateway", brief(b.gateway()));
      n.set("direct", b.direct() == null ? null : brief(b.direct()));
      n.set("served_by", counts(b.gateway().servedBy()));
      n.set("upstream_calls", counts(b.callsGateway()));
      n.set("upstream_calls_direct", counts(b.callsDirect()));
    }

    ObjectNode breakers = root.putObject("breakers");
    r.breakers().forEach((target, spans) -> breakers.set(target, spans(spans)));
    ObjectNode quarantines = root.putObject("quarantines");
    r.quarantines().forEach((provider, spans) -> quarantines.set(provider, spans(spans)));

    ArrayNode events = root.putArray("events");
    for (GatewayEvent e : r.events()) {
      ObjectNode n = events.addObject();
      n.put("wall_s", secs(e.atNanos()));
      n.put("scenario_s", t.compression().toScenario(Math.max(0, e.atNanos())).toMillis() / 1000.0);
      n.put("kind", e.kind().label());
      n.put("subject", e.subject());
      n.put("detail", e.detail());
    }
    return root;
  }

  private static ObjectNode stats(Stats st) {
    ObjectNode n = brief(st);
    n.put("answered_rate", round(st.answeredRate(), 4));
    n.set("latency_ms", percentiles(st.latency()));
    n.set("ttft_ms", percentiles(st.ttft()));
    n.set("served_by", counts(st.servedBy()));
    n.set("failures", counts(st.failures()));
    return n;
  }

  private static ObjectNode brief(Stats st) {
    ObjectNode n = JSON.createObjectNode();
    n.put("requests", st.requests());
    n.put("ok", st.ok());
    n.put("wrong", st.wrong());
    n.put("failed", st.failed());
    n.put("success_rate", round(st.successRate(), 4));
    n.put("wrong_share", round(st.wrongShare(), 4));
    if (st.latency().count() > 0) {
      n.put("p50_ms", ms(st.latency().p50()));
      n.put("p95_ms", ms(st.latency().p95()));
    } else {
      n.putNull("p50_ms");
      n.putNull("p95_ms");
    }
    return n;
  }

  private static ObjectNode percentiles(Stats.Percentiles p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("count", p.count());
    if (p.count() == 0) {
      n.putNull("p50");
      n.putNull("p95");
      n.putNull("p99");
      n.putNull("max");
    } else {
      n.put("p50", ms(p.p50()));
      n.put("p95", ms(p.p95()));
      n.put("p99", ms(p.p99()));
      n.put("max", ms(p.max()));
    }
    return n;
  }

  private static ObjectNode counts(Map<String, Integer> m) {
    ObjectNode n = JSON.createObjectNode();
    m.forEach(n::put);
    return n;
  }

  private static ArrayNode spans(List<StateSpan> spans) {
    ArrayNode a = JSON.createArrayNode();
    for (StateSpan sp : spans) {
      ObjectNode n = a.addObject();
      n.put("from_s", secs(sp.fromNanos()));
      n.put("to_s", secs(sp.toNanos()));
      n.put("state", sp.state());
    }
    return a;
  }

  private static com.fasterxml.jackson.databind.JsonNode seconds(Long nanos) {
    return nanos == null ? JSON.nullNode() : JSON.getNodeFactory().numberNode(secs(nanos));
  }

  private static double secs(long nanos) {
    return round(nanos / 1e9, 3);
  }

  private static double ms(long nanos) {
    return round(nanos / 1e6, 1);
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
