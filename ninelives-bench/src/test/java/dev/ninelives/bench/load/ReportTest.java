package dev.ninelives.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static Report.Row sat(String scenario, String system, double rps, double cpu) {
    return new Report.Row(scenario, system, Report.Method.SATURATED, 0, (long) rps * 20, rps,
        500, 900, 2000, -1, 5000, -1, -1, 0, cpu, 2.0, 10, 1.0, -1);
  }

  private static Report.Row rate(String scenario, String system, long p50, long p99) {
    return new Report.Row(scenario, system, Report.Method.FIXED_RATE, 200, 4000, 200, p50,
        p50 + 50, p99, p99 + 100, p99 + 500, p50, p99, 0, 90, 3, 12, 0.5, -1);
  }

  private static Report report(List<Report.Row> rows) {
    return new Report(Map.of("date", "2026-11-24T10:00:00Z"), rows,
        List.of(new Report.Process("ninelives", 900, 200 * 1024, 1234),
            new Report.Process("nginx", 30, 15 * 1024, -1)),
        List.of("a note"));
  }

  private static final List<Report.Row> ROWS = List.of(
      sat("json-max", "direct", 50_000, Double.NaN),
      sat("json-max", "nginx", 40_000, 20),
      sat("json-max", "portkey", 1_000, 1000),
      sat("json-max", "ninelives", 30_000, 45),
      sat("sse-max", "nginx", 25_000, 35),
      sat("sse-max", "portkey", 700, 1400),
      sat("sse-max", "ninelives", 10_000, 100),
      sat("json-max", "nginx 503", 38_000, 22),
      sat("json-max", "ninelives 503", 29_000, 48),
      rate("json-rate", "direct", 150, 400),
      rate("json-rate", "nginx", 250, 700),
      rate("json-rate", "ninelives", 330, 1300),
      rate("json-rate", "ninelives 503", 360, 1350),
      new Report.Row("sse-first-event", "direct", Report.Method.SEQUENTIAL, 0, 500, 45, 20_500,
          20_600, 21_000, 21_100, 22_000, 100, 180, 0, Double.NaN, Double.NaN, Double.NaN, 0.4,
          -1),
      new Report.Row("sse-first-event", "ninelives", Report.Method.SEQUENTIAL, 0, 500, 45,
          20_700, 20_800, 21_300, 21_400, 22_100, 230, 400, 0, Double.NaN, Double.NaN,
          Double.NaN, 0.4, -1));

  @Test
  void addedLatency_isOverDirect_inTheSameScenario() {
    Report r = report(ROWS);
    assertThat(r.added(r.find("json-rate", "ninelives"), false, false)).isEqualTo(180);
    assertThat(r.added(r.find("json-rate", "ninelives"), false, true)).isEqualTo(900);
    assertThat(r.added(r.find("sse-first-event", "ninelives"), true, false)).isEqualTo(130);
    assertThat(r.added(r.find("json-rate", "direct"), false, false)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void peers_shareTheBrokenPrimary() {
    Report r = report(ROWS);
    assertThat(r.peer(r.find("json-max", "ninelives 503"), "nginx").system())
        .isEqualTo("nginx 503");
    assertThat(r.peer(r.find("json-max", "ninelives 503"), "portkey")).isNull();
    assertThat(Report.ratio(45, 20)).isEqualTo(2.25);
    assertThat(Report.ratio(Double.NaN, 20)).isNaN();
  }

  @Test
  void targets_areJudgedFromTheRows() {
    Map<String, Report.Target> t = new java.util.HashMap<>();
    for (Report.Target x : report(ROWS).targets()) {
      t.put(x.name(), x);
    }
    assertThat(t.get("CPU per request at saturation, json-max").met()).isTrue(); // 2.25x
    assertThat(t.get("CPU per request at saturation, sse-max").met()).isFalse(); // 2.86x
    assertThat(t.get("Throughput at saturation, json-max").met()).isTrue(); // 30x
    assertThat(t.get("Throughput at saturation, sse-max").met()).isFalse(); // 14.3x
    // +180 us against nginx's +100 us: within 150 us of it.
    assertThat(t.get("Added latency p50 at a fixed rate").met()).isTrue();
    assertThat(t.get("Added latency p99 at a fixed rate").met()).isTrue(); // +900 us
    assertThat(t.get("Added time to first streamed event (one at a time), p50").met()).isTrue();
    Report.Target skip = t.get("Skipping an open breaker (primary 503)");
    assertThat(skip.measured()).startsWith("+30 us");
    assertThat(skip.met()).isFalse(); // the primary's calls were not counted (-1)
    assertThat(t.get("Skipping an open breaker (primary refused)").met()).isNull();
    assertThat(t.get("Start to first served request").met()).isTrue();
  }

  @Test
  void markdown_andJson_carryTheTablesAndRatios() {
    Report r = report(ROWS);
    String md = r.markdown();
    assertThat(md).contains("- **date**: 2026-11-24T10:00:00Z").contains("- a note")
        .contains("| json-max | ninelives | 30,000 | 0.60× | 0.75× | 30.00× | 45.0 | 2.25× |")
        .contains("| ninelives | 900 ms | 200.0 MiB | 1234 |");
    JsonObject j = r.json();
    JsonObject row = j.getJsonArray("rows").getJsonObject(3);
    assertThat(row.getString("system")).isEqualTo("ninelives");
    assertThat(row.getDouble("cpu_vs_nginx")).isEqualTo(2.25);
    assertThat(row.getDouble("rate_vs_portkey")).isEqualTo(30.0);
    assertThat(j.getJsonArray("targets").size()).isEqualTo(r.targets().size());
  }
}
