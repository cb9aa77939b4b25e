package dev.ninelives.drill;

import java.util.List;
import java.util.Map;

/**
 * The drill's report as one self-contained HTML page: the verdict and checks, five charts in
 * inline SVG (right answers, latency, who answered, breaker states, calls per provider), the
 * per-phase table and the gateway's decisions. It loads nothing from anywhere and runs no
 * script, so it opens from a file, offline, in any browser. Stateless.
 */
public final class HtmlReport {
  private static final String STYLE = String.join("\n",
      "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328;margin:0;background:#fff}",
      "main{max-width:1000px;margin:0 auto;padding:24px 20px 48px}",
      "h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px}",
      ".lead{color:#59636e;margin:0 0 12px}.facts{color:#59636e;margin:0;padding-left:18px}",
      ".verdict{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;color:#fff}",
      ".pass{background:#1a7f37}.fail{background:#cf222e}",
      ".big{font-size:16px;margin:12px 0}",
      "table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}",
      "th,td{border-bottom:1px solid #d0d7de;padding:5px 6px;text-align:left;vertical-align:top}",
      "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
      "tr.direct td{color:#59636e}td.bad{color:#cf222e;font-weight:600}td.good{color:#1a7f37;font-weight:600}",
      "figure{margin:16px 0 4px}figcaption{font-weight:600;margin-bottom:2px}",
      ".chart{display:block;max-width:100%;height:auto}",
      ".chart text{font-size:11px;fill:#59636e}.chart .phasename{font-size:11px;fill:#1f2328}",
      ".chart .wall{fill:#8c959f;font-size:10px}.chart .rowlabel{fill:#1f2328}",
      ".legend{font-size:12px;color:#59636e;margin:2px 0 0}.legend span{margin-right:14px;white-space:nowrap}",
      ".sw{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-2px;margin-right:4px}",
      ".dash{display:inline-block;width:16px;border-top:2px dashed;vertical-align:3px;margin-right:4px}",
      "ol.events{font-size:13px;color:#1f2328;padding-left:22px}footer{color:#8c959f;font-size:12px;margin-top:32px}");

  private HtmlReport() {}

  /** @param jsonName the JSON report's file name, linked from the page */
  public static String render(DrillResult r, String jsonName) {
    DrillScenario s = r.scenario();
    Timeline t = r.timeline();
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<link rel=\"icon\" href=\"data:,\">")
        .append("<title>Drill: ").append(Html.esc(s.name())).append("</title><style>").append(STYLE)
        .append("</style></head><body><main>\n");
    h.append("<h1>Drill: ").append(Html.esc(s.name())).append(" <span class=\"verdict ")
        .append(r.passed() ? "pass\">passed" : "fail\">failed").append("</span></h1>\n");
    if (!s.description().isEmpty()) {
      h.append("<p class=\"lead\">").append(Html.esc(s.description())).append("</p>\n");
    }
    h.append("<ul class=\"facts\"><li>").append(Html.esc(Durations.human(s.length()))).append(" of scenario time replayed in ")
        .append(Html.esc(Durations.seconds(t.wallNanos()))).append(" (").append(MarkdownReport.factor(t.compression()))
        .append("× compression; latencies, timeouts and the gateway's timers ran at real speed)</li><li>")
        .append(MarkdownReport.trim(s.load().rate())).append(" requests/s, ").append(Format.pct(s.load().streaming()))
        .append(" streaming, client timeout ").append(Html.esc(Durations.human(s.load().timeout())))
        .append("</li><li>Gateway: ").append(Html.esc(r.wiring())).append("</li><li>Started ")
        .append(Format.instant(r.startedAt())).append("</li></ul>\n");

    Stats g = r.gatewayTotal();
    h.append("<p class=\"big\">Through the gateway the client got <strong>").append(Format.pct(g.successRate()))
        .append("</strong> right answers (").append(g.ok()).append(" of ").append(g.requests()).append(")");
    if (r.directTotal() != null) {
      h.append("; wired straight to ").append(Html.esc(r.primary())).append(" it would have got <strong>")
          .append(Format.pct(r.directTotal().successRate())).append("</strong>");
    }
    if (g.wrong() > 0) {
      h.append(". ").append(g.wrong()).append(" wrong answers with HTTP 200 reached the client (")
          .append(Format.pct(g.wrongShare())).append(')');
    }
    h.append(".</p>\n");

    if (!r.checks().isEmpty()) {
      h.append("<h2>Checks</h2><table id=\"checks\"><tr><th>check</th><th>expected</th><th>measured</th><th></th>")
          .append("<th>scope</th></tr>");
      for (Check c : r.checks()) {
        h.append("<tr><td>").append(Html.esc(c.name())).append("</td><td>").append(Html.esc(c.expected()))
            .append("</td><td>").append(Html.esc(c.actual())).append("</td><td class=\"")
            .append(c.passed() ? "good\">pass" : "bad\">FAIL").append("</td><td>").append(Html.esc(c.scope()))
            .append("</td></tr>");
      }
      h.append("</table>\n");
    }

    Map<String, String> colors = Charts.providerColors(r);
    h.append("<h2>Over time</h2><p class=\"lead\">Time along the bottom is scenario time, with the replay's wall-clock"
        + " seconds under it. Red bands are phases with faults.</p>\n");
    figure(h, "Right answers", Charts.success(r), legend(
        swatch(Charts.GATEWAY, "through the gateway"),
        r.direct() == null ? "" : swatch(Charts.DIRECT, "straight to " + r.primary())));
    figure(h, "Latency", Charts.latency(r), legend(
        swatch(Charts.GATEWAY, "gateway p95"), dash(Charts.GATEWAY, "gateway p50"),
        r.direct() == null ? "" : swatch(Charts.DIRECT, "direct p95"),
        r.direct() == null ? "" : dash(Charts.DIRECT, "direct p50")));
    StringBuilder served = new StringBuilder();
    colors.forEach((p, c) -> served.append(swatch(c, p)));
    served.append(swatch(Charts.WRONG, "wrong answer")).append(swatch(Charts.FAILED, "failed"));
    figure(h, "Which provider answered", Charts.servedBy(r), legend(served.toString()));
    figure(h, "Breakers and quarantines", Charts.breakers(r), legend(
        swatch(Charts.stateColor("closed"), "closed"), swatch(Charts.stateColor("half-open"), "half-open"),
        swatch(Charts.stateColor("open"), "open"), swatch(Charts.stateColor("quarantined"), "quarantined")));
    StringBuilder calls = new StringBuilder();
    colors.forEach((p, c) -> calls.append(swatch(c, p)));
    if (r.direct() != null) {
      calls.append(dash(Charts.DIRECT, r.primary() + " without the gateway"));
    }
    figure(h, "Upstream calls per second", Charts.calls(r), legend(calls.toString()));

    h.append("<h2>Phase by phase</h2><table id=\"phases\"><tr><th>phase</th><th>faults</th><th>run</th>")
        .append("<th class=\"n\">requests</th><th class=\"n\">right</th><th class=\"n\">wrong</th>")
        .append("<th class=\"n\">failed</th><th class=\"n\">p50</th><th class=\"n\">p95</th><th class=\"n\">p99</th>")
        .append("<th class=\"n\">TTFT p95</th><th>served by</th></tr>");
    for (PhaseResult p : r.phases()) {
      Timeline.Span sp = p.span();
      String when = Format.clock(sp.scenarioStart()) + "–" + Format.clock(sp.scenarioStart().plus(sp.phase().length()));
      row(h, "<strong>" + Html.esc(sp.phase().name()) + "</strong><br>" + Html.esc(when),
          Html.esc(sp.phase().faultSummary()), "gateway", p.gateway(), false);
      if (p.direct() != null) {
        row(h, "", "", "direct", p.direct(), true);
      }
    }
    h.append("</table>\n");

    if (!r.incidents().isEmpty()) {
      h.append("<h2>Incidents</h2><p class=\"lead\">Wall-clock seconds, which compression does not shorten.</p>")
          .append("<table id=\"incidents\"><tr><th>provider</th><th>phases</th><th class=\"n\">detection</th>")
          .append("<th class=\"n\">first failover</th><th class=\"n\">full failover</th><th class=\"n\">readmission</th>")
          .append("<th class=\"n\">requests</th><th class=\"n\">calls to it</th><th class=\"n\">budget bound</th></tr>");
      for (IncidentResult i : r.incidents()) {
        Timeline.Incident in = i.incident();
        String phases = r.phases().get(in.firstPhase()).span().phase().name()
            + (in.lastPhase() > in.firstPhase() ? " … " + r.phases().get(in.lastPhase()).span().phase().name() : "");
        h.append("<tr><td>").append(Html.esc(in.provider())).append(in.visible() ? "" : " (silent)").append("</td><td>")
            .append(Html.esc(phases)).append("</td><td class=\"n\">").append(Format.s(i.detection()))
            .append("</td><td class=\"n\">").append(Format.s(i.firstFailover())).append("</td><td class=\"n\">")
            .append(Format.s(i.fullFailover())).append("</td><td class=\"n\">")
            .append(in.recovers() ? Format.s(i.readmission()) : "no recovery").append("</td><td class=\"n\">")
            .append(i.requests()).append("</td><td class=\"n\">").append(i.upstreamCalls())
            .append("</td><td class=\"n\">").append((long) Math.floor(i.budgetBound())).append("</td></tr>");
      }
      h.append("</table>\n");
    }

    List<GatewayEvent> decisions = r.events().stream()
        .filter(e -> e.kind() != GatewayEvent.Kind.FAILOVER && e.kind() != GatewayEvent.Kind.KEY_QUARANTINED).toList();
    if (!decisions.isEmpty()) {
      h.append("<h2>Gateway decisions</h2><ol class=\"events\">");
      for (GatewayEvent e : decisions) {
        h.append("<li>").append(Format.s(e.atNanos())).append(" (scenario ")
            .append(Html.esc(Format.clock(t.compression().toScenario(Math.max(0, e.atNanos())).withNanos(0))))
            .append("): ").append(Html.esc(e.describe())).append("</li>");
      }
      h.append("</ol>\n");
    }
    h.append("<footer>Every figure of this report is in <a href=\"").append(Html.esc(jsonName)).append("\">")
        .append(Html.esc(jsonName)).append("</a> (schema ").append(JsonReport.SCHEMA).append(").</footer>\n");
    h.append("</main></body></html>\n");
    return h.toString();
  }

  private static void row(StringBuilder h, String phase, String faults, String run, Stats st, boolean direct) {
    h.append("<tr").append(direct ? " class=\"direct\"" : "").append("><td>").append(phase).append("</td><td>")
        .append(faults).append("</td><td>").append(run).append("</td><td class=\"n\">").append(st.requests())
        .append("</td><td class=\"n").append(st.requests() > 0 && st.ok() < st.requests() ? " bad" : "").append("\">")
        .append(Format.pct(st.successRate())).append("</td><td class=\"n\">").append(st.wrong())
        .append("</td><td class=\"n\">").append(st.failed()).append("</td><td class=\"n\">")
        .append(Format.ms(st.latency().p50())).append("</td><td class=\"n\">").append(Format.ms(st.latency().p95()))
        .append("</td><td class=\"n\">").append(Format.ms(st.latency().p99())).append("</td><td class=\"n\">")
        .append(Format.ms(st.ttft().p95())).append("</td><td>")
        .append(direct ? "–" : Html.esc(Format.counts(st.servedByProvider()))).append("</td></tr>");
  }

  private static void figure(StringBuilder h, String caption, String svg, String legend) {
    h.append("<figure><figcaption>").append(Html.esc(caption)).append("</figcaption>").append(svg).append(legend)
        .append("</figure>\n");
  }

  private static String legend(String... items) {
    return "<p class=\"legend\">" + String.join("", items) + "</p>";
  }

  private static String swatch(String color, String label) {
    return "<span><i class=\"sw\" style=\"background:" + color + "\"></i>" + Html.esc(label) + "</span>";
  }

  private static String dash(String color, String label) {
    return "<span><i class=\"dash\" style=\"border-color:" + color + "\"></i>" + Html.esc(label) + "</span>";
  }
}
