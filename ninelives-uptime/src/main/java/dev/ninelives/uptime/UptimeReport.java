package dev.ninelives.uptime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An uptime and SLO report over a window: what clients experienced through the gateway, per
 * route and overall, with the error budget against the objective; what the gateway observed of
 * each provider and target; and which minutes of the window it has data for. Definitions are in
 * {@code docs/uptime.md}. Availabilities are shares in [0, 1], or null when nothing in the window
 * could be judged. Immutable and thread-safe.
 *
 * @param generatedAt when the report was made
 * @param slo the objective: the share of client requests that should be answered
 * @param storage where the history is kept
 * @param clients client-experienced availability over every route, and the error budget
 * @param routes per route, by name
 * @param providers per provider, by name, each with its targets
 * @param coverage which minutes of the window have data
 */
public record UptimeReport(
    Instant from,
    Instant to,
    Instant generatedAt,
    double slo,
    Storage storage,
    Clients clients,
    List<Route> routes,
    List<Provider> providers,
    Coverage coverage) {

  public UptimeReport {
    routes = List.copyOf(routes);
    providers = List.copyOf(providers);
  }

  /** The JSON served by {@code GET /report}. */
  public String toJson() {
    return ReportJson.write(this);
  }

  /** The same report in Markdown, for people. */
  public String toMarkdown() {
    return ReportMarkdown.write(this);
  }

  /**
   * @param persistent whether the history survives a restart
   * @param location the history's directory, or {@code memory}
   */
  public record Storage(boolean persistent, String location) { }

  /**
   * Minutes by how they went, and minute uptime: (up + degraded) / (up + degraded + down).
   * Minutes with no traffic and no outage, and minutes without data, are in none of them.
   */
  public record Minutes(long up, long degraded, long down) {
    public Double uptime() {
      long judged = up + degraded + down;
      return judged == 0 ? null : (double) (up + degraded) / judged;
    }
  }

  /** A period of whole minutes, {@code [from, to)}: an outage, or a gap in the data. */
  public record Period(Instant from, Instant to) {
    public long minutes() {
      return (to.getEpochSecond() - from.getEpochSecond()) / 60;
    }
  }

  /**
   * What the gateway observed of a target or (summed over its targets) a provider.
   *
   * @param calls upstream calls made (answered, failed or neutral)
   * @param answered calls that got a usable answer
   * @param failed calls that failed, by outcome in {@code failures}
   * @param skipped requests that passed it by without a call because its breaker was open or its
   *     provider quarantined, by reason in {@code skips}
   * @param neutral calls that say nothing about it: the caller's mistakes, cancelled calls
   * @param availability answered / (answered + failed + skipped)
   * @param longestOutage the longest run of consecutive down minutes; null when none was down
   */
  public record Upstream(
      String name,
      long calls,
      long answered,
      long failed,
      long skipped,
      long neutral,
      Map<String, Long> failures,
      Map<String, Long> skips,
      Double availability,
      Minutes minutes,
      Period longestOutage) {

    public Upstream {
      failures = Map.copyOf(failures);
      skips = Map.copyOf(skips);
    }
  }

  /** A provider (its own totals) and its targets. */
  public record Provider(Upstream totals, List<Upstream> targets) {
    public Provider {
      targets = List.copyOf(targets);
    }
  }

  /**
   * What clients of one route experienced.
   *
   * @param requests every request that reached the route
   * @param succeeded answered
   * @param failed not answered, by outcome in {@code failures}
   * @param failedOver answered by a target other than the first of their plan
   * @param clientErrors the provider's answer to the caller's own mistake, passed on
   * @param cancelled the client hung up first
   * @param availability succeeded / (succeeded + failed)
   * @param longestOutage the longest run of consecutive down minutes; null when none was down
   */
  public record Route(
      String name,
      long requests,
      long succeeded,
      long failed,
      long failedOver,
      long clientErrors,
      long cancelled,
      Map<String, Long> failures,
      Double availability,
      Minutes minutes,
      Period longestOutage) {

    public Route {
      failures = Map.copyOf(failures);
    }
  }

  /** Every route together, and the error budget. */
  public record Clients(
      long requests,
      long succeeded,
      long failed,
      long failedOver,
      long clientErrors,
      long cancelled,
      Double availability,
      ErrorBudget errorBudget) { }

  /**
   * The error budget of the window: the failures the objective allows.
   *
   * @param eligible requests that count: succeeded + failed
   * @param allowed (1 - slo) × eligible failed requests
   * @param consumed failed requests
   * @param remaining allowed - consumed; negative once the budget is overspent
   * @param consumedShare consumed / allowed, or null when nothing was allowed
   * @param burnRate the failure rate over the window divided by the rate the objective allows
   *     (1 spends the budget exactly; above 1 the objective is missed), or null without requests
   * @param burnRateLastHour the same over the window's last hour
   */
  public record ErrorBudget(
      long eligible,
      double allowed,
      long consumed,
      double remaining,
      Double consumedShare,
      Double burnRate,
      Double burnRateLastHour) {

    /** The share of the budget left (may be negative), or null when nothing was allowed. */
    public Double remainingShare() {
      return consumedShare == null ? null : 1 - consumedShare;
    }
  }

  /**
   * Which minutes of the window have data: a minute has data when the gateway was running in
   * it (a recorded event or the flusher's tick). Minutes without data are not counted as up or
   * down anywhere.
   *
   * @param firstData the first minute with data, or null when none
   * @param lastData the start of the last minute with data, or null
   * @param windowMinutes minutes in the window
   * @param minutesWithData minutes the gateway was running
   * @param gaps the first periods without data, oldest first
   * @param moreGaps periods without data beyond those listed
   * @param hourlyUntil history before this instant is kept per hour (request counts are those of
   *     whole hours whose start is in the window); null when the window holds none
   * @param notes problems met reading the history (unreadable lines, a repaired torn line)
   */
  public record Coverage(
      Instant firstData,
      Instant lastData,
      long windowMinutes,
      long minutesWithData,
      List<Period> gaps,
      int moreGaps,
      Instant hourlyUntil,
      List<String> notes) {

    public Coverage {
      gaps = List.copyOf(gaps);
      notes = List.copyOf(notes);
    }

    public long minutesWithoutData() {
      return windowMinutes - minutesWithData;
    }
  }
}
