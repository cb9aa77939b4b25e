package dev.ninelives.uptime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report as JSON (snake_case, instants in ISO-8601 UTC, shares in [0, 1], null where there
 * was nothing to judge). Stateless.
 */
final class ReportJson {
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private ReportJson() {
  }

  static String write(UptimeReport r) {
    StringWriter out = new StringWriter(4096);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      instant(g, "from", r.from());
      instant(g, "to", r.to());
      instant(g, "generated_at", r.generatedAt());
      number(g, "slo", r.slo());
      g.writeObjectFieldStart("storage");
      g.writeBooleanField("persistent", r.storage().persistent());
      g.writeStringField("location", r.storage().location());
      g.writeEndObject();
      clients(g, r.clients(), r.slo());
      g.writeArrayFieldStart("routes");
      for (UptimeReport.Route route : r.routes()) {
        route(g, route);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("providers");
      for (UptimeReport.Provider p : r.providers()) {
        g.writeStartObject();
        upstreamFields(g, p.totals());
        g.writeArrayFieldStart("targets");
        for (UptimeReport.Upstream t : p.targets()) {
          g.writeStartObject();
          upstreamFields(g, t);
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      coverage(g, r.coverage());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.append('\n').toString();
  }

  private static void clients(JsonGenerator g, UptimeReport.Clients c, double slo)
      throws IOException {
    g.writeObjectFieldStart("clients");
    number(g, "availability", c.availability());
    g.writeNumberField("requests", c.requests());
    g.writeNumberField("succeeded", c.succeeded());
    g.writeNumberField("failed", c.failed());
    g.writeNumberField("failed_over", c.failedOver());
    g.writeNumberField("client_errors", c.clientErrors());
    g.writeNumberField("cancelled", c.cancelled());
    UptimeReport.ErrorBudget b = c.errorBudget();
    g.writeObjectFieldStart("error_budget");
    number(g, "slo", slo);
    g.writeNumberField("eligible_requests", b.eligible());
    number(g, "allowed_failures", b.allowed());
    g.writeNumberField("consumed", b.consumed());
    number(g, "remaining", b.remaining());
    number(g, "consumed_share", b.consumedShare());
    number(g, "remaining_share", b.remainingShare());
    number(g, "burn_rate", b.burnRate());
    number(g, "burn_rate_last_hour", b.burnRateLastHour());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void route(JsonGenerator g, UptimeReport.Route r) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", r.name());
    number(g, "availability", r.availability());
    number(g, "uptime", r.minutes().uptime());
    g.writeNumberField("requests", r.requests());
    g.writeNumberField("succeeded", r.succeeded());
    g.writeNumberField("failed", r.failed());
    g.writeNumberField("failed_over", r.failedOver());
    g.writeNumberField("client_errors", r.clientErrors());
    g.writeNumberField("cancelled", r.cancelled());
    counts(g, "failures", r.failures());
    minutes(g, r.minutes());
    period(g, "longest_outage", r.longestOutage());
    g.writeEndObject();
  }

  private static void upstreamFields(JsonGenerator g, UptimeReport.Upstream u)
      throws IOException {
    g.writeStringField("name", u.name());
    number(g, "availability", u.availability());
    number(g, "uptime", u.minutes().uptime());
    g.writeNumberField("calls", u.calls());
    g.writeNumberField("answered", u.answered());
    g.writeNumberField("failed", u.failed());
    g.writeNumberField("skipped", u.skipped());
    g.writeNumberField("neutral", u.neutral());
    counts(g, "failures", u.failures());
    counts(g, "skips", u.skips());
    minutes(g, u.minutes());
    period(g, "longest_outage", u.longestOutage());
  }

  private static void minutes(JsonGenerator g, UptimeReport.Minutes m) throws IOException {
    g.writeObjectFieldStart("minutes");
    g.writeNumberField("up", m.up());
    g.writeNumberField("degraded", m.degraded());
    g.writeNumberField("down", m.down());
    g.writeEndObject();
  }

  private static void coverage(JsonGenerator g, UptimeReport.Coverage c) throws IOException {
    g.writeObjectFieldStart("coverage");
    instant(g, "first_data", c.firstData());
    instant(g, "last_data", c.lastData());
    g.writeNumberField("window_minutes", c.windowMinutes());
    g.writeNumberField("minutes_with_data", c.minutesWithData());
    g.writeNumberField("minutes_without_data", c.minutesWithoutData());
    g.writeArrayFieldStart("gaps");
    for (UptimeReport.Period p : c.gaps()) {
      periodObject(g, p);
    }
    g.writeEndArray();
    g.writeNumberField("more_gaps", c.moreGaps());
    instant(g, "hourly_until", c.hourlyUntil());
    g.writeArrayFieldStart("notes");
    for (String n : c.notes()) {
      g.writeString(n);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void counts(JsonGenerator g, String field, Map<String, Long> counts)
      throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void period(JsonGenerator g, String field, UptimeReport.Period p)
      throws IOException {
    g.writeFieldName(field);
    if (p == null) {
      g.writeNull();
    } else {
      periodObject(g, p);
    }
  }

  private static void periodObject(JsonGenerator g, UptimeReport.Period p) throws IOException {
    g.writeStartObject();
    instant(g, "from", p.from());
    instant(g, "to", p.to());
    g.writeNumberField("minutes", p.minutes());
    g.writeEndObject();
  }

  private static void instant(JsonGenerator g, String field, Instant t) throws IOException {
    if (t == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, t.toString());
    }
  }

  /** Nine decimals: exact enough for any share, without binary noise (0.1 × 2 = 0.2). */
  private static void number(JsonGenerator g, String field, Double v) throws IOException {
    if (v == null || v.isNaN() || v.isInfinite()) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, BigDecimal.valueOf(v).setScale(9, RoundingMode.HALF_EVEN)
          .stripTrailingZeros());
    }
  }
}
