package dev.ninelives.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportWindowTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:30:00Z");

  @Test
  void defaultsToTheLastThirtyDays() {
    assertThat(ReportWindow.parse(null, "", NOW))
        .isEqualTo(new ReportWindow(NOW.minus(Duration.ofDays(30)), NOW));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "2026-11-24T08:00:00Z, 2026-11-24T08:00:00Z",
      "2026-11-24T08:00Z, 2026-11-24T08:00:00Z",
      "2026-11-24T09:00:00+01:00, 2026-11-24T08:00:00Z",
      "2026-11-24T08:00, 2026-11-24T08:00:00Z",
      "2026-11-24, 2026-11-24T00:00:00Z",
      "-90m, 2026-11-24T09:00:00Z",
      "-24h, 2026-11-23T10:30:00Z",
      "-7d, 2026-11-17T10:30:00Z",
      "-2w, 2026-11-10T10:30:00Z"})
  void readsInstantsDatesAndTimesAgo(String text, String expected) {
    assertThat(ReportWindow.parse(text, null, NOW).from()).isEqualTo(Instant.parse(expected));
  }

  @Test
  void toIsExclusiveAndCappedAtNow() {
    ReportWindow w = ReportWindow.parse("2026-11-01", "2026-12-01", NOW);
    assertThat(w.to()).isEqualTo(NOW);
    assertThat(ReportWindow.parse("-1h", "now", NOW).to()).isEqualTo(NOW);
    ReportWindow october = ReportWindow.parse("2026-10-01", "2026-11-01", NOW);
    assertThat(october.toMinute() - october.fromMinute()).isEqualTo(31 * 1440);
  }

  @ParameterizedTest(name = "from={0} to={1}")
  @CsvSource({
      "yesterday, , from: 'yesterday' is not a time; use an ISO-8601 instant",
      "2026-13-01, , from: '2026-13-01' is not a time",
      ", 24h, to: '24h' is not a time",
      "-3x, , from: '-3x' is not a time",
      "2026-11-24T10:00:00Z, 2026-11-24T09:00:00Z, must be before to",
      "2026-11-25, , from is in the future",
      "1969-12-31, , before 1970"})
  void refusesWhatItCannotReadWithAMessageNamingTheParameter(String from, String to,
      String message) {
    assertThatThrownBy(() -> ReportWindow.parse(from, to, NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }
}
