package dev.ninelives.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.SimulatedProvider;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The streaming contract after commit: a failure ends the client's stream with a terminal error
 * event (never a silent truncation, never [DONE]); a client that hangs up cancels upstream.
 */
class StreamingContractTest {
  private SimulatedProvider primary;
  private SimulatedProvider secondary;
  private TestGateway gw;

  @BeforeEach
  void start() {
    primary = SimulatedProvider.builder("primary")
        .reply("one two three four five six seven eight").start();
    secondary = SimulatedProvider.builder("secondary").reply("Hello from secondary.").start();
    gw = TestGateway.builder()
        .provider(primary, "sk-p")
        .provider(secondary, "sk-s")
        .route("chat", "primary/m1", "secondary/m2")
        .start();
  }

  @AfterEach
  void stop() {
    gw.close();
    primary.close();
    secondary.close();
  }

  private static String sseBody(String raw) {
    return raw;
  }

  @Test
  void cutAfterContent_clientGetsThePartialAnswerThenATerminalError() throws Exception {
    primary.setDefault(Fault.cutAfterEvents(3)); // role chunk + "one" + " two"
    HttpResponse<String> r = gw.post(TestGateway.chatBody("chat", true));
    assertThat(r.statusCode()).isEqualTo(200);
    String body = sseBody(r.body());
    assertThat(body).contains("\"content\":\"one\"", "\"content\":\" two\"");
    assertThat(body).doesNotContain("[DONE]");
    String last = lastEvent(body);
    assertThat(last).startsWith("data: {\"error\":").contains("upstream_error");
    assertThat(secondary.requests()).as("no failover after commit").isZero();
  }

  @Test
  void cutAfterContent_theSdkSeesPartialContentThenAnError() {
    primary.setDefault(Fault.cutAfterEvents(3));
    List<String> seen = new ArrayList<>();
    ChatCompletionCreateParams p = ChatCompletionCreateParams.builder().model("chat")
        .addUserMessage("count").build();
    assertThatThrownBy(() -> {
      try (StreamResponse<ChatCompletionChunk> s = gw.openAi().chat().completions()
          .createStreaming(p)) {
        s.stream().forEach(ch -> {
          ch.validate();
          ch.choices().forEach(c -> c.delta().content().ifPresent(seen::add));
        });
      }
    }).isInstanceOf(OpenAIException.class).hasMessageContaining("upstream failed");
    assertThat(seen.stream().collect(Collectors.joining())).isEqualTo("one two");
  }

  @Test
  void errorEventAfterContent_endsWithTerminalErrorAndNoDone() throws Exception {
    primary.setDefault(Fault.errorEventAfterEvents(2));
    HttpResponse<String> r = gw.post(TestGateway.chatBody("chat", true));
    assertThat(r.body()).contains("\"content\":\"one\"").doesNotContain("[DONE]");
    assertThat(lastEvent(r.body())).startsWith("data: {\"error\":");
  }

  @Test
  void stallAfterContent_endsWithTerminalErrorWithinTheStallTimeout() throws Exception {
    primary.setDefault(Fault.stallAfterEvents(3));
    long start = System.nanoTime();
    HttpResponse<String> r = gw.post(TestGateway.chatBody("chat", true));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(lastEvent(r.body())).startsWith("data: {\"error\":").contains("stalled");
    assertThat(r.body()).doesNotContain("[DONE]");
    assertThat(tookMillis).isLessThan(700 + 2_000); // stall timeout is 700 ms here
    assertThat(primary.awaitAbortedByPeer(1, Duration.ofSeconds(5)))
        .as("the stalled upstream is closed").isTrue();
  }

  @Test
  void clientHangUpMidStreamClosesTheUpstreamConnection() throws Exception {
    primary.setDefault(Fault.drip(Duration.ofMillis(100)));
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(
            URI.create(gw.url() + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(TestGateway.chatBody("chat", true))).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    InputStream in = r.body();
    byte[] first = new byte[64];
    int n = in.read(first); // the stream has committed: content is flowing
    assertThat(n).isPositive();
    in.close(); // hang up
    assertThat(primary.awaitAbortedByPeer(1, Duration.ofSeconds(5)))
        .as("the gateway closed its upstream connection").isTrue();
    assertThat(secondary.requests()).isZero();
  }

  private static String lastEvent(String body) {
    String[] events = body.trim().split("\n\n");
    return events[events.length - 1];
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
