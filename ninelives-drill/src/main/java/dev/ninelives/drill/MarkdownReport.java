package dev.ninelives.drill;

import java.util.List;
import java.util.Map;

/**
 * The drill's summary as Markdown: the verdict, what the client saw per phase with and without
 * the gateway, how fast the gateway reacted to each incident, and how many calls each provider
 * received. Every figure comes from the {@link DrillResult}; the JSON report holds them all.
 * Stateless.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static String render(DrillResult r) {
    StringBuilder md = new StringBuilder();
    DrillScenario s = r.scenario();
    Timeline t = r.timeline();
    md.append("# Drill: ").append(s.name()).append("\n\n");
    if (!s.description().isEmpty()) {
      md.append(s.description()).append("\n\n");
    }
    md.append("- Replayed ").append(Durations.human(s.length())).append(" of scenario time in ")
        .append(Durations.seconds(t.wallNanos())).append(" (").append(factor(t.compression()))
        .append("× compression; latencies, timeouts and the gateway's timers ran at real speed)\n");
    md.append("- Load: ").append(trim(s.load().rate())).append(" requests/s, ").append(Format.pct(s.load().streaming()))
        .append(" streaming, clients ").append(mix(s.load())).append(", client timeout ")
        .append(Durations.human(s.load().timeout())).append('\n');
    md.append("- Gateway: ").append(r.wiring()).append('\n');
    md.append("- Started ").append(Format.instant(r.startedAt()))
        .append("\n\n");

    md.append("## Verdict: ").append(r.passed() ? "PASSED" : "FAILED").append("\n\n");
    Stats g = r.gatewayTotal();
    md.append("Through the gateway the client got **").append(Format.pct(g.successRate())).append("** right answers (")
        .append(g.ok()).append(" of ").append(g.requests()).append(")");
    if (r.directTotal() != null) {
      Stats d = r.directTotal();
      md.append("; wired straight to ").append(r.primary()).append(" it would have got **")
          .append(Format.pct(d.successRate())).append("** (").append(d.ok()).append(" of ").append(d.requests()).append(")");
    }
    md.append(". The gateway failed over ").append(r.failovers()).append(" times and retried ").append(r.retries())
        .append(" upstream calls.\n\n");
    if (!r.checks().isEmpty()) {
      md.append("| check | expected | measured | | scope |\n|---|---|---|---|---|\n");
      for (Check c : r.checks()) {
        md.append("| ").append(c.name()).append(" | ").append(c.expected()).append(" | ").append(c.actual())
            .append(" | ").append(c.passed() ? "pass" : "**FAIL**").append(" | ").append(c.scope()).append(" |\n");
      }
      md.append('\n');
    }

    md.append("## What the client saw, phase by phase\n\n");
    md.append("Latency is to the complete answer, over answered requests; TTFT is the time to the first token of"
        + " streams. \"Direct\" is the same load sent straight to ").append(r.primary())
        .append(" against an identical simulation.\n\n");
    md.append("| phase | scenario time | faults | run | requests | right | wrong | failed | p50 | p95 | p99 | TTFT p95"
        + " | served by |\n|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (PhaseResult p : r.phases()) {
      Timeline.Span sp = p.span();
      String when = Format.clock(sp.scenarioStart()) + "–" + Format.clock(sp.scenarioStart().plus(sp.phase().length()));
      row(md, sp.phase().name(), when, sp.phase().faultSummary(), "gateway", p.gateway(), true);
      if (p.direct() != null) {
        row(md, "", "", "", "direct", p.direct(), false);
      }
    }
    md.append('\n');
    failures(md, "Wrong answers and failures through the gateway", g);
    if (r.directTotal() != null) {
      failures(md, "Wrong answers and failures without the gateway", r.directTotal());
    }

    if (!r.incidents().isEmpty()) {
      md.append("## How fast the gateway reacted\n\n");
      md.append("Wall-clock seconds, which compression does not shorten. Detection: a breaker of the provider opened"
          + " or the provider was quarantined. First failover: a client first got an answer from another provider."
          + " Full failover: requests went straight to another provider in one upstream call. Readmission: from"
          + " the provider's recovery until it answered clients again.\n\n");
      md.append("| provider | phases | detection | first failover | full failover | readmission | requests | calls to"
          + " it | budget bound |" + (r.direct() != null ? " calls without gateway |" : "")
          + "\n|---|---|---:|---:|---:|---:|---:|---:|---:|" + (r.direct() != null ? "---:|" : "") + "\n");
      for (IncidentResult i : r.incidents()) {
        Timeline.Incident in = i.incident();
        String phases = r.phases().get(in.firstPhase()).span().phase().name()
            + (in.lastPhase() > in.firstPhase() ? " … " + r.phases().get(in.lastPhase()).span().phase().name() : "");
        md.append("| ").append(in.provider()).append(in.visible() ? "" : " (silent)").append(" | ").append(phases)
            .append(" | ").append(Format.s(i.detection())).append(" | ").append(Format.s(i.firstFailover()))
            .append(" | ").append(Format.s(i.fullFailover())).append(" | ")
            .append(in.recovers() ? Format.s(i.readmission()) : "no recovery").append(" | ").append(i.requests())
            .append(" | ").append(i.upstreamCalls()).append(" | ").append((long) Math.floor(i.budgetBound()))
            .append(" |");
        if (r.direct() != null) {
          md.append(' ').append(i.directCalls() < 0 ? "–" : String.valueOf(i.directCalls())).append(" |");
        }
        md.append('\n');
      }
      md.append('\n');
    }

    md.append("## Upstream calls per provider\n\n");
    md.append("| phase | ");
    List<String> providers = s.providers().stream().map(DrillProvider::name).toList();
    for (String p : providers) {
      md.append(p).append(" | ");
    }
    md.append(r.direct() != null ? r.primary() + " without gateway |" : "").append("\n|---|");
    md.append("---:|".repeat(providers.size() + (r.direct() != null ? 1 : 0))).append('\n');
    for (PhaseResult p : r.phases()) {
      md.append("| ").append(p.span().phase().name()).append(" | ");
      for (String name : providers) {
        md.append(p.callsGateway().getOrDefault(name, 0)).append(" | ");
      }
      if (r.direct() != null) {
        md.append(p.callsDirect().getOrDefault(r.primary(), 0)).append(" |");
      }
      md.append('\n');
    }
    md.append("| **total** | ");
    for (String name : providers) {
      md.append("**").append(r.callsGateway().getOrDefault(name, 0)).append("** | ");
    }
    if (r.direct() != null) {
      md.append("**").append(r.callsDirect().getOrDefault(r.primary(), 0)).append("** |");
    }
    md.append("\n\n");

    List<GatewayEvent> decisions = r.events().stream()
        .filter(e -> e.kind() != GatewayEvent.Kind.FAILOVER && e.kind() != GatewayEvent.Kind.KEY_QUARANTINED)
        .toList();
    if (!decisions.isEmpty()) {
      md.append("## Gateway decisions\n\n");
      int shown = 0;
      for (GatewayEvent e : decisions) {
        if (shown++ == 40) {
          md.append("- … ").append(decisions.size() - 40).append(" more in the JSON report\n");
          break;
        }
        md.append("- ").append(Durations.seconds(e.atNanos())).append(" (scenario ")
            .append(Format.clock(t.compression().toScenario(Math.max(0, e.atNanos())).withNanos(0))).append("): ")
            .append(e.describe()).append('\n');
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String phase, String when, String faults, String run, Stats st,
      boolean gateway) {
    md.append("| ").append(phase).append(" | ").append(when).append(" | ").append(faults).append(" | ").append(run)
        .append(" | ").append(st.requests()).append(" | ").append(Format.pct(st.successRate())).append(" | ")
        .append(st.wrong()).append(" | ").append(st.failed()).append(" | ").append(Format.ms(st.latency().p50()))
        .append(" | ").append(Format.ms(st.latency().p95())).append(" | ").append(Format.ms(st.latency().p99()))
        .append(" | ").append(Format.ms(st.ttft().p95())).append(" | ")
        .append(gateway ? Format.counts(st.servedByProvider()) : "–").append(" |\n");
  }

  private static void failures(StringBuilder md, String title, Stats st) {
    if (st.failures().isEmpty()) {
      return;
    }
    md.append("**").append(title).append(":** ");
    StringBuilder list = new StringBuilder();
    for (Map.Entry<String, Integer> e : st.failures().entrySet()) {
      list.append(list.length() == 0 ? "" : ", ").append(e.getKey()).append(" × ").append(e.getValue());
    }
    md.append(list).append("\n\n");
  }

  private static String mix(Load l) {
    StringBuilder sb = new StringBuilder();
    l.clients().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " / ").append(k.label()).append(' ')
        .append(Math.round(v * 100)).append('%'));
    return sb.toString();
  }

  static String factor(Compression c) {
    return c.factor() >= 10 ? String.valueOf(Math.round(c.factor())) : trim(c.factor());
  }

  static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
  }
}
