package dev.ninelives.providers.anthropic;

import static dev.ninelives.providers.anthropic.SdkOracle.tree;
import static dev.ninelives.providers.anthropic.SdkOracle.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.model.ChatRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Anthropic body → canonical → Anthropic body gives the same JSON for everything the canonical
 * model carries. Bodies are written in the encoder's normal form (one system text as a string,
 * a tool result's single text as a string).
 */
class AnthropicRequestRoundTripTest {

  static String j(String caretJson) {
    return caretJson.replace('^', '"');
  }

  static Map<String, String> bodies() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("multi-turn with system", j("{^model^:^claude-sonnet-4-5^,^max_tokens^:300,"
        + "^system^:^You are a pirate.^,^messages^:["
        + "{^role^:^user^,^content^:[{^type^:^text^,^text^:^Hi^}]},"
        + "{^role^:^assistant^,^content^:[{^type^:^text^,^text^:^Arr.^}]},"
        + "{^role^:^user^,^content^:[{^type^:^text^,^text^:^Where is the treasure?^}]}]}"));
    m.put("system blocks", j("{^model^:^m^,^max_tokens^:10,^system^:["
        + "{^type^:^text^,^text^:^One.^},{^type^:^text^,^text^:^Two.^}],"
        + "^messages^:[{^role^:^user^,^content^:[{^type^:^text^,^text^:^Go^}]}]}"));
    m.put("images", j("{^model^:^m^,^max_tokens^:10,^messages^:[{^role^:^user^,^content^:["
        + "{^type^:^image^,^source^:{^type^:^base64^,^media_type^:^image/gif^,"
        + "^data^:^R0lGODlh^}},"
        + "{^type^:^image^,^source^:{^type^:^url^,^url^:^https://example.com/a.png^}},"
        + "{^type^:^text^,^text^:^Same picture?^}]}]}"));
    m.put("parallel tool calls and results", j("{^model^:^m^,^max_tokens^:1000,"
        + "^tools^:[{^name^:^get_weather^,^description^:^Weather^,^input_schema^:"
        + "{^type^:^object^,^properties^:{^city^:{^type^:^string^}},^required^:[^city^]}}],"
        + "^tool_choice^:{^type^:^any^,^disable_parallel_tool_use^:true},"
        + "^messages^:[{^role^:^user^,^content^:[{^type^:^text^,^text^:^Paris and Rome?^}]},"
        + "{^role^:^assistant^,^content^:["
        + "{^type^:^tool_use^,^id^:^toolu_01A^,^name^:^get_weather^,^input^:{^city^:^Paris^}},"
        + "{^type^:^tool_use^,^id^:^toolu_01B^,^name^:^get_weather^,"
        + "^input^:{^city^:^Rome^,^days^:[1,2],^opts^:{^metric^:true,^x^:null}}}]},"
        + "{^role^:^user^,^content^:["
        + "{^type^:^tool_result^,^tool_use_id^:^toolu_01A^,^content^:^18C^},"
        + "{^type^:^tool_result^,^tool_use_id^:^toolu_01B^,^content^:^timeout^,"
        + "^is_error^:true},"
        + "{^type^:^tool_result^,^tool_use_id^:^toolu_01B^,^content^:[{^type^:^text^,"
        + "^text^:^a^},{^type^:^text^,^text^:^b^}]}]}]}"));
    m.put("sampling, stop sequences, metadata, stream", j("{^model^:^m^,^max_tokens^:64,"
        + "^stop_sequences^:[^\\n\\nHuman:^,^END^],^temperature^:0.25,^top_p^:0.5,^top_k^:5,"
        + "^metadata^:{^user_id^:^9f1c^},^stream^:true,"
        + "^messages^:[{^role^:^user^,^content^:[{^type^:^text^,^text^:^Count^}]}]}"));
    m.put("thinking", j("{^model^:^m^,^max_tokens^:4000,^messages^:["
        + "{^role^:^user^,^content^:[{^type^:^text^,^text^:^Why?^}]},"
        + "{^role^:^assistant^,^content^:[{^type^:^thinking^,^thinking^:^Let me see.^,"
        + "^signature^:^ErUBCkYIAxgCIkDt^},{^type^:^redacted_thinking^,^data^:^EmwKAhgBEgy^},"
        + "{^type^:^tool_use^,^id^:^toolu_9^,^name^:^lookup^,^input^:{}}]},"
        + "{^role^:^user^,^content^:[{^type^:^tool_result^,^tool_use_id^:^toolu_9^,"
        + "^content^:^found^}]}],"
        + "^tools^:[{^name^:^lookup^,^input_schema^:{^type^:^object^,^properties^:{}}}]}"));
    m.put("structured output", j("{^model^:^m^,^max_tokens^:50,"
        + "^output_config^:{^format^:{^type^:^json_schema^,^schema^:{^type^:^object^,"
        + "^properties^:{^n^:{^type^:^integer^}},^required^:[^n^],"
        + "^additionalProperties^:false}}},"
        + "^messages^:[{^role^:^user^,^content^:[{^type^:^text^,^text^:^Pick n^}]}]}"));
    return m;
  }

  static Stream<Arguments> cases() {
    return bodies().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void anthropicToCanonicalToAnthropic_isLossless(String name, String body) throws Exception {
    ChatRequest canonical = new AnthropicRequestDecoder().decode(utf8(body));
    assertThat(canonical.dropped()).isEmpty();
    byte[] again = new AnthropicRequestEncoder().encode(canonical, canonical.model());
    assertThat(tree(again)).isEqualTo(tree(body));
  }

  @Test
  void stringContent_comesBackAsATextBlock() throws Exception {
    String body = j("{^model^:^m^,^max_tokens^:5,^messages^:[{^role^:^user^,^content^:^hi^}]}");
    byte[] again = new AnthropicRequestEncoder().encode(
        new AnthropicRequestDecoder().decode(utf8(body)), "m");
    assertThat(tree(again).get("messages").get(0).get("content"))
        .isEqualTo(tree(j("[{^type^:^text^,^text^:^hi^}]")));
  }
}
