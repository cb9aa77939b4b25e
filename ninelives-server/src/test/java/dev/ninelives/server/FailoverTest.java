package dev.ninelives.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.ninelives.core.breaker.BreakerState;
import dev.ninelives.core.config.TargetRef;
import dev.ninelives.core.time.ManualClock;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.SimulatedProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A failing primary: the client keeps getting complete answers from the next target. */
class FailoverTest {
  private SimulatedProvider primary;
  private SimulatedProvider secondary;
  private TestGateway gw;

  @BeforeEach
  void start() {
    primary = SimulatedProvider.builder("primary").reply("Hello from primary.").start();
    secondary = SimulatedProvider.builder("secondary").reply("Hello from secondary.")
        .latency(Duration.ofMillis(5)).start();
  }

  @AfterEach
  void stop() {
    if (gw != null) {
      gw.close();
    }
    primary.close();
    secondary.close();
  }

  private TestGateway gateway(ManualClock clock) {
    TestGateway.Builder b = TestGateway.builder()
        .provider(primary, "sk-p")
        .provider(secondary, "sk-s")
        .route("chat", "primary/m1", "secondary/m2");
    if (clock != null) {
      b.clock(clock);
    }
    return b.start();
  }

  private static ChatCompletionCreateParams params() {
    return ChatCompletionCreateParams.builder().model("chat").addUserMessage("Say hello").build();
  }

  private String streamText() {
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> s = gw.openAi().chat().completions()
        .createStreaming(params())) {
      s.stream().forEach(ch -> {
        ch.validate();
        chunks.add(ch);
      });
    }
    return chunks.stream().flatMap(c -> c.choices().stream())
        .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
  }

  @Test
  void primaryReturning503EveryTime_allRequestsSucceed_breakerOpens_thenOnlyTrialCalls() {
    ManualClock clock = new ManualClock();
    gw = gateway(clock);
    primary.setDefault(Fault.status(503));
    int served = 0;
    for (int i = 0; i < 200; i++) {
      HttpResponseFor<ChatCompletion> raw =
          gw.openAi().chat().completions().withRawResponse().create(params());
      ChatCompletion c = raw.parse();
      c.validate();
      assertThat(c.choices().get(0).message().content()).hasValue("Hello from secondary.");
      assertThat(raw.headers().values("x-ninelives-target")).containsExactly("secondary/m2");
      served++;
    }
    assertThat(served).isEqualTo(200);
    var breaker = gw.gateway().engine().registry().target(TargetRef.of("primary", "m1"))
        .breaker();
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    // Opened after the minimum of 10 calls (first attempts and their budgeted retries).
    int callsWhenOpen = primary.requests();
    assertThat(callsWhenOpen).isBetween(10, 20);

    for (int i = 0; i < 50; i++) {
      gw.openAi().chat().completions().create(params()).validate();
    }
    assertThat(primary.requests()).as("no calls while open").isEqualTo(callsWhenOpen);

    clock.advance(Duration.ofSeconds(30));
    gw.openAi().chat().completions().create(params()).validate();
    assertThat(primary.requests()).as("exactly one half-open trial").isEqualTo(callsWhenOpen + 1);
    assertThat(breaker.state()).as("the failed trial reopens it").isEqualTo(BreakerState.OPEN);

    primary.setDefault(Fault.none());
    clock.advance(Duration.ofSeconds(30));
    HttpResponseFor<ChatCompletion> back =
        gw.openAi().chat().completions().withRawResponse().create(params());
    assertThat(back.headers().values("x-ninelives-target")).containsExactly("primary/m1");
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
  }

  static Stream<Arguments> faultsBeforeContent() {
    return Stream.of(
        Arguments.of("refuses connections", null),
        Arguments.of("hangs before headers", Fault.hangBeforeHeaders()),
        Arguments.of("stalls before the first event", Fault.stallAfterEvents(0)),
        Arguments.of("stalls after the role chunk", Fault.stallAfterEvents(1)),
        Arguments.of("cuts the stream before content", Fault.cutAfterEvents(1)),
        Arguments.of("resets the connection", Fault.resetConnection()),
        Arguments.of("sends an error event first", Fault.errorEventAfterEvents(1)),
        Arguments.of("sends an empty answer", Fault.emptyAnswer()),
        Arguments.of("sends malformed events", Fault.malformedBody()));
  }

  @ParameterizedTest(name = "streaming: primary {0}")
  @MethodSource("faultsBeforeContent")
  void streamingFailureBeforeContentFailsOverInvisibly(String name, Fault fault) {
    gw = gateway(null);
    if (fault == null) {
      primary.refuseConnections(true);
    } else {
      primary.setDefault(fault);
    }
    long start = System.nanoTime();
    assertThat(streamText()).isEqualTo("Hello from secondary.");
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    // first_token is 700 ms in the test policy; allow the secondary's latency and CI jitter.
    assertThat(tookMillis).isLessThan(700 + 2_000);
  }

  @ParameterizedTest(name = "non-streaming: primary {0}")
  @MethodSource("faultsBeforeContent")
  void nonStreamingFailureFailsOver(String name, Fault fault) {
    gw = gateway(null);
    if (fault == null) {
      primary.refuseConnections(true);
    } else {
      primary.setDefault(fault);
    }
    HttpResponseFor<ChatCompletion> raw =
        gw.openAi().chat().completions().withRawResponse().create(params());
    raw.parse().validate();
    assertThat(raw.parse().choices().get(0).message().content()).hasValue("Hello from secondary.");
    assertThat(raw.headers().values("x-ninelives-target")).containsExactly("secondary/m2");
  }

  @Test
  void everyTargetDown_503ListsEachAttemptWithRetryAdvice() throws Exception {
    gw = gateway(null);
    primary.setDefault(Fault.status(503));
    secondary.refuseConnections(true);
    var r = gw.post(TestGateway.chatBody("chat", false));
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("x-should-retry")).hasValue("true");
    assertThat(r.headers().firstValue("x-ninelives-attempts")).isPresent();
    assertThat(r.body())
        .contains("\"code\":\"all_targets_failed\"")
        .contains("\"target\":\"primary/m1\"", "\"outcome\":\"server-error\"", "\"status\":503")
        .contains("\"target\":\"secondary/m2\"", "\"outcome\":\"connect-failure\"")
        .doesNotContain("sk-p", "sk-s");
  }
}
