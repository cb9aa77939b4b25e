package dev.ninelives.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
  private static final List<String> KEYS = List.of("connect", "first_token", "stall",
      "response", "total", "max", "max_backoff", "larger_context", "target", "openai");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "conect, connect", "respnose, response", "totl, total", "opneai, openai",
      "OpenAI, openai", "first, first_token", "larger, larger_context",
      "max_backof, max_backoff", "targets, target", "mx, max"})
  void suggestsTheClosest(String input, String expected) {
    assertThat(Suggestions.closest(input, KEYS)).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"x", "zzzzzz", "timeout_ms", "ab"})
  void staysQuietWhenNothingIsClose(String input) {
    assertThat(Suggestions.closest(input, KEYS)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"abc, abc, 0", "abc, acb, 1", "kitten, sitting, 3", "'', abc, 3"})
  void distance(String a, String b, int d) {
    assertThat(Suggestions.distance(a, b)).isEqualTo(d);
  }
}
