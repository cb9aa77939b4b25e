package dev.ninelives.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

  @ParameterizedTest
  @CsvSource({"250ms, 250", "2s, 2000", "5m, 300000", "1h, 3600000", "0s, 0", "10 s, 10000",
      "' 30s ', 30000"})
  void durations(String text, long millis) {
    assertThat(Values.duration(text).value()).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "2d", "-1s", "1.5s", "1m30s", "2S", "s", "ms",
      "9999999999999h"})
  void badDurations(String text) {
    Parsed<Duration> d = Values.duration(text);
    assertThat(d.isOk()).isFalse();
    assertThat(d.error()).startsWith("expected a duration like 250ms, 2s, 5m or 1h, got ");
  }

  @ParameterizedTest
  @CsvSource({"50%, 0.5", "12.5%, 0.125", "100%, 1.0", "0%, 0.0", "0.8, 0.8", ".25, 0.25",
      "1, 1.0", "0, 0.0"})
  void rates(String text, double value) {
    assertThat(Values.rate(text, "a rate").value()).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "50    | expected a rate, got '50' (did you mean 50%?)",
      "half  | expected a rate, got 'half'",
      "-0.5  | expected a rate, got '-0.5'",
      "50 %% | expected a rate, got '50 %%'"})
  void badRates(String text, String error) {
    assertThat(Values.rate(text, "a rate").error()).isEqualTo(error);
  }

  @ParameterizedTest
  @CsvSource({"1B, 1", "512KB, 524288", "16MB, 16777216", "16mb, 16777216", "2 MB, 2097152"})
  void sizes(String text, long bytes) {
    assertThat(Values.size(text).value()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"16", "16GB", "1.5MB", "MB", "-1KB", "16 M"})
  void badSizes(String text) {
    assertThat(Values.size(text).error()).startsWith("expected a size like 512KB or 16MB");
  }

  @Test
  void sizeOverflowIsAnError() {
    assertThat(Values.size("999999999999999MB").error()).contains("too large");
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "42, 42", "+3, 3", "-1, -1", "2147483647, 2147483647"})
  void integers(String text, int value) {
    assertThat(Values.integer(text).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "2147483648", "one", "", "1e3"})
  void badIntegers(String text) {
    assertThat(Values.integer(text).error()).startsWith("expected a whole number");
  }

  @ParameterizedTest
  @CsvSource({"true, true", "False, false", "yes, true", "no, false", "on, true", "off, false"})
  void booleans(String text, boolean value) {
    assertThat(Values.bool(text).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource({"250, 250ms", "2000, 2s", "90000, 90s", "300000, 5m", "7200000, 2h"})
  void formatsDurationsInTheLargestExactUnit(long millis, String text) {
    assertThat(Values.format(Duration.ofMillis(millis))).isEqualTo(text);
  }

  @Test
  void quotesAreShortened() {
    assertThat(Values.quote("x".repeat(100))).isEqualTo("'" + "x".repeat(60) + "...'");
    assertThat(Values.quote("")).isEqualTo("nothing");
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1:4000, 127.0.0.1, 4000", "0.0.0.0:8080, 0.0.0.0, 8080",
      "4000, 127.0.0.1, 4000", "0, 127.0.0.1, 0", "localhost:1, localhost, 1",
      "'[::1]:4000', ::1, 4000", "' 9000 ', 127.0.0.1, 9000"})
  void listenAddresses(String text, String host, int port) {
    assertThat(ListenAddress.parse(text).value()).isEqualTo(new ListenAddress(host, port));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "localhost", ":4000", "host:", "host:port", "host:-1",
      "host:65536", "::1:4000", "a b:4000", "99999999"})
  void badListenAddresses(String text) {
    assertThat(ListenAddress.parse(text).isOk()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"https://api.example.com/v1/, https://api.example.com/v1",
      "http://127.0.0.1:8000/v1, http://127.0.0.1:8000/v1",
      "HTTPS://x.example//, HTTPS://x.example/", "http://my_host:8000, http://my_host:8000"})
  void baseUrlsLoseOneTrailingSlash(String text, String url) {
    assertThat(ProviderReader.httpUrl(text).value()).isEqualTo(url);
  }
}
