package dev.ninelives.uptime;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds an {@link UptimeReport} from stored days and live minutes: adds up minute lines of the
 * same series and minute, judges each minute, sums counts per series over the window, and finds
 * outages and gaps. Not thread-safe: one per report.
 */
final class ReportBuilder {
  static final int MAX_GAPS = 20;
  static final int MAX_NOTES = 20;

  private record Key(Kind kind, String name) { }

  /** One series over the window. */
  private static final class Acc {
    final Kind kind;
    final String name;
    final Map<String, Long> counts = new TreeMap<>();
    long failedOver;
    final MinuteSet up = new MinuteSet();
    final MinuteSet degraded = new MinuteSet();
    final MinuteSet down = new MinuteSet();
    long lastHourGood;
    long lastHourBad;

    Acc(Kind kind, String name) {
      this.kind = kind;
      this.name = name;
    }

    void addCounts(Map<String, Long> more, long fo, boolean lastHour) {
      for (Map.Entry<String, Long> e : more.entrySet()) {
        counts.merge(e.getKey(), e.getValue(), Long::sum);
        if (lastHour) {
          switch (Outcomes.judge(kind, e.getKey())) {
            case GOOD:
              lastHourGood += e.getValue();
              break;
            case BAD:
            case SKIP:
              lastHourBad += e.getValue();
              break;
            default:
              break;
          }
        }
      }
      failedOver += fo;
    }

    long sum(Outcomes.Judgement j, Map<String, Long> into) {
      long n = 0;
      for (Map.Entry<String, Long> e : counts.entrySet()) {
        if (Outcomes.judge(kind, e.getKey()) == j) {
          n += e.getValue();
          if (into != null) {
            into.put(e.getKey(), e.getValue());
          }
        }
      }
      return n;
    }

    UptimeReport.Minutes minutes() {
      return new UptimeReport.Minutes(up.count(), degraded.count(), down.count());
    }
  }

  private final ReportWindow window;
  private final double slo;
  private final Instant generatedAt;
  private final UptimeReport.Storage storage;
  private final long from;
  private final long to;
  private final MinuteSums sums = new MinuteSums();
  private final Map<Key, Acc> accs = new HashMap<>();
  private final MinuteSet alive = new MinuteSet();
  private final List<String> notes = new ArrayList<>();
  private int notesLeftOut;
  private Instant hourlyUntil;

  ReportBuilder(ReportWindow window, double slo, Instant generatedAt,
      UptimeReport.Storage storage) {
    this.window = window;
    this.slo = slo;
    this.generatedAt = generatedAt;
    this.storage = storage;
    this.from = window.fromMinute();
    this.to = window.toMinute();
  }

  /** A report from a store's days in the window, plus minutes not yet stored. */
  static UptimeReport read(Store store, ReportWindow window, double slo, Instant now,
      List<MinuteLine> live) throws IOException {
    ReportBuilder b = new ReportBuilder(window, slo, now,
        new UptimeReport.Storage(store.persistent(), store.location()));
    for (String note : store.notes()) {
      b.note(note);
    }
    for (LocalDate day : store.days()) {
      if (touches(window, day)) {
        b.add(store.read(day));
      }
    }
    for (MinuteLine m : live) {
      b.add(m);
    }
    return b.build();
  }

  /** Whether a window has minutes in a UTC day. */
  static boolean touches(ReportWindow w, LocalDate day) {
    long dayStart = day.toEpochDay() * 1440;
    return dayStart < w.toMinute() && dayStart + 1440 > w.fromMinute();
  }

  void note(String text) {
    if (notes.size() < MAX_NOTES) {
      notes.add(text);
    } else {
      notesLeftOut++;
    }
  }

  void add(Store.Day day) {
    int lineNo = 0;
    for (String line : day.lines()) {
      lineNo++;
      Object record;
      try {
        record = Lines.decode(line);
      } catch (IllegalArgumentException e) {
        note("skipped line " + lineNo + " of " + day.source() + ": " + e.getMessage());
        continue;
      }
      if (record instanceof MinuteLine m) {
        add(m);
      } else {
        add((HourLine) record);
      }
    }
    if (day.hours()) {
      Instant end = day.date().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (hourlyUntil == null || end.isAfter(hourlyUntil)) {
        hourlyUntil = end;
      }
    }
  }

  void add(MinuteLine m) {
    if (m.minute() >= from && m.minute() < to) {
      sums.add(m);
    }
  }

  /** An hour counts when it starts in the window; its minutes are clipped to the window. */
  void add(HourLine h) {
    if (h.hour() < from || h.hour() >= to) {
      return;
    }
    alive.add(h.hour(), h.alive() | h.up() | h.degraded() | h.down(), from, to);
    if (h.kind() == Kind.GATEWAY) {
      return;
    }
    Acc a = acc(h.kind(), h.name());
    a.addCounts(h.counts(), h.failedOver(), h.hour() >= to - 60);
    a.up.add(h.hour(), h.up(), from, to);
    a.degraded.add(h.hour(), h.degraded(), from, to);
    a.down.add(h.hour(), h.down(), from, to);
  }

  private Acc acc(Kind kind, String name) {
    return accs.computeIfAbsent(new Key(kind, name), k -> new Acc(kind, name));
  }

  UptimeReport build() {
    for (Map.Entry<MinuteSums.Key, MinuteSums.Sum> e : sums.sums().entrySet()) {
      MinuteSums.Key k = e.getKey();
      MinuteSums.Sum s = e.getValue();
      alive.add(k.minute());
      if (k.kind() == Kind.GATEWAY) {
        continue;
      }
      Acc a = acc(k.kind(), k.name());
      a.addCounts(s.counts, s.failedOver, k.minute() >= to - 60);
      switch (s.state(k.kind())) {
        case UP:
          a.up.add(k.minute());
          break;
        case DEGRADED:
          a.degraded.add(k.minute());
          break;
        case DOWN:
          a.down.add(k.minute());
          break;
        default:
          break;
      }
    }
    List<UptimeReport.Route> routes = new ArrayList<>();
    long lastHourGood = 0;
    long lastHourBad = 0;
    for (Acc a : sorted(Kind.ROUTE)) {
      routes.add(route(a));
      lastHourGood += a.lastHourGood;
      lastHourBad += a.lastHourBad;
    }
    return new UptimeReport(window.from(), window.to(), generatedAt, slo, storage,
        clients(routes, lastHourGood, lastHourBad), routes, providers(), coverage());
  }

  private List<Acc> sorted(Kind kind) {
    List<Acc> out = new ArrayList<>();
    for (Acc a : accs.values()) {
      if (a.kind == kind) {
        out.add(a);
      }
    }
    out.sort(Comparator.comparing(a -> a.name));
    return out;
  }

  private UptimeReport.Route route(Acc a) {
    Map<String, Long> failures = new TreeMap<>();
    long succeeded = a.sum(Outcomes.Judgement.GOOD, null);
    long failed = a.sum(Outcomes.Judgement.BAD, failures);
    long clientErrors = a.counts.getOrDefault(Outcomes.REJECTED, 0L);
    long cancelled = a.counts.getOrDefault(Outcomes.CANCELLED, 0L);
    long requests = succeeded + failed + a.sum(Outcomes.Judgement.NEUTRAL, null);
    return new UptimeReport.Route(a.name, requests, succeeded, failed, a.failedOver,
        clientErrors, cancelled, failures, share(succeeded, succeeded + failed), a.minutes(),
        period(a.down.longest()));
  }

  private UptimeReport.Upstream upstream(Acc a) {
    Map<String, Long> failures = new TreeMap<>();
    Map<String, Long> skips = new TreeMap<>();
    long answered = a.sum(Outcomes.Judgement.GOOD, null);
    long failed = a.sum(Outcomes.Judgement.BAD, failures);
    long skipped = a.sum(Outcomes.Judgement.SKIP, skips);
    long neutral = a.sum(Outcomes.Judgement.NEUTRAL, null);
    return new UptimeReport.Upstream(a.name, answered + failed + neutral, answered, failed,
        skipped, neutral, failures, skips, share(answered, answered + failed + skipped),
        a.minutes(), period(a.down.longest()));
  }

  private List<UptimeReport.Provider> providers() {
    Map<String, Acc> totals = new TreeMap<>();
    for (Acc a : sorted(Kind.PROVIDER)) {
      totals.put(a.name, a);
    }
    Map<String, List<UptimeReport.Upstream>> targets = new TreeMap<>();
    for (Acc a : sorted(Kind.TARGET)) {
      int slash = a.name.indexOf('/');
      String provider = slash < 0 ? a.name : a.name.substring(0, slash);
      targets.computeIfAbsent(provider, p -> new ArrayList<>()).add(upstream(a));
      totals.computeIfAbsent(provider, p -> new Acc(Kind.PROVIDER, p));
    }
    List<UptimeReport.Provider> out = new ArrayList<>();
    for (Map.Entry<String, Acc> e : totals.entrySet()) {
      out.add(new UptimeReport.Provider(upstream(e.getValue()),
          targets.getOrDefault(e.getKey(), List.of())));
    }
    return out;
  }

  private UptimeReport.Clients clients(List<UptimeReport.Route> routes, long lastHourGood,
      long lastHourBad) {
    long requests = 0;
    long succeeded = 0;
    long failed = 0;
    long failedOver = 0;
    long clientErrors = 0;
    long cancelled = 0;
    for (UptimeReport.Route r : routes) {
      requests += r.requests();
      succeeded += r.succeeded();
      failed += r.failed();
      failedOver += r.failedOver();
      clientErrors += r.clientErrors();
      cancelled += r.cancelled();
    }
    return new UptimeReport.Clients(requests, succeeded, failed, failedOver, clientErrors,
        cancelled, share(succeeded, succeeded + failed),
        budget(succeeded + failed, failed, lastHourGood + lastHourBad, lastHourBad));
  }

  private UptimeReport.ErrorBudget budget(long eligible, long failed, long lastHourEligible,
      long lastHourFailed) {
    ErrorBudgetMath.Result r = ErrorBudgetMath.of(slo, eligible, failed);
    return new UptimeReport.ErrorBudget(eligible, r.allowed(), failed, r.remaining(),
        r.consumedShare(), r.burnRate(),
        ErrorBudgetMath.of(slo, lastHourEligible, lastHourFailed).burnRate());
  }

  private UptimeReport.Coverage coverage() {
    List<MinuteSet.Run> runs = alive.runs();
    Instant first = runs.isEmpty() ? null : instant(runs.get(0).start());
    Instant last = runs.isEmpty() ? null : instant(runs.get(runs.size() - 1).end() - 1);
    List<MinuteSet.Run> gaps = alive.gaps(from, to);
    List<UptimeReport.Period> shown = new ArrayList<>();
    for (int i = 0; i < gaps.size() && i < MAX_GAPS; i++) {
      shown.add(period(gaps.get(i)));
    }
    List<String> allNotes = new ArrayList<>(notes);
    if (notesLeftOut > 0) {
      allNotes.add(notesLeftOut + " more problems like these");
    }
    return new UptimeReport.Coverage(first, last, to - from, alive.count(), shown,
        gaps.size() - shown.size(), hourlyUntil, allNotes);
  }

  private static UptimeReport.Period period(MinuteSet.Run r) {
    return r == null ? null : new UptimeReport.Period(instant(r.start()), instant(r.end()));
  }

  private static Instant instant(long minute) {
    return Instant.ofEpochSecond(minute * 60);
  }

  private static Double share(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
