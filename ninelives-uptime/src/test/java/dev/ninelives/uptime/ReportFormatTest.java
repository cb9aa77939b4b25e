package dev.ninelives.uptime;

import static dev.ninelives.uptime.Events.attempt;
import static dev.ninelives.uptime.Events.request;
import static dev.ninelives.uptime.Events.skip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The report's JSON and Markdown say what the numbers say. */
class ReportFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ManualClock clock = Events.clock();
  private final UptimeHistory history = new UptimeHistory(new MemoryStore(), 0.999, clock,
      Retention.DEFAULT);

  private UptimeReport outage() {
    UptimeRecorder rec = history.recorder();
    for (int minute = 0; minute < 4; minute++) {
      boolean down = minute == 1 || minute == 2;
      for (int i = 0; i < 1000; i++) {
        if (down) {
          rec.onAttempt("chat", i < 10 ? attempt("primary/m1", "server-error")
              : skip("primary/m1", AttemptRecord.BREAKER_OPEN));
          rec.onAttempt("chat", attempt("secondary/m2", "success"));
        } else {
          rec.onAttempt("chat", attempt("primary/m1", "success"));
        }
        rec.onRequest(request("chat", "succeeded", down));
      }
      if (minute == 0) {
        rec.onRequest(request("chat", "all-failed", false));
        rec.onRequest(request("chat", "rejected", false));
      }
      clock.advance(Duration.ofMinutes(1));
      history.flush();
    }
    return history.report(new ReportWindow(Events.START, Instant.parse("2026-11-24T10:10:00Z")));
  }

  @Test
  void jsonCarriesEveryFigure() throws Exception {
    JsonNode j = JSON.readTree(outage().toJson());
    assertThat(j.get("from").asText()).isEqualTo("2026-11-24T10:00:00Z");
    assertThat(j.get("slo").asDouble()).isEqualTo(0.999);
    assertThat(j.at("/storage/persistent").asBoolean()).isFalse();
    assertThat(j.at("/clients/requests").asLong()).isEqualTo(4002);
    assertThat(j.at("/clients/failed").asLong()).isEqualTo(1);
    assertThat(j.at("/clients/failed_over").asLong()).isEqualTo(2000);
    assertThat(j.at("/clients/client_errors").asLong()).isEqualTo(1);
    assertThat(j.at("/clients/availability").asDouble()).isEqualTo(4000.0 / 4001, within9());
    assertThat(j.at("/clients/error_budget/allowed_failures").decimalValue())
        .isEqualByComparingTo("4.001");
    assertThat(j.at("/clients/error_budget/consumed").asLong()).isEqualTo(1);
    JsonNode primary = j.at("/providers/0");
    assertThat(primary.get("name").asText()).isEqualTo("primary");
    assertThat(primary.at("/targets/0/name").asText()).isEqualTo("primary/m1");
    assertThat(primary.at("/minutes/down").asLong()).isEqualTo(2);
    assertThat(primary.at("/failures/server-error").asLong()).isEqualTo(20);
    assertThat(primary.at("/skips/breaker-open").asLong()).isEqualTo(1980);
    assertThat(primary.at("/longest_outage/minutes").asLong()).isEqualTo(2);
    assertThat(primary.get("availability").asDouble()).isEqualTo(0.5);
    assertThat(j.at("/providers/1/availability").asDouble()).isEqualTo(1.0);
    assertThat(j.at("/providers/1/longest_outage").isNull()).isTrue();
    assertThat(j.at("/routes/0/uptime").asDouble()).isEqualTo(1.0);
    assertThat(j.at("/coverage/window_minutes").asLong()).isEqualTo(10);
    assertThat(j.at("/coverage/minutes_with_data").asLong()).isEqualTo(5);
    assertThat(j.at("/coverage/gaps/0/from").asText()).isEqualTo("2026-11-24T10:05:00Z");
  }

  private static org.assertj.core.data.Offset<Double> within9() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  @Test
  void markdownReadsAsAReport() {
    String md = outage().toMarkdown();
    assertThat(md)
        .contains("# Uptime report")
        .contains("**Window:** 2026-11-24 10:00 → 10:10 UTC (10 min)")
        .contains("**objective:** 99.9% of client requests answered")
        .contains("in memory only (no `uptime.data_dir`)")
        .contains("**99.975%** of client requests answered: 4,000 of 4,001 (1 failed). "
            + "2,000 were answered by a backup target.")
        .contains("| allowed | 4.0 | 100% |")
        .contains("| consumed | 1 | 24.993% |")
        .contains("| chat | 99.975% | 100% | 4,002 | 1 | 2,000 | 1 | 0 | none |")
        .contains("| **primary** | 50% | 50% | 2,020 | 20 | 1,980 | 2 | 2 min, "
            + "2026-11-24 10:01 → 10:03 |")
        .contains("primary/m1: breaker-open 1,980, server-error 20")
        .contains("Data for 5 of 10 minutes, from 2026-11-24 10:00 to 2026-11-24 10:04 UTC.")
        .contains("- 2026-11-24 10:05 → 10:10 (5 min)");
  }

  @Test
  void percentagesAreRoundedDownSoNothingShortOfAllReadsAsAll() {
    assertThat(Text.percent(0.9999996)).isEqualTo("99.999%");
    assertThat(Text.percent(1.0)).isEqualTo("100%");
    assertThat(Text.percent(0.5)).isEqualTo("50%");
    assertThat(Text.percent(null)).isEqualTo("—");
    assertThat(Text.objective(0.999)).isEqualTo("99.9%");
    assertThat(Text.duration(61)).isEqualTo("1 h 1 min");
    assertThat(Text.duration(2 * 1440 + 240)).isEqualTo("2 d 4 h");
  }
}
