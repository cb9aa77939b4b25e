package dev.ninelives.drill;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.TargetRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Turns a drill's raw records into its measurements. Stateless. */
final class Analysis {
  /** How far back "who was answering before the incident" looks. */
  private static final long BEFORE_NANOS = TimeUnit.SECONDS.toNanos(3);
  private static final int CHART_BUCKETS = 120;
  private static final long MIN_BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private Analysis() {}

  /** The raw records of one drill. */
  record Inputs(
      DrillScenario scenario,
      Timeline timeline,
      List<String> route,
      String primary,
      GatewayConfig config,
      String gatewayUrl,
      boolean inProcess,
      String wiring,
      Instant startedAt,
      List<Outcome> gateway,
      List<Outcome> direct,
      List<GatewayEvent> events,
      long failovers,
      long retries,
      CallSamples gatewayCalls,
      CallSamples directCalls,
      long endNanos) {}

  static DrillResult analyse(Inputs in) {
    List<PhaseResult> phases = phases(in);
    List<IncidentResult> incidents = incidents(in);
    Series series = series(in);
    Map<String, List<StateSpan>> breakers = breakers(in);
    Map<String, List<StateSpan>> quarantines = quarantines(in);
    DrillResult partial = new DrillResult(in.scenario(), in.timeline(), in.route(), in.primary(), in.gatewayUrl(),
        in.inProcess(), in.wiring(), in.startedAt(), in.endNanos(), in.gateway(), in.direct(), phases,
        Stats.of(in.gateway()), in.direct() == null ? null : Stats.of(in.direct()), incidents, series, in.events(),
        in.failovers(), in.retries(), in.gatewayCalls().totals(),
        in.directCalls() == null ? Map.of() : in.directCalls().totals(), breakers, quarantines, List.of());
    return partial.withChecks(Checks.evaluate(partial));
  }

  private static List<PhaseResult> phases(Inputs in) {
    List<PhaseResult> out = new ArrayList<>();
    List<Timeline.Span> spans = in.timeline().spans();
    for (Timeline.Span s : spans) {
      boolean last = s.index() == spans.size() - 1;
      // Calls still arriving after the replay's end (answers in flight) belong to its last phase.
      long end = last ? Math.max(s.wallEnd(), in.endNanos()) : s.wallEnd();
      out.add(new PhaseResult(s, Timeline.anyHealthy(s, in.route()),
          Stats.of(inPhase(in.gateway(), s.index())),
          in.direct() == null ? null : Stats.of(inPhase(in.direct(), s.index())),
          calls(in.gatewayCalls(), in.scenario().providers().stream().map(DrillProvider::name).toList(),
              s.wallStart(), end),
          in.directCalls() == null ? Map.of() : calls(in.directCalls(), List.of(in.primary()), s.wallStart(), end)));
    }
    return out;
  }

  private static List<Outcome> inPhase(List<Outcome> all, int phase) {
    return all.stream().filter(o -> o.phase() == phase).toList();
  }

  private static Map<String, Integer> calls(CallSamples samples, List<String> providers, long from, long to) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String p : providers) {
      out.put(p, samples.between(p, from, to));
    }
    return out;
  }

  private static List<IncidentResult> incidents(Inputs in) {
    List<IncidentResult> out = new ArrayList<>();
    ResilienceConfig.Retries retries = resilience(in).retries();
    for (Timeline.Incident i : in.timeline().incidents()) {
      String p = i.provider();
      if (!in.route().contains(p)) {
        continue;
      }
      List<Outcome> during = in.gateway().stream()
          .filter(o -> o.sentNanos() >= i.wallStart() && o.sentNanos() < i.wallEnd()).toList();
      boolean serving = serving(in, i);
      Long detection = in.events().stream()
          .filter(e -> e.atNanos() >= i.wallStart() && e.atNanos() <= i.wallEnd())
          .filter(e -> e.provider().equals(p) && (e.kind() == GatewayEvent.Kind.PROVIDER_QUARANTINED
              || (e.kind() == GatewayEvent.Kind.BREAKER && e.detail().equals("open"))))
          .map(e -> e.atNanos() - i.wallStart())
          .min(Long::compare).orElse(null);
      Long first = null;
      Long full = null;
      if (serving) {
        first = during.stream().filter(o -> o.answered() && o.provider() != null && !o.provider().equals(p))
            .map(o -> o.sentNanos() + o.latencyNanos() - i.wallStart()).min(Long::compare).orElse(null);
        full = during.stream()
            .filter(o -> o.answered() && o.provider() != null && !o.provider().equals(p) && o.attempts() == 1)
            .map(o -> o.sentNanos() - i.wallStart()).min(Long::compare).orElse(null);
      }
      Long readmission = null;
      if (i.recovers()) {
        readmission = in.gateway().stream()
            .filter(o -> o.sentNanos() >= i.wallEnd() && o.answered() && p.equals(o.provider()))
            .map(o -> o.sentNanos() - i.wallEnd()).min(Long::compare).orElse(null);
      }
      int calls = in.gatewayCalls().between(p, i.wallStart(), i.wallEnd());
      int direct = in.directCalls() != null && p.equals(in.primary())
          ? in.directCalls().between(p, i.wallStart(), i.wallEnd()) : -1;
      double lengthSeconds = (i.wallEnd() - i.wallStart()) / 1e9;
      double windows = Math.ceil(lengthSeconds / (retries.budgetWindow().toNanos() / 1e9)) + 1;
      ProviderConfig pc = in.config().providers().get(p);
      int keys = pc == null ? 1 : Math.max(1, pc.apiKeys().size());
      double bound = during.size() * (1 + retries.budgetRatio()) + retries.budgetMinRetries() * windows + keys;
      out.add(new IncidentResult(i, serving, detection, first, full, readmission, during.size(), calls, direct,
          bound));
    }
    return out;
  }

  /** Whether the provider was answering the route when the incident began. */
  private static boolean serving(Inputs in, Timeline.Incident i) {
    if (in.route().get(0).equals(i.provider())) {
      return true;
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    int answered = 0;
    for (Outcome o : in.gateway()) {
      if (o.sentNanos() >= i.wallStart() - BEFORE_NANOS && o.sentNanos() < i.wallStart() && o.answered()
          && o.provider() != null) {
        counts.merge(o.provider(), 1, Integer::sum);
        answered++;
      }
    }
    return answered > 0 && counts.getOrDefault(i.provider(), 0) * 2 > answered;
  }

  private static ResilienceConfig resilience(Inputs in) {
    return in.config().route(in.scenario().load().model()).map(ModelRoute::resilience)
        .orElse(in.config().resilience());
  }

  private static Series series(Inputs in) {
    long wall = in.timeline().wallNanos();
    long step = TimeUnit.MILLISECONDS.toNanos(50);
    long bucket = Math.max(MIN_BUCKET_NANOS, ((wall / CHART_BUCKETS) + step - 1) / step * step);
    int n = (int) ((wall + bucket - 1) / bucket);
    List<List<Outcome>> g = new ArrayList<>();
    List<List<Outcome>> d = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      g.add(new ArrayList<>());
      d.add(new ArrayList<>());
    }
    for (Outcome o : in.gateway()) {
      g.get((int) Math.min(n - 1, Math.max(0, o.sentNanos() / bucket))).add(o);
    }
    if (in.direct() != null) {
      for (Outcome o : in.direct()) {
        d.get((int) Math.min(n - 1, Math.max(0, o.sentNanos() / bucket))).add(o);
      }
    }
    List<String> providers = in.scenario().providers().stream().map(DrillProvider::name).toList();
    List<Series.Bucket> buckets = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      long from = k * bucket;
      buckets.add(new Series.Bucket(from, Stats.of(g.get(k)), in.direct() == null ? null : Stats.of(d.get(k)),
          calls(in.gatewayCalls(), providers, from, from + bucket),
          in.directCalls() == null ? Map.of() : calls(in.directCalls(), List.of(in.primary()), from, from + bucket)));
    }
    return new Series(bucket, buckets);
  }

  /**
   * Every route target's breaker states over the replay, closed until told otherwise. A gateway
   * elsewhere may name its targets differently from the drill's idea of its route, so only the
   * targets its status page reported are shown for it.
   */
  private static Map<String, List<StateSpan>> breakers(Inputs in) {
    Map<String, List<GatewayEvent>> byTarget = new LinkedHashMap<>();
    in.config().route(in.scenario().load().model()).filter(r -> in.inProcess()).ifPresent(r -> {
      for (TargetRef t : r.targets()) {
        byTarget.put(t.id(), new ArrayList<>());
      }
    });
    for (GatewayEvent e : in.events()) {
      if (e.kind() == GatewayEvent.Kind.BREAKER) {
        byTarget.computeIfAbsent(e.subject(), k -> new ArrayList<>()).add(e);
      }
    }
    Map<String, List<StateSpan>> out = new LinkedHashMap<>();
    byTarget.forEach((target, events) -> out.put(target, spans(events, "closed", in.endNanos(), GatewayEvent::detail)));
    return out;
  }

  /** Each route provider's quarantine over the replay. */
  private static Map<String, List<StateSpan>> quarantines(Inputs in) {
    Map<String, List<GatewayEvent>> byProvider = new LinkedHashMap<>();
    in.route().forEach(p -> byProvider.put(p, new ArrayList<>()));
    for (GatewayEvent e : in.events()) {
      if (e.kind() == GatewayEvent.Kind.PROVIDER_QUARANTINED || e.kind() == GatewayEvent.Kind.PROVIDER_READMITTED) {
        byProvider.computeIfAbsent(e.subject(), k -> new ArrayList<>()).add(e);
      }
    }
    Map<String, List<StateSpan>> out = new LinkedHashMap<>();
    byProvider.forEach((provider, events) -> out.put(provider, spans(events, "admitted", in.endNanos(),
        e -> e.kind() == GatewayEvent.Kind.PROVIDER_QUARANTINED ? "quarantined" : "admitted")));
    return out;
  }

  private static List<StateSpan> spans(List<GatewayEvent> events, String initial, long end,
      java.util.function.Function<GatewayEvent, String> stateOf) {
    List<GatewayEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(GatewayEvent::atNanos));
    List<StateSpan> out = new ArrayList<>();
    long from = 0;
    String state = initial;
    for (GatewayEvent e : sorted) {
      long at = Math.max(0, e.atNanos());
      if (at > from) {
        out.add(new StateSpan(from, at, state));
      }
      from = at;
      state = stateOf.apply(e);
    }
    if (end > from) {
      out.add(new StateSpan(from, end, state));
    }
    return out;
  }
}
