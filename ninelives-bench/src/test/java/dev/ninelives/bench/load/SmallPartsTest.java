package dev.ninelives.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's small pure helpers: parsing tools' output, trends, limits, settings. */
class SmallPartsTest {
  @Test
  void wrkLine_isParsed_andErrorsAdded() {
    Wrk.Result r = Wrk.parse("Running 20s test\nBENCH-WRK requests=1000 micros=2000000 p50=120 "
        + "p90=300 p99=900.5 max=4000 connect=1 read=2 write=0 status=3 timeout=4\n");
    assertThat(r.requests()).isEqualTo(1000);
    assertThat(r.rate()).isEqualTo(500.0);
    assertThat(r.p99()).isEqualTo(901);
    assertThat(r.errors()).isEqualTo(10);
    assertThat(Wrk.parse("unable to connect")).isNull();
  }

  @Test
  void mockShape_comesFromTheModelName() {
    assertThat(MockUpstream.Shape.of("mock")).isEqualTo(new MockUpstream.Shape(20, 0));
    assertThat(MockUpstream.Shape.of("mock-c50-d3")).isEqualTo(new MockUpstream.Shape(50, 3));
    assertThat(MockUpstream.Shape.of("gpt-4.1-mini-d1")).isEqualTo(new MockUpstream.Shape(20, 1));
    assertThat(MockUpstream.model("{\"stream\":true, \"model\" : \"mock-d1\"}"))
        .isEqualTo("mock-d1");
    assertThat(MockUpstream.streaming("{\"model\":\"m\",\"stream\": true}")).isTrue();
    assertThat(MockUpstream.streaming("{\"model\":\"m\",\"stream\":false}")).isFalse();
    assertThat(MockUpstream.streaming("{\"model\":\"m\"}")).isFalse();
  }

  @Test
  void trend_slopeAndMedian() {
    assertThat(Trend.slope(new double[] {0, 1, 2, 3}, new double[] {10, 12, 14, 16}))
        .isEqualTo(2.0);
    assertThat(Trend.slope(new double[] {1}, new double[] {1})).isNaN();
    assertThat(Trend.median(new double[] {9, 1, 5, 3}, 0, 4)).isEqualTo(4.0);
    assertThat(Trend.median(new double[] {9, 1, 5}, 1, 3)).isEqualTo(3.0);
  }

  @Test
  void soak_isFlat_whenTheHourlyTrendIsWithinFivePercent() {
    // 100 MiB median; 1 KiB/s is 3.5 MiB an hour: flat. 2 KiB/s is 7 MiB an hour: not.
    assertThat(Soak.flat(1.0, 102_400)).isTrue();
    assertThat(Soak.flat(2.0, 102_400)).isFalse();
    assertThat(Soak.flat(-2.0, 102_400)).isFalse();
  }

  @Test
  void streams_fitTheOpenFileLimit() {
    String limits = "Limit                     Soft Limit           Hard Limit           Units\n"
        + "Max open files            20000                20000                files\n";
    assertThat(StreamScale.openFileLimit(limits)).isEqualTo(20000);
    assertThat(StreamScale.fitting(10_000, 20_000)).isEqualTo(9_750);
    assertThat(StreamScale.fitting(5_000, 20_000)).isEqualTo(5_000);
    assertThat(StreamScale.fitting(10_000, -1)).isEqualTo(10_000);
    assertThat(StreamScale.openFileLimit("Max open files unlimited unlimited files\n"))
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void warmUp_isSteady_onlyWhenThreeRunsAgree() {
    assertThat(LoadBench.steady(List.of(100.0, 101.0))).isFalse();
    assertThat(LoadBench.steady(List.of(700.0, 10_000.0, 10_200.0, 10_100.0))).isTrue();
    assertThat(LoadBench.steady(List.of(10_000.0, 10_100.0, 19_000.0))).isFalse();
  }

  @Test
  void settings_quickShortensTheRun_andUnknownOptionsAreRefused() {
    LoadBench.Settings s = LoadBench.Settings.parse(new String[] {"--quick", "--rate", "300",
        "--systems", "direct,ninelives"});
    assertThat(s.quick).isTrue();
    assertThat(s.seconds).isLessThan(new LoadBench.Settings().seconds);
    assertThat(s.jsonRate).isEqualTo(300);
    assertThat(s.systems).containsExactly("direct", "ninelives");
    assertThatThrownBy(() -> LoadBench.Settings.parse(new String[] {"--rates", "1"}))
        .hasMessageContaining("--rates");
  }

  @Test
  void jfrSummary_countsEveryPartOnTheStack_andFindsOurAllocationSite() {
    JfrSummary.Summary s = new JfrSummary.Summary();
    JfrSummary.addSample(s, List.of("com.fasterxml.jackson.core.JsonGenerator.writeString",
        "dev.ninelives.server.AccessLog.line", "dev.ninelives.server.AccessLog.onRequest",
        "dev.ninelives.server.relay.Relay.end", "io.netty.channel.Foo.run"));
    JfrSummary.addSample(s, List.of("io.netty.channel.Foo.write"));
    assertThat(s.cpuSamples).isEqualTo(2);
    assertThat(s.byPart.get("access log (AccessLog + slf4j-simple)")).isEqualTo(1);
    assertThat(s.byPart.get("Jackson")).isEqualTo(1);
    assertThat(s.byPart.get("Netty")).isEqualTo(2);
    assertThat(s.selfByMethod.get("io.netty.channel.Foo.write")).isEqualTo(1);
    assertThat(JfrSummary.site(List.of("java.util.Arrays.copyOf",
        "dev.ninelives.server.AccessLog.line"))).isEqualTo("dev.ninelives.server.AccessLog.line");
    assertThat(JfrSummary.site(List.of("java.util.Arrays.copyOf")))
        .isEqualTo("java.util.Arrays.copyOf");
    assertThat(JfrSummary.pct(1, 3)).isEqualTo("33.3 %");
  }
}
