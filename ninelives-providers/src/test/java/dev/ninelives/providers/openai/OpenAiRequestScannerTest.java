package dev.ninelives.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.providers.RequestProblem;
import dev.ninelives.providers.RequestScan;
import dev.ninelives.providers.ScannedRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiRequestScannerTest {

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static ScannedRequest ok(String body) {
    RequestScan scan = OpenAiRequestScanner.scan(utf8(body));
    assertThat(scan).isInstanceOf(ScannedRequest.class);
    return (ScannedRequest) scan;
  }

  static RequestProblem problem(byte[] body) {
    RequestScan scan = OpenAiRequestScanner.scan(body);
    assertThat(scan).isInstanceOf(RequestProblem.class);
    assertThat(scan.ok()).isFalse();
    return (RequestProblem) scan;
  }

  @Test
  void readsModelStreamAndIncludeUsage() {
    ScannedRequest s = ok("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"stream\":true,\"stream_options\":{\"include_obfuscation\":false,"
        + "\"include_usage\":true},\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"model\":{\"type\":\"string\"}}}}}]}");
    assertThat(s.model()).isEqualTo("chat");
    assertThat(s.stream()).isTrue();
    assertThat(s.includeUsage()).isTrue();
    assertThat(s.ok()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "{\"model\":\"m\",\"messages\":[]}|false|false",
      "{\"model\":\"m\",\"messages\":[],\"stream\":false}|false|false",
      "{\"model\":\"m\",\"messages\":[],\"stream\":null}|false|false",
      "{\"model\":\"m\",\"messages\":[],\"stream\":true,\"stream_options\":null}|true|false",
      "{\"model\":\"m\",\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":false}}"
          + "|true|false"})
  void streamFlags(String body, boolean stream, boolean includeUsage) {
    ScannedRequest s = ok(body);
    assertThat(s.stream()).isEqualTo(stream);
    assertThat(s.includeUsage()).isEqualTo(includeUsage);
  }

  @Test
  void onlyTopLevelFieldsCount() {
    ScannedRequest s = ok("{\"metadata\":{\"model\":\"nested\",\"stream\":\"x\"},\"messages\":"
        + "[{\"model\":\"in-message\"}],\"model\":\"top\"}");
    assertThat(s.model()).isEqualTo("top");
    assertThat(s.stream()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      // model JSON as written | decoded model
      "\"gpt-4.1\"|gpt-4.1",
      "\"a\\\"b\\\\c\"|a\"b\\c",
      "\"caf\\u00e9\"|café",
      "\"café 世界 👋\"|café 世界 👋",
      "\"\\ud83d\\udc4b/x\"|👋/x",
      "\"tab\\there\"|tab\there"})
  void modelSpan_coversTheWholeStringToken_withEscapesAndUnicode(String token, String model) {
    String body = "{ \"messages\" : [ ],\n  \"model\" :  " + token + " , \"n\": 1 }";
    byte[] bytes = utf8(body);
    ScannedRequest s = ok(body);
    assertThat(s.model()).isEqualTo(model);
    String span = new String(bytes, s.modelStart(), s.modelEnd() - s.modelStart(),
        StandardCharsets.UTF_8);
    assertThat(span).isEqualTo(token);
  }

  @Test
  void modelSpan_afterMultiByteText_isInBytesNotChars() {
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"ééé 👋👋\"}],\"model\":\"m\"}";
    byte[] bytes = utf8(body);
    ScannedRequest s = ok(body);
    assertThat(new String(bytes, s.modelStart(), s.modelEnd() - s.modelStart(),
        StandardCharsets.UTF_8)).isEqualTo("\"m\"");
  }

  @Test
  void modelSpan_withLeadingByteOrderMark() {
    String body = "\uFEFF{\"model\":\"m\",\"messages\":[]}";
    byte[] bytes = utf8(body);
    ScannedRequest s = ok(body);
    assertThat(bytes[s.modelStart()]).isEqualTo((byte) '"');
    assertThat(s.modelEnd() - s.modelStart()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "empty body||the request body is empty|",
      "whitespace only|~  \n ~|the request body is empty|",
      "not JSON|hello|could not parse the JSON body|",
      "truncated|{\"model\":\"m\",\"messages\":[|could not parse the JSON body|",
      "trailing garbage|{\"model\":\"m\",\"messages\":[]}x|could not parse the JSON body|",
      "second object|{\"model\":\"m\",\"messages\":[]} {}|unexpected data after the JSON object|",
      "malformed late in body|{\"model\":1,\"messages\":[{\"a\":}]}|could not parse the JSON body|",
      "array|[{\"model\":\"m\"}]|must be a JSON object|",
      "string|\"model\"|must be a JSON object|",
      "number|42|must be a JSON object|",
      "missing model|{\"messages\":[]}|you must provide a model parameter|model",
      "model null|{\"model\":null,\"messages\":[]}|'model' must be a string|model",
      "model number|{\"model\":4,\"messages\":[]}|'model' must be a string|model",
      "model object|{\"model\":{\"id\":\"m\"},\"messages\":[]}|'model' must be a string|model",
      "model empty|{\"model\":\"\",\"messages\":[]}|'model' must not be empty|model",
      "duplicate model|{\"model\":\"a\",\"messages\":[],\"model\":\"b\"}|more than one 'model'|model",
      "missing messages|{\"model\":\"m\"}|missing required parameter: 'messages'|messages",
      "messages object|{\"model\":\"m\",\"messages\":{}}|'messages' must be an array|messages",
      "messages null|{\"model\":\"m\",\"messages\":null}|'messages' must be an array|messages",
      "stream string|{\"model\":\"m\",\"messages\":[],\"stream\":\"true\"}|'stream' must be a boolean|stream",
      "stream number|{\"model\":\"m\",\"messages\":[],\"stream\":1}|'stream' must be a boolean|stream",
      "duplicate stream|{\"model\":\"m\",\"messages\":[],\"stream\":false,\"stream\":true}"
          + "|more than one 'stream'|stream"})
  void problems(String name, String body, String message, String param) {
    RequestProblem p = problem(utf8(body == null ? "" : body));
    assertThat(p.message()).contains(message);
    assertThat(p.param()).isEqualTo(param);
  }

  @Test
  void nullBody_isEmpty() {
    assertThat(problem(null).message()).contains("empty");
  }

  @Test
  void utf16Body_isRefused() {
    byte[] body = "{\"model\":\"m\",\"messages\":[]}".getBytes(StandardCharsets.UTF_16LE);
    assertThat(problem(body).message()).contains("UTF-8");
    byte[] withBom = "{\"model\":\"m\",\"messages\":[]}".getBytes(StandardCharsets.UTF_16);
    assertThat(problem(withBom).message()).contains("UTF-8");
  }

  @Test
  void malformedMessage_saysWhere() {
    RequestProblem p = problem(utf8("{\n  \"model\": \"m\",\n  \"messages\": [,]\n}"));
    assertThat(p.message()).contains("line 3");
  }

  @Test
  void deeplyNestedBody_isAProblemNotACrash() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    RequestProblem p = problem(utf8("{\"model\":\"m\",\"messages\":[],\"x\":" + deep + "}"));
    assertThat(p.message()).contains("could not parse");
  }

  @Test
  void hugeImageInMessages_isAccepted() {
    // A 25 MB data URL: larger than Jackson's default 20M-character string limit.
    String image = "data:image/png;base64," + "A".repeat(25_000_000);
    ScannedRequest s = ok("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
        + "\"image_url\",\"image_url\":{\"url\":\"" + image + "\"}}]}],\"model\":\"m\"}");
    assertThat(s.model()).isEqualTo("m");
  }
}
