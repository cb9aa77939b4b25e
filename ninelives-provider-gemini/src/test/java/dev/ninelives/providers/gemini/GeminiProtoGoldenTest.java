package dev.ninelives.providers.gemini;

import static dev.ninelives.providers.gemini.RequestBuilder.assistant;
import static dev.ninelives.providers.gemini.RequestBuilder.call;
import static dev.ninelives.providers.gemini.RequestBuilder.request;
import static dev.ninelives.providers.gemini.RequestBuilder.result;
import static dev.ninelives.providers.gemini.RequestBuilder.text;
import static dev.ninelives.providers.gemini.RequestBuilder.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.ai.generativelanguage.v1beta.Content;
import com.google.ai.generativelanguage.v1beta.FunctionCallingConfig;
import com.google.ai.generativelanguage.v1beta.FunctionDeclaration;
import com.google.ai.generativelanguage.v1beta.GenerateContentRequest;
import com.google.protobuf.Value;
import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.ResponseFormat;
import dev.ninelives.core.model.ToolChoice;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The golden check: a request using every feature the encoder maps is read back through Google's
 * generated {@code GenerateContentRequest} and compared field by field in Google's own types;
 * and the oracle is shown to reject what Gemini would reject, so the checks on every other
 * encoder test mean something.
 */
class GeminiProtoGoldenTest {
  private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk"
      + "YAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

  @Test
  void everyMappedFeature_readsBackInGooglesTypes() throws Exception {
    ChatRequest r = request()
        .system("Be brief.")
        .tool("get_weather", "Weather for a city", "{\"type\":\"object\",\"properties\":{\"city\""
            + ":{\"type\":\"string\",\"enum\":[\"Paris\",\"Tokyo\"]}},\"required\":[\"city\"]}")
        .tool("get_time", null, null)
        .toolChoice(new ToolChoice(ToolChoice.Mode.TOOL, "get_weather"))
        .message(user(text("Weather in Paris? See photo."), new Part.Image("image/png", PNG, null)))
        .message(assistant(new Part.Thinking("think", "sig", false), text("Checking."),
            call("c1", "get_weather", "{\"city\":\"Paris\"}"), call("c2", "get_time", "")))
        .message(user(result("c1", "get_weather", "18°C")))
        .message(user(new Part.ToolResult("c2", null, List.of(text("clock broken")), true)))
        .stop("\n\n").maxTokens(1024).temperature(1.2).topP(0.95).topK(64).seed(7)
        .responseFormat(new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "w",
            "{\"type\":\"object\",\"properties\":{\"summary\":{\"type\":\"string\"}}}", true))
        .parallelToolCalls(false)
        .build();

    GenerateContentRequest p = GeminiProto.request(
        new GeminiRequestEncoder().encode(r, "gemini-2.5-pro"));

    assertThat(p.getSystemInstruction().getParts(0).getText()).isEqualTo("Be brief.");
    assertThat(p.getContentsList()).extracting(Content::getRole)
        .containsExactly("user", "model", "user");

    Content first = p.getContents(0);
    assertThat(first.getParts(1).getInlineData().getMimeType()).isEqualTo("image/png");
    assertThat(first.getParts(1).getInlineData().getData().toByteArray())
        .isEqualTo(Base64.getDecoder().decode(PNG));

    Content model = p.getContents(1);
    assertThat(model.getPartsCount()).isEqualTo(3); // thinking dropped
    assertThat(model.getParts(1).getFunctionCall().getName()).isEqualTo("get_weather");
    assertThat(model.getParts(1).getFunctionCall().getArgs().getFieldsOrThrow("city")
        .getStringValue()).isEqualTo("Paris");
    assertThat(model.getParts(1).getFunctionCall().getId()).isEmpty();
    assertThat(model.getParts(2).getFunctionCall().getArgs().getFieldsCount()).isZero();
    // The placeholder travels as JSON text; the proto reads bytes as (URL-safe) base64.
    assertThat(model.getParts(1).getThoughtSignature().toByteArray()).isEqualTo(
        Base64.getUrlDecoder().decode(GeminiRequestEncoder.SKIP_THOUGHT_SIGNATURE));

    Content results = p.getContents(2);
    assertThat(results.getParts(0).getFunctionResponse().getName()).isEqualTo("get_weather");
    assertThat(results.getParts(0).getFunctionResponse().getResponse()
        .getFieldsOrThrow("result").getStringValue()).isEqualTo("18°C");
    assertThat(results.getParts(1).getFunctionResponse().getName()).isEqualTo("get_time");
    assertThat(results.getParts(1).getFunctionResponse().getResponse()
        .getFieldsOrThrow("error").getStringValue()).isEqualTo("clock broken");

    FunctionDeclaration weather = p.getTools(0).getFunctionDeclarations(0);
    assertThat(weather.getDescription()).isEqualTo("Weather for a city");
    Value schema = weather.getParametersJsonSchema();
    assertThat(schema.getStructValue().getFieldsOrThrow("required").getListValue()
        .getValues(0).getStringValue()).isEqualTo("city");
    assertThat(weather.hasParameters()).isFalse(); // the OpenAPI-subset field stays unused
    assertThat(p.getTools(0).getFunctionDeclarations(1).hasParametersJsonSchema()).isFalse();

    FunctionCallingConfig fc = p.getToolConfig().getFunctionCallingConfig();
    assertThat(fc.getMode()).isEqualTo(FunctionCallingConfig.Mode.ANY);
    assertThat(fc.getAllowedFunctionNamesList()).containsExactly("get_weather");

    var gc = p.getGenerationConfig();
    assertThat(gc.getStopSequencesList()).containsExactly("\n\n");
    assertThat(gc.getMaxOutputTokens()).isEqualTo(1024);
    assertThat(gc.getTemperature()).isEqualTo(1.2f);
    assertThat(gc.getTopP()).isEqualTo(0.95f);
    assertThat(gc.getTopK()).isEqualTo(64);
    assertThat(gc.getSeed()).isEqualTo(7);
    assertThat(gc.getResponseMimeType()).isEqualTo("application/json");
    assertThat(gc.getResponseJsonSchemaOrdered().getStructValue().getFieldsMap())
        .containsKey("properties");
    assertThat(gc.hasResponseJsonSchema()).isFalse(); // "_responseJsonSchema" is internal
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // OpenAI's name for the token limit
      "{^contents^:[{^role^:^user^,^parts^:[{^text^:^hi^}]}],^generationConfig^:{^max_tokens^:5}}",
      // arguments as a JSON string, as OpenAI writes them
      "{^contents^:[{^role^:^model^,^parts^:[{^functionCall^:{^name^:^f^,^args^:^{}^}}]}]}",
      // a mode Gemini does not have
      "{^contents^:[{^role^:^user^,^parts^:[{^text^:^hi^}]}],^toolConfig^:"
          + "{^functionCallingConfig^:{^mode^:^REQUIRED^}}}",
      // Anthropic's system shape
      "{^system^:^Be brief.^,^contents^:[{^role^:^user^,^parts^:[{^text^:^hi^}]}]}",
      // parts as a string
      "{^contents^:[{^role^:^user^,^parts^:^hi^}]}"})
  void wrongBodies_failToParse(String caretJson) {
    byte[] body = caretJson.replace('^', '"').getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> GeminiProto.request(body)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("not a valid GenerateContentRequest");
  }

  @Test
  void wrongResponse_failsToParse() {
    assertThatThrownBy(() -> GeminiProto.response("{\"candidates\":[{\"finishReason\":"
        + "\"FINISHED\"}]}")).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> GeminiProto.response("{\"choices\":[]}"))
        .isInstanceOf(AssertionError.class);
  }
}
