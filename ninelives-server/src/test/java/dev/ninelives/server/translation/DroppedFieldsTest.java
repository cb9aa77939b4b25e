package dev.ninelives.server.translation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.server.TestGateway;
import dev.ninelives.simulator.Dialect;
import dev.ninelives.simulator.SimulatedProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Fields a target's format cannot carry are named in a response header, never silently lost. */
class DroppedFieldsTest {

  @Test
  void translatedRequestNamesWhatItDropped_passthroughDropsNothing() throws Exception {
    try (SimulatedProvider anthropic = SimulatedProvider.builder("an").dialect(Dialect.ANTHROPIC)
        .start();
        SimulatedProvider openai = SimulatedProvider.builder("oa").start();
        TestGateway gw = TestGateway.builder().provider(anthropic, "sk-ant")
            .provider(openai, "sk-oa")
            .route("to-claude", "an/claude-sonnet-4-5").route("to-gpt", "oa/gpt-4.1").start()) {
      String body = "{\"model\":\"%s\",\"seed\":7,\"logit_bias\":{\"1734\":-100},"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      HttpResponse<String> translated = post(gw, String.format(body, "to-claude"));
      assertThat(translated.statusCode()).isEqualTo(200);
      assertThat(translated.headers().firstValue("x-ninelives-dropped")).hasValueSatisfying(
          v -> assertThat(v.split(",")).contains("logit_bias", "seed"));
      assertThat(anthropic.recorded().get(0).body()).doesNotContain("logit_bias", "seed");

      HttpResponse<String> passedThrough = post(gw, String.format(body, "to-gpt"));
      assertThat(passedThrough.headers().firstValue("x-ninelives-dropped")).isEmpty();
      assertThat(openai.recorded().get(0).body()).contains("logit_bias", "\"seed\":7");
    }
  }

  private static HttpResponse<String> post(TestGateway gw, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(gw.url() + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
