package dev.ninelives.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ninelives.core.breaker.BreakerState;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One consistent-enough reading of the gateway's health, as served by {@code GET
 * /status.json}. Holds no key, prompt or answer: providers' keys appear nowhere, not even as
 * labels.
 *
 * <p>Immutable.
 *
 * @param generatedAtMillis wall time of the reading
 * @param overall the verdict for the banner
 * @param providers every configured provider with its targets, in configuration order
 * @param routes every route that served requests in the last five minutes, by name
 * @param incidents open incidents and the most recent resolved ones, newest first
 */
public record StatusSnapshot(
    long generatedAtMillis,
    OverallStatus overall,
    List<ProviderStatus> providers,
    List<RouteStatus> routes,
    List<Incident> incidents) {

  private static final JsonFactory JSON = new JsonFactory();

  public StatusSnapshot {
    Objects.requireNonNull(overall, "overall");
    providers = List.copyOf(providers);
    routes = List.copyOf(routes);
    incidents = List.copyOf(incidents);
  }

  /**
   * A provider and its targets.
   *
   * @param name the provider's name under {@code providers:}
   * @param state quarantined when every key is, else the worst state of its targets
   * @param targets its targets, configured ones first
   */
  public record ProviderStatus(String name, HealthState state, List<TargetStatus> targets) {
    public ProviderStatus {
      targets = List.copyOf(targets);
    }
  }

  /**
   * One target over the last five minutes.
   *
   * @param id {@code provider/model}
   * @param model the model as the provider knows it
   * @param state its state now
   * @param successRate5m successes among attempts that succeeded or failed (0..1), or null
   *     without such attempts
   * @param latencyP50Ms median time to the answer (to first content for streams), or null
   * @param latencyP95Ms 95th percentile of the same, or null
   * @param attempts5m network attempts of any outcome
   * @param failures5m attempts that count against the target
   * @param skipped5m requests that passed it by (breaker open, provider quarantined)
   * @param outcomes5m attempts that did not succeed, by outcome label
   * @param successSeries success rate per 10-second bucket, oldest first, null where no
   *     attempt was judged (30 values)
   * @param breaker its circuit breaker
   */
  public record TargetStatus(
      String id,
      String model,
      HealthState state,
      Double successRate5m,
      Long latencyP50Ms,
      Long latencyP95Ms,
      long attempts5m,
      long failures5m,
      long skipped5m,
      Map<String, Long> outcomes5m,
      List<Double> successSeries,
      BreakerStatus breaker) {
    public TargetStatus {
      outcomes5m = Map.copyOf(outcomes5m);
      successSeries = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(successSeries));
    }
  }

  /**
   * A target's circuit breaker.
   *
   * @param state closed, open or half-open (an open breaker whose open period has passed
   *     reads as half-open)
   * @param failureRate share of failures in the breaker's own window (0..1)
   * @param calls calls in that window
   * @param openedAtMillis wall time it last opened while not closed, or -1
   * @param retryInMillis while open: time until trial requests are let through, else 0
   * @param history its last 50 transitions, oldest first
   */
  public record BreakerStatus(
      BreakerState state,
      double failureRate,
      int calls,
      long openedAtMillis,
      long retryInMillis,
      List<BreakerTransition> history) {
    public BreakerStatus {
      history = List.copyOf(history);
    }
  }

  /** One breaker transition at a wall time. */
  public record BreakerTransition(long atMillis, BreakerState from, BreakerState to) {
  }

  /**
   * One route (a model name clients send) over the last five minutes.
   *
   * @param name the alias or {@code provider/model}
   * @param requests5m client requests of any outcome
   * @param succeeded5m requests answered
   * @param failed5m requests that failed (cancelled ones and the caller's own mistakes are
   *     not failures)
   * @param failedOver5m answered requests that took more than one upstream attempt
   * @param successRate5m succeeded among succeeded and failed (0..1), or null
   * @param latencyP50Ms median time to the answer (to first content for streams), or null
   * @param latencyP95Ms 95th percentile of the same, or null
   */
  public record RouteStatus(
      String name,
      long requests5m,
      long succeeded5m,
      long failed5m,
      long failedOver5m,
      Double successRate5m,
      Long latencyP50Ms,
      Long latencyP95Ms) {
  }

  /** The JSON of {@code GET /status.json}. Field names are snake_case; times are ISO-8601 UTC. */
  public String toJson() {
    StringWriter out = new StringWriter(4096);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("generated_at", iso(generatedAtMillis));
      g.writeStringField("overall", overall.label());
      g.writeStringField("summary", overall.summary());
      g.writeArrayFieldStart("providers");
      for (ProviderStatus p : providers) {
        writeProvider(g, p);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("routes");
      for (RouteStatus r : routes) {
        g.writeStartObject();
        g.writeStringField("name", r.name());
        g.writeNumberField("requests_5m", r.requests5m());
        g.writeNumberField("succeeded_5m", r.succeeded5m());
        g.writeNumberField("failed_5m", r.failed5m());
        g.writeNumberField("failed_over_5m", r.failedOver5m());
        rate(g, "success_rate_5m", r.successRate5m());
        number(g, "latency_p50_ms", r.latencyP50Ms());
        number(g, "latency_p95_ms", r.latencyP95Ms());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("incidents");
      for (Incident i : incidents) {
        writeIncident(g, i);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void writeProvider(JsonGenerator g, ProviderStatus p) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", p.name());
    g.writeStringField("state", p.state().label());
    g.writeArrayFieldStart("targets");
    for (TargetStatus t : p.targets()) {
      g.writeStartObject();
      g.writeStringField("id", t.id());
      g.writeStringField("model", t.model());
      g.writeStringField("state", t.state().label());
      rate(g, "success_rate_5m", t.successRate5m());
      number(g, "latency_p50_ms", t.latencyP50Ms());
      number(g, "latency_p95_ms", t.latencyP95Ms());
      g.writeNumberField("attempts_5m", t.attempts5m());
      g.writeNumberField("failures_5m", t.failures5m());
      g.writeNumberField("skipped_5m", t.skipped5m());
      g.writeObjectFieldStart("outcomes_5m");
      for (Map.Entry<String, Long> e : new java.util.TreeMap<>(t.outcomes5m()).entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("success_rate_10s");
      for (Double d : t.successSeries()) {
        if (d == null) {
          g.writeNull();
        } else {
          g.writeNumber(round4(d));
        }
      }
      g.writeEndArray();
      BreakerStatus b = t.breaker();
      g.writeObjectFieldStart("breaker");
      g.writeStringField("state", b.state().label());
      g.writeNumberField("failure_rate", round4(b.failureRate()));
      g.writeNumberField("calls", b.calls());
      if (b.openedAtMillis() >= 0) {
        g.writeStringField("opened_at", iso(b.openedAtMillis()));
      }
      if (b.retryInMillis() > 0) {
        g.writeNumberField("retry_in_s", Math.max(1, Math.round(b.retryInMillis() / 1000.0)));
      }
      g.writeArrayFieldStart("history");
      for (BreakerTransition h : b.history()) {
        g.writeStartObject();
        g.writeStringField("at", iso(h.atMillis()));
        g.writeStringField("from", h.from().label());
        g.writeStringField("to", h.to().label());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeIncident(JsonGenerator g, Incident i) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", i.id());
    g.writeStringField("subject", i.subject());
    g.writeStringField("subject_kind", i.kind().label());
    g.writeStringField("title", i.title());
    g.writeStringField("status", i.status().label());
    g.writeStringField("opened_at", iso(i.openedAtMillis()));
    if (i.resolvedAtMillis() >= 0) {
      g.writeStringField("resolved_at", iso(i.resolvedAtMillis()));
    }
    g.writeNumberField("duration_s", i.durationMillis() / 1000);
    Impact impact = i.impact();
    g.writeObjectFieldStart("impact");
    g.writeNumberField("requests_affected", impact.requestsAffected());
    g.writeNumberField("failed", impact.failed());
    g.writeNumberField("failed_over", impact.failedOver());
    if (impact.extraLatencyMs() == null) {
      g.writeNullField("extra_latency_ms");
    } else {
      g.writeNumberField("extra_latency_ms", impact.extraLatencyMs());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("timeline");
    for (TimelineEntry e : i.timeline()) {
      g.writeStartObject();
      g.writeStringField("at", iso(e.atMillis()));
      g.writeStringField("text", e.text());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void rate(JsonGenerator g, String name, Double v) throws IOException {
    if (v == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, round4(v));
    }
  }

  private static void number(JsonGenerator g, String name, Long v) throws IOException {
    if (v == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, v);
    }
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}
