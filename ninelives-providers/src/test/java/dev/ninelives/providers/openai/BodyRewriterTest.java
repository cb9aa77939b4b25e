package dev.ninelives.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ninelives.providers.BodyRewriter;
import dev.ninelives.providers.ScannedRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Lives next to the scanner because a rewrite always follows a scan. */
class BodyRewriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String BODY = "{\n  \"messages\": [{\"role\": \"user\", \"content\": "
      + "\"Grüße 👋 \\\"quoted\\\"\"}],\n  \"model\" : \"chat-alias\",\n  \"temperature\": 0.2,"
      + "\n  \"stream\": true\n}";

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "gpt-4.1",
      "meta-llama/Llama-3.1-8B-Instruct",
      "weird \"quoted\" \\ name",
      "ünïcödé-模型-👋",
      "~control\tchars\nhere~",
      "x"})
  void result_parsesAndEqualsTheOriginalWithOnlyTheModelChanged(String model) throws Exception {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    ScannedRequest scan = (ScannedRequest) OpenAiRequestScanner.scan(body);

    byte[] out = BodyRewriter.withModel(body, scan, model);

    ObjectNode expected = (ObjectNode) JSON.readTree(body);
    expected.put("model", model);
    JsonNode actual = JSON.readTree(out);
    assertThat(actual).isEqualTo(expected);
    // Every byte outside the model token is untouched.
    String before = BODY.substring(0, BODY.indexOf("\"chat-alias\""));
    String after = BODY.substring(BODY.indexOf("\"chat-alias\"") + "\"chat-alias\"".length());
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(text).startsWith(before).endsWith(after);
    // And the rewritten body scans again, with the new model.
    assertThat(((ScannedRequest) OpenAiRequestScanner.scan(out)).model()).isEqualTo(model);
  }

  @Test
  void sameModel_returnsTheBodyItself() {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    ScannedRequest scan = (ScannedRequest) OpenAiRequestScanner.scan(body);
    assertThat(BodyRewriter.withModel(body, scan, "chat-alias")).isSameAs(body);
  }

  @Test
  void scanOfAnotherBody_isRejected() {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    ScannedRequest wrong = new ScannedRequest("m", false, false, 1, 4);
    assertThatThrownBy(() -> BodyRewriter.withModel(body, wrong, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    ScannedRequest pastEnd = new ScannedRequest("m", false, false, 0, body.length + 1);
    assertThatThrownBy(() -> BodyRewriter.withModel(body, pastEnd, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
