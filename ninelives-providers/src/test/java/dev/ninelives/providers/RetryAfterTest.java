package dev.ninelives.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
  // Sun, 06 Nov 1994 08:49:37 GMT, the RFC's example date.
  private static final long RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z").toEpochMilli();

  @ParameterizedTest
  @CsvSource({
      "0, 0",
      "1, 1000",
      "30, 30000",
      "1.5, 1500",
      "0.25, 250",
      "'  7 ', 7000",
      "2., 2000",
      ".5, 500"})
  void seconds_integerOrDecimal(String value, long expectedMillis) {
    assertThat(RetryAfter.parse(value, 0)).isEqualTo(Duration.ofMillis(expectedMillis));
  }

  @ParameterizedTest
  @CsvSource({
      "1500, 1500000000",
      "20.5, 20500000",
      "0.001, 1000",
      "0, 0"})
  void milliseconds_mayBeFractional(String value, long expectedNanos) {
    assertThat(RetryAfter.parseMillis(value)).isEqualTo(Duration.ofNanos(expectedNanos));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"-1", "-0.5", "abc", "1e3", "+5", "1.2.3", ".", "NaN", "Infinity",
      "0x10", "5 s", "12ms", "Sun, 99 Foo 1994 08:49:37 GMT"})
  void garbageAndNegatives_areIgnored(String value) {
    assertThat(RetryAfter.parse(value, RFC_EXAMPLE)).isNull();
    assertThat(RetryAfter.parseMillis(value)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Sun, 06 Nov 1994 08:50:07 GMT", // IMF-fixdate
      "Sunday, 06-Nov-94 08:50:07 GMT", // obsolete RFC 850
      "Sun Nov  6 08:50:07 1994"}) // obsolete asctime
  void httpDate_inAllThreeForms_isRelativeToNow(String value) {
    assertThat(RetryAfter.parse(value, RFC_EXAMPLE)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void httpDate_inThePast_meansNow() {
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:00 GMT", RFC_EXAMPLE))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void hugeValues_areCapped() {
    assertThat(RetryAfter.parse("99999999999999999999999", 0)).isEqualTo(RetryAfter.MAX);
    assertThat(RetryAfter.parseMillis("99999999999999999999999")).isEqualTo(RetryAfter.MAX);
  }

  @Test
  void retryAfterMs_winsOverRetryAfter() {
    HeaderLookup h = HeaderLookup.of(Map.of("Retry-After-Ms", "250", "Retry-After", "30"));
    assertThat(RetryAfter.fromHeaders(h, 0)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void garbageRetryAfterMs_fallsBackToRetryAfter() {
    HeaderLookup h = HeaderLookup.of(Map.of("retry-after-ms", "soon", "retry-after", "2"));
    assertThat(RetryAfter.fromHeaders(h, 0)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void noHeaders_noWait() {
    assertThat(RetryAfter.fromHeaders(HeaderLookup.NONE, 0)).isNull();
  }
}
