package dev.ninelives.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Holds a drill's measurements against its scenario's expectations. An expectation with nothing
 * to measure fails rather than passing by default: a drill that sent no request during a fault
 * proves nothing. Stateless.
 */
final class Checks {
  private Checks() {}

  static List<Check> evaluate(DrillResult r) {
    Expectations e = r.scenario().expect();
    List<Check> out = new ArrayList<>();
    if (e.successRate() != null) {
      List<Outcome> scope = scope(r.gateway(), r, p -> p.anyHealthy() && !p.span().phase().hasSilentFault());
      double actual = Stats.of(scope).successRate();
      out.add(new Check("success_rate", "≥ " + pct(e.successRate()), pct(actual) + of(scope),
          !scope.isEmpty() && actual >= e.successRate(),
          "through the gateway, requests sent while at least one provider was healthy (silent faults excluded)"));
    }
    if (e.answeredRate() != null) {
      List<Outcome> scope = scope(r.gateway(), r, PhaseResult::anyHealthy);
      double actual = Stats.of(scope).answeredRate();
      out.add(new Check("answered_rate", "≥ " + pct(e.answeredRate()), pct(actual) + of(scope),
          !scope.isEmpty() && actual >= e.answeredRate(),
          "through the gateway, complete answers (right or wrong) while at least one provider was healthy"));
    }
    if (e.wrongAnswersMin() != null || e.wrongAnswersMax() != null) {
      List<Outcome> scope = scope(r.gateway(), r, p -> p.span().phase().hasSilentFault());
      double actual = Stats.of(scope).wrongShare();
      boolean ok = !scope.isEmpty()
          && (e.wrongAnswersMin() == null || actual >= e.wrongAnswersMin())
          && (e.wrongAnswersMax() == null || actual <= e.wrongAnswersMax());
      String expected = e.wrongAnswersMin() != null && e.wrongAnswersMax() != null
          ? pct(e.wrongAnswersMin()) + " – " + pct(e.wrongAnswersMax())
          : e.wrongAnswersMin() != null ? "≥ " + pct(e.wrongAnswersMin()) : "≤ " + pct(e.wrongAnswersMax());
      out.add(new Check("wrong_answers", expected, pct(actual) + of(scope), ok,
          "through the gateway, wrong answers that reached the client during phases with a silent fault"));
    }
    if (e.directSuccessMax() != null) {
      if (r.direct() == null) {
        out.add(new Check("direct_success_max", "≤ " + pct(e.directSuccessMax()), "no comparison run", false,
            "straight to the primary"));
      } else {
        List<Outcome> scope = scope(r.direct(), r, p -> !p.span().phase().healthy(r.primary()));
        double actual = Stats.of(scope).successRate();
        out.add(new Check("direct_success_max", "≤ " + pct(e.directSuccessMax()), pct(actual) + of(scope),
            !scope.isEmpty() && actual <= e.directSuccessMax(),
            "a client wired straight to " + r.primary() + ", during its faults"));
      }
    }
    List<IncidentResult> visible = r.incidents().stream().filter(i -> i.incident().visible()).toList();
    List<IncidentResult> serving = visible.stream().filter(IncidentResult::serving).toList();
    timed(out, "detection_max", e.detectionMax(), visible, IncidentResult::detection,
        "from each incident's start until the gateway took the provider out of rotation");
    timed(out, "full_failover_max", e.fullFailoverMax(), serving, IncidentResult::fullFailover,
        "from each incident's start until requests went straight to another provider");
    timed(out, "readmission_max", e.readmissionMax(),
        r.incidents().stream().filter(i -> i.incident().recovers() && i.incident().visible()).toList(),
        IncidentResult::readmission, "from each incident's end until the provider answered clients again");
    if (e.callsWithinBudget()) {
      List<String> over = new ArrayList<>();
      int worstCalls = 0;
      double worstBound = 0;
      for (IncidentResult i : visible) {
        if (!i.withinBudget()) {
          over.add(i.incident().provider() + " " + i.upstreamCalls() + " > " + (long) Math.floor(i.budgetBound()));
        }
        if (i.budgetBound() > 0 && (worstBound == 0 || i.upstreamCalls() / i.budgetBound() > worstCalls / worstBound)) {
          worstCalls = i.upstreamCalls();
          worstBound = i.budgetBound();
        }
      }
      String actual = visible.isEmpty() ? "no incident"
          : over.isEmpty() ? "at most " + worstCalls + " calls against a bound of " + (long) Math.floor(worstBound)
          : String.join("; ", over);
      out.add(new Check("upstream_calls_within_budget", "calls ≤ requests × (1 + budget) + floor + keys", actual,
          !visible.isEmpty() && over.isEmpty(), "calls each failing provider received from the gateway during its"
              + " incidents"));
    }
    if (!e.breakerStaysClosed().isEmpty()) {
      List<String> opened = r.events().stream()
          .filter(ev -> ev.kind() == GatewayEvent.Kind.BREAKER && ev.detail().equals("open")
              && e.breakerStaysClosed().contains(ev.provider()))
          .map(GatewayEvent::subject).distinct().toList();
      out.add(new Check("breaker_stays_closed", "never open: " + String.join(", ", e.breakerStaysClosed()),
          opened.isEmpty() ? "stayed closed" : "opened: " + String.join(", ", opened),
          opened.isEmpty() && r.inProcess(), r.inProcess() ? "breaker transitions heard from the gateway"
              : "needs a gateway the drill starts itself"));
    }
    return out;
  }

  private static List<Outcome> scope(List<Outcome> outcomes, DrillResult r, Predicate<PhaseResult> phase) {
    List<Outcome> out = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.phase() >= 0 && o.phase() < r.phases().size() && phase.test(r.phases().get(o.phase()))) {
        out.add(o);
      }
    }
    return out;
  }

  private static void timed(List<Check> out, String name, Duration bound, List<IncidentResult> incidents,
      Function<IncidentResult, Long> measure, String scope) {
    if (bound == null) {
      return;
    }
    if (incidents.isEmpty()) {
      out.add(new Check(name, "≤ " + Durations.human(bound), "no incident to measure", false, scope));
      return;
    }
    long worst = -1;
    boolean missing = false;
    for (IncidentResult i : incidents) {
      Long v = measure.apply(i);
      if (v == null) {
        missing = true;
      } else {
        worst = Math.max(worst, v);
      }
    }
    String actual = missing ? "did not happen in " + (worst < 0 ? "any" : "every") + " incident"
        + (worst < 0 ? "" : " (worst measured " + Durations.seconds(worst) + ")")
        : "worst " + Durations.seconds(worst) + " over " + incidents.size() + " incident(s)";
    out.add(new Check(name, "≤ " + Durations.human(bound), actual, !missing && worst <= bound.toNanos(), scope));
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  private static String of(List<Outcome> scope) {
    return " of " + scope.size();
  }
}
