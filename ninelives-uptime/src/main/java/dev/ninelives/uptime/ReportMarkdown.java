package dev.ninelives.uptime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report in Markdown, for people: the same numbers as the JSON, in sentences and tables. */
final class ReportMarkdown {
  private ReportMarkdown() {
  }

  static String write(UptimeReport r) {
    StringBuilder md = new StringBuilder(4096);
    md.append("# Uptime report\n\n");
    long windowMinutes = r.coverage().windowMinutes();
    md.append("**Window:** ").append(Text.period(r.from(), r.to())).append(" UTC (")
        .append(Text.duration(windowMinutes)).append(") · **objective:** ")
        .append(Text.objective(r.slo())).append(" of client requests answered · **history:** ");
    if (r.storage().persistent()) {
      md.append("kept in `").append(r.storage().location()).append("`\n\n");
    } else {
      md.append("in memory only (no `uptime.data_dir`): it starts again when the gateway "
          + "restarts\n\n");
    }
    clients(md, r);
    routes(md, r.routes());
    providers(md, r.providers());
    coverage(md, r.coverage());
    return md.toString();
  }

  private static void clients(StringBuilder md, UptimeReport r) {
    UptimeReport.Clients c = r.clients();
    md.append("## What clients experienced\n\n");
    if (c.availability() == null) {
      md.append("No client request in the window could be judged.\n\n");
    } else {
      md.append("**").append(Text.percent(c.availability())).append("** of client requests "
          + "answered: ").append(Text.count(c.succeeded())).append(" of ")
          .append(Text.count(c.succeeded() + c.failed())).append(" (")
          .append(Text.count(c.failed())).append(" failed). ")
          .append(Text.count(c.failedOver()))
          .append(" were answered by a backup target. Not counted: ")
          .append(Text.count(c.clientErrors())).append(" client errors, ")
          .append(Text.count(c.cancelled())).append(" cancelled by the client.\n\n");
    }
    UptimeReport.ErrorBudget b = c.errorBudget();
    md.append("| error budget at ").append(Text.objective(r.slo()))
        .append(" | failed requests | share of the budget |\n|---|---:|---:|\n");
    md.append("| allowed | ").append(Text.amount(b.allowed())).append(" | ")
        .append(b.consumedShare() == null ? Text.NONE : "100%").append(" |\n");
    md.append("| consumed | ").append(Text.count(b.consumed())).append(" | ")
        .append(Text.percent(b.consumedShare())).append(" |\n");
    md.append("| remaining | ").append(Text.amount(b.remaining())).append(" | ")
        .append(Text.percent(b.remainingShare())).append(" |\n\n");
    md.append("Burn rate ").append(Text.rate(b.burnRate())).append(" over the window, ")
        .append(Text.rate(b.burnRateLastHour())).append(" in its last hour (at 1 the budget "
            + "is spent exactly by the end of the window; above 1 the objective is missed).\n\n");
  }

  private static void routes(StringBuilder md, List<UptimeReport.Route> routes) {
    if (routes.isEmpty()) {
      return;
    }
    md.append("| route | answered | minutes up | requests | failed | by a backup | client "
        + "errors | cancelled | longest outage |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (UptimeReport.Route rt : routes) {
      md.append("| ").append(Text.cell(rt.name())).append(" | ")
          .append(Text.percent(rt.availability())).append(" | ")
          .append(Text.percent(rt.minutes().uptime())).append(" | ")
          .append(Text.count(rt.requests())).append(" | ")
          .append(Text.count(rt.failed())).append(" | ")
          .append(Text.count(rt.failedOver())).append(" | ")
          .append(Text.count(rt.clientErrors())).append(" | ")
          .append(Text.count(rt.cancelled())).append(" | ")
          .append(outage(rt.longestOutage())).append(" |\n");
    }
    md.append('\n');
    List<String> failures = new ArrayList<>();
    for (UptimeReport.Route rt : routes) {
      if (!rt.failures().isEmpty()) {
        failures.add(Text.cell(rt.name()) + ": " + counts(rt.failures()));
      }
    }
    if (!failures.isEmpty()) {
      md.append("Failed requests by outcome — ").append(String.join("; ", failures))
          .append(".\n\n");
    }
  }

  private static void providers(StringBuilder md, List<UptimeReport.Provider> providers) {
    md.append("## What the gateway saw of each provider\n\n");
    if (providers.isEmpty()) {
      md.append("No upstream call in the window.\n\n");
      return;
    }
    md.append("| provider / target | calls answered | minutes up | calls | failed | skipped "
        + "| down minutes | longest outage |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
    List<String> failures = new ArrayList<>();
    for (UptimeReport.Provider p : providers) {
      row(md, p.totals(), true);
      for (UptimeReport.Upstream t : p.targets()) {
        row(md, t, false);
        if (!t.failures().isEmpty() || !t.skips().isEmpty()) {
          Map<String, Long> all = new java.util.TreeMap<>(t.failures());
          all.putAll(t.skips());
          failures.add(Text.cell(t.name()) + ": " + counts(all));
        }
      }
    }
    md.append('\n');
    if (!failures.isEmpty()) {
      md.append("Failed and skipped calls by outcome — ").append(String.join("; ", failures))
          .append(".\n\n");
    }
    md.append("*Calls answered* weighs every call (and every request that skipped the target "
        + "as unavailable); *minutes up* counts minutes with traffic or an outage, a minute "
        + "being down when more than half of it was not served.\n\n");
  }

  private static void row(StringBuilder md, UptimeReport.Upstream u, boolean provider) {
    String name = Text.cell(u.name());
    md.append("| ").append(provider ? "**" + name + "**" : name).append(" | ")
        .append(Text.percent(u.availability())).append(" | ")
        .append(Text.percent(u.minutes().uptime())).append(" | ")
        .append(Text.count(u.calls())).append(" | ")
        .append(Text.count(u.failed())).append(" | ")
        .append(Text.count(u.skipped())).append(" | ")
        .append(Text.count(u.minutes().down())).append(" | ")
        .append(outage(u.longestOutage())).append(" |\n");
  }

  private static void coverage(StringBuilder md, UptimeReport.Coverage c) {
    md.append("## Coverage\n\n");
    if (c.firstData() == null) {
      md.append("No data in the window: the gateway was not running, or kept no history "
          + "for it.\n");
    } else {
      md.append("Data for ").append(Text.count(c.minutesWithData())).append(" of ")
          .append(Text.count(c.windowMinutes())).append(" minutes, from ")
          .append(Text.minute(c.firstData())).append(" to ").append(Text.minute(c.lastData()))
          .append(" UTC.");
      if (c.gaps().isEmpty()) {
        md.append('\n');
      } else {
        md.append(" No data (the gateway was not running; counted neither up nor down):\n\n");
        for (UptimeReport.Period p : c.gaps()) {
          md.append("- ").append(Text.period(p.from(), p.to())).append(" (")
              .append(Text.duration(p.minutes())).append(")\n");
        }
        if (c.moreGaps() > 0) {
          md.append("- and ").append(c.moreGaps()).append(" more\n");
        }
      }
    }
    if (c.hourlyUntil() != null) {
      md.append("\nHistory before ").append(Text.minute(c.hourlyUntil()))
          .append(" UTC is kept per hour: its request counts are those of whole hours that "
              + "start in the window.\n");
    }
    if (!c.notes().isEmpty()) {
      md.append("\nWhile reading the history:\n\n");
      for (String n : c.notes()) {
        md.append("- ").append(n).append('\n');
      }
    }
  }

  private static String outage(UptimeReport.Period p) {
    return p == null ? "none" : Text.duration(p.minutes()) + ", " + Text.period(p.from(), p.to());
  }

  private static String counts(Map<String, Long> counts) {
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, Long> e : new java.util.TreeMap<>(counts).entrySet()) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(Text.cell(e.getKey())).append(' ').append(Text.count(e.getValue()));
    }
    return s.toString();
  }
}
