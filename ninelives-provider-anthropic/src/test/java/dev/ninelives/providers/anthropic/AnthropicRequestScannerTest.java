package dev.ninelives.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.providers.BodyRewriter;
import dev.ninelives.providers.RequestProblem;
import dev.ninelives.providers.RequestScan;
import dev.ninelives.providers.ScannedRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicRequestScannerTest {

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static ScannedRequest ok(String body) {
    RequestScan scan = AnthropicRequestScanner.scan(utf8(body));
    assertThat(scan).isInstanceOf(ScannedRequest.class);
    return (ScannedRequest) scan;
  }

  static RequestProblem problem(byte[] body) {
    RequestScan scan = AnthropicRequestScanner.scan(body);
    assertThat(scan).isInstanceOf(RequestProblem.class);
    assertThat(scan.ok()).isFalse();
    return (RequestProblem) scan;
  }

  @Test
  void readsModelAndStream_includeUsageIsAlwaysFalse() {
    ScannedRequest s = ok("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true,\"tools\":[{\"name\":\"f\","
        + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"model\":{\"type\":\"string\"}}}"
        + "}],\"metadata\":{\"user_id\":\"u\"}}");
    assertThat(s.model()).isEqualTo("claude-sonnet-4-5");
    assertThat(s.stream()).isTrue();
    assertThat(s.includeUsage()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "{\"model\":\"m\",\"messages\":[]}|false",
      "{\"model\":\"m\",\"messages\":[],\"stream\":false}|false",
      "{\"model\":\"m\",\"messages\":[],\"stream\":null}|false",
      "{\"stream\":true,\"model\":\"m\",\"messages\":[]}|true"})
  void streamFlag(String body, boolean stream) {
    assertThat(ok(body).stream()).isEqualTo(stream);
  }

  @Test
  void onlyTopLevelFieldsCount() {
    ScannedRequest s = ok("{\"metadata\":{\"model\":\"nested\",\"stream\":\"x\"},\"messages\":"
        + "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\","
        + "\"model\":\"no\"}]}],"
        + "\"model\":\"top\"}");
    assertThat(s.model()).isEqualTo("top");
    assertThat(s.stream()).isFalse();
  }

  @Test
  void modelSpan_letsTheRewriterReplaceOnlyTheModel() {
    String body = "{ \"messages\" : [ ],\n  \"model\" :  \"caf\\u00e9 👋\" , \"max_tokens\": 5 }";
    byte[] bytes = utf8(body);
    ScannedRequest s = ok(body);
    assertThat(s.model()).isEqualTo("café 👋");
    assertThat(new String(bytes, s.modelStart(), s.modelEnd() - s.modelStart(),
        StandardCharsets.UTF_8)).isEqualTo("\"caf\\u00e9 👋\"");
    String rewritten = new String(BodyRewriter.withModel(bytes, s, "claude-opus-4-5"),
        StandardCharsets.UTF_8);
    assertThat(rewritten).isEqualTo(
        "{ \"messages\" : [ ],\n  \"model\" :  \"claude-opus-4-5\" , \"max_tokens\": 5 }");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "{\"messages\":[]}|model|model: Field required",
      "{\"model\":7,\"messages\":[]}|model|model: Input should be a valid string",
      "{\"model\":null,\"messages\":[]}|model|model: Input should be a valid string",
      "{\"model\":\"\",\"messages\":[]}|model|model: String should have at least 1 character",
      "{\"model\":\"m\"}|messages|messages: Field required",
      "{\"model\":\"m\",\"messages\":{}}|messages|messages: Input should be a valid list",
      "{\"model\":\"m\",\"messages\":null}|messages|messages: Input should be a valid list",
      "{\"model\":\"m\",\"messages\":[],\"stream\":\"yes\"}|stream|stream: Input should be a "
          + "valid boolean",
      "{\"model\":\"a\",\"model\":\"b\",\"messages\":[]}|model|the request body has more than "
          + "one 'model' field",
      "{\"model\":\"a\",\"stream\":false,\"stream\":true,\"messages\":[]}|stream|the request "
          + "body has more than one 'stream' field"})
  void problems_nameTheField(String body, String param, String message) {
    RequestProblem p = problem(utf8(body));
    assertThat(p.param()).isEqualTo(param);
    assertThat(p.message()).isEqualTo(message);
  }

  @Test
  void malformedJson_isReportedWithItsPosition_evenAfterAnEarlierProblem() {
    RequestProblem p = problem(utf8("{\"model\":7,\n\"messages\":[1,}"));
    assertThat(p.message()).startsWith("could not parse the JSON body of the request: ")
        .contains("line 2");
    assertThat(p.param()).isNull();
  }

  @Test
  void notAnObject_empty_trailing_andUtf16_areProblems() {
    assertThat(problem(new byte[0]).message()).contains("empty");
    assertThat(problem(utf8("  \n")).message()).contains("empty");
    assertThat(problem(utf8("[1,2]")).message()).isEqualTo("the request body must be a JSON "
        + "object");
    assertThat(problem(utf8("{\"model\":\"m\",\"messages\":[]} {}")).message())
        .contains("unexpected data after the JSON object");
    assertThat(problem(utf8("{\"model\":\"m\",\"messages\":[]} x")).message())
        .startsWith("could not parse the JSON body of the request: Unrecognized token 'x'");
    assertThat(problem("{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_16LE)).message())
        .contains("UTF-8");
    assertThat(problem(null).message()).contains("empty");
  }
}
