package dev.ninelives.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.TokenUsage;
import dev.ninelives.providers.openai.OpenAiResponseCheck.Result;
import dev.ninelives.providers.openai.OpenAiResponseCheck.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiResponseCheckTest {

  static String j(String caretJson) {
    return caretJson.replace('^', '"');
  }

  static Result check(String body) {
    return OpenAiResponseCheck.check(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void okResponse_reportsFinishAndUsage() {
    Result r = check(j("{^id^:^chatcmpl-1^,^object^:^chat.completion^,^created^:1,"
        + "^model^:^gpt-4.1^,^choices^:[{^index^:0,^message^:{^role^:^assistant^,"
        + "^content^:^Hello!^,^refusal^:null,^annotations^:[]},^logprobs^:null,"
        + "^finish_reason^:^stop^}],^usage^:{^prompt_tokens^:9,^completion_tokens^:3,"
        + "^total_tokens^:12,^completion_tokens_details^:{^reasoning_tokens^:0}}}"));
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.ok()).isTrue();
    assertThat(r.reason()).isNull();
    assertThat(r.finishReason()).isEqualTo("stop");
    assertThat(r.usage()).isEqualTo(new TokenUsage(9, 3, 12));
    assertThat(r.classification()).isNull();
  }

  static Stream<Arguments> usable() {
    return Stream.of(
        Arguments.of("tool calls, null content", j("{^choices^:[{^message^:{^role^:^assistant^,"
            + "^content^:null,^tool_calls^:[{^id^:^call_1^,^type^:^function^,^function^:"
            + "{^name^:^f^,^arguments^:^{}^}}]},^finish_reason^:^tool_calls^}]}")),
        Arguments.of("refusal", j("{^choices^:[{^message^:{^content^:null,^refusal^:^No.^},"
            + "^finish_reason^:^stop^}]}")),
        Arguments.of("legacy function call", j("{^choices^:[{^message^:{^content^:null,"
            + "^function_call^:{^name^:^f^,^arguments^:^{}^}}}]}")),
        Arguments.of("content parts", j("{^choices^:[{^message^:{^content^:[{^type^:^text^,"
            + "^text^:^hi^}]}}]}")),
        Arguments.of("second choice answers", j("{^choices^:[{^message^:{^content^:^^}},"
            + "{^message^:{^content^:^yes^}}]}")),
        Arguments.of("no usage", j("{^choices^:[{^message^:{^content^:^ok^}}]}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usable")
  void usableAnswers(String name, String body) {
    assertThat(check(body).verdict()).isEqualTo(Verdict.OK);
  }

  static Stream<Arguments> degraded() {
    return Stream.of(
        Arguments.of("null body", null, "empty body"),
        Arguments.of("empty body", "", "empty body"),
        Arguments.of("blank body", " \n", "empty body"),
        Arguments.of("not JSON", "<html>oops</html>", "malformed JSON"),
        Arguments.of("truncated", "{\"choices\":[{\"message\":{\"content\":\"Hel", "malformed JSON"),
        Arguments.of("trailing garbage", "{\"choices\":[]}x", "malformed JSON"),
        Arguments.of("array", "[]", "malformed JSON"),
        Arguments.of("no choices key", "{\"id\":\"x\"}", "no choices"),
        Arguments.of("empty choices", "{\"choices\":[]}", "no choices"),
        Arguments.of("choices null", "{\"choices\":null}", "no choices"),
        Arguments.of("error object", j("{^error^:{^message^:^upstream failed^,^type^:"
            + "^server_error^}}"), "error object: upstream failed"),
        Arguments.of("error string", j("{^error^:^bad things^}"), "error object: bad things"),
        Arguments.of("null content", j("{^choices^:[{^message^:{^role^:^assistant^,"
            + "^content^:null},^finish_reason^:^stop^}]}"), "empty answer"),
        Arguments.of("empty content", j("{^choices^:[{^message^:{^content^:^^},"
            + "^finish_reason^:^stop^}]}"), "empty answer"),
        Arguments.of("empty tool_calls", j("{^choices^:[{^message^:{^content^:null,"
            + "^tool_calls^:[]}}]}"), "empty answer"),
        Arguments.of("reasoning only", j("{^choices^:[{^message^:{^content^:^^,"
            + "^reasoning_content^:^thinking...^},^finish_reason^:^length^}]}"), "empty answer"),
        Arguments.of("no message", j("{^choices^:[{^index^:0,^finish_reason^:^stop^}]}"),
            "empty answer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("degraded")
  void degradedAnswers(String name, String body, String reason) {
    Result r = check(body);
    assertThat(r.verdict()).isEqualTo(Verdict.DEGRADED);
    assertThat(r.reason()).contains(reason);
    assertThat(r.classification().outcome()).isEqualTo(OutcomeClass.DEGRADED);
  }

  @Test
  void emptyAnswer_stillReportsFinishAndUsage() {
    Result r = check(j("{^choices^:[{^message^:{^content^:^^},^finish_reason^:^length^}],"
        + "^usage^:{^prompt_tokens^:1,^completion_tokens^:0,^total_tokens^:1}}"));
    assertThat(r.finishReason()).isEqualTo("length");
    assertThat(r.usage().totalTokens()).isEqualTo(1);
  }

  @Test
  void errorInside200_isScrubbed() {
    Result r = check(j("{^error^:{^message^:^Incorrect API key provided: sk-ab***yz^}}"));
    assertThat(r.reason()).doesNotContain("sk-ab***yz");
  }

  @Test
  void hugeAnswer_isUsable() {
    String big = "x".repeat(21_000_000);
    assertThat(check("{\"choices\":[{\"message\":{\"content\":\"" + big + "\"}}]}").ok())
        .isTrue();
  }
}
