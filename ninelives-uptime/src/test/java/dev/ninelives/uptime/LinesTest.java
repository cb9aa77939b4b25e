package dev.ninelives.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LinesTest {
  private static final long MINUTE = Events.minuteOf(Events.START) + 3;

  @Test
  void minuteLineRoundTrips() {
    MinuteLine m = new MinuteLine(Kind.TARGET, "primary/gpt-4.1 \"mini\"", MINUTE,
        Map.of("success", 12L, "server-error", 3L), 0, true);
    String line = Lines.encode(m);
    assertThat(line).startsWith("{\"at\":\"2026-11-24T10:03:00Z\",\"kind\":\"target\"")
        .doesNotContain("\n");
    assertThat(Lines.decode(line)).isEqualTo(m);
  }

  @Test
  void hourLineRoundTripsWithItsMinuteMasks() {
    long hour = Events.minuteOf(Events.START);
    HourLine h = new HourLine(Kind.ROUTE, "chat", hour, Map.of("succeeded", 100L), 7,
        (1L << 60) - 2, 1L, 0, 0);
    String line = Lines.encode(h);
    assertThat(line).contains("\"hour\":\"2026-11-24T10:00:00Z\"", "\"failed_over\":7");
    assertThat(Lines.decode(line)).isEqualTo(h);
  }

  @Test
  void unknownFieldsOfALaterVersionAreIgnored() {
    Object m = Lines.decode("{\"at\":\"2026-11-24T10:03:00Z\",\"kind\":\"route\",\"name\":\"c\","
        + "\"future\":{\"x\":[1,2]},\"n\":{\"succeeded\":1}}");
    assertThat(m).isEqualTo(new MinuteLine(Kind.ROUTE, "c", MINUTE, Map.of("succeeded", 1L), 0,
        false));
  }

  @Test
  void damagedLinesAreRefusedWithAReason() {
    assertThatThrownBy(() -> Lines.decode("{\"at\":\"2026-11-24T10:03:00Z\",\"kind\":\"tar"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Lines.decode("{\"at\":\"2026-11-24T10:03:30Z\",\"kind\":\"route\","
        + "\"name\":\"c\"}")).hasMessageContaining("not the start of a minute");
    assertThatThrownBy(() -> Lines.decode("{\"at\":\"2026-11-24T10:03:00Z\",\"kind\":\"route\","
        + "\"name\":\"c\",\"n\":{\"succeeded\":-1}}")).hasMessageContaining("count");
    assertThatThrownBy(() -> Lines.decode("{\"kind\":\"route\",\"name\":\"c\"}"))
        .hasMessageContaining("'at'");
    assertThatThrownBy(() -> Lines.decode("{\"at\":\"2026-11-24T10:03:00Z\",\"kind\":\"route\","
        + "\"name\":\"c\"} {}")).hasMessageContaining("one complete");
  }
}
