package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The faults outage drills need beyond the basic ones: answers checkable by their content, wrong
 * answers with HTTP 200, every key rejected, latency that climbs across a window, and a refusal
 * that lets answers in progress finish.
 */
class DegradationFaultTest {
  private static final String CHECK = AnswerCheck.word("7f3a9c12");
  private static Vertx vertx;
  private final SimClient client = new SimClient();
  private final AtomicLong nanos = new AtomicLong(Duration.ofHours(1).toNanos());
  private SimulatedProvider p;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @AfterEach
  void closeProvider() {
    if (p != null) {
      p.close();
    }
  }

  private static String ask(Dialect d, boolean stream) {
    String prompt = "Please answer. " + CHECK;
    if (d == Dialect.ANTHROPIC) {
      return "{\"model\":\"claude-sim\",\"max_tokens\":100,\"stream\":" + stream
          + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    }
    if (d == Dialect.GEMINI) {
      return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + prompt + "\"}]}]}";
    }
    return "{\"model\":\"m\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
        + "\"}]}";
  }

  private static String url(SimulatedProvider p, boolean stream) {
    return p.dialect() == Dialect.OPENAI ? SimClient.chatUrl(p) : NativeWire.url(p, stream);
  }

  private static String text(Dialect d, boolean stream, String body) {
    if (d == Dialect.OPENAI) {
      return stream ? SimClient.streamedText(body)
          : SimClient.json(body).path("choices").path(0).path("message").path("content").asText();
    }
    return stream ? NativeWire.text(d, body) : NativeWire.wholeText(d, body);
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"OPENAI", "ANTHROPIC", "GEMINI"})
  void aHealthyAnswerEndsWithThePromptsCheckWordAndAWrongOneDoesNot(Dialect d) {
    p = SimulatedProvider.builder("p").dialect(d).vertx(vertx).start();
    for (boolean stream : new boolean[] {false, true}) {
      HttpResponse<String> ok = client.post(url(p, stream), ask(d, stream));
      assertThat(text(d, stream, ok.body())).isEqualTo("Hello from p. " + CHECK);
      assertThat(ok.headers().firstValue("x-simulator-degraded")).isEmpty();

      p.enqueue(Fault.wrongAnswer());
      HttpResponse<String> wrong = client.post(url(p, stream), ask(d, stream));
      assertThat(wrong.statusCode()).isEqualTo(200);
      assertThat(text(d, stream, wrong.body())).isEqualTo(Fault.STALE_ANSWER);
      assertThat(AnswerCheck.carries(text(d, stream, wrong.body()), CHECK)).isFalse();
      assertThat(wrong.headers().firstValue("x-simulator-degraded")).contains("wrong-answer");
    }
    assertThat(p.degradedAnswers()).isEqualTo(2);
  }

  @Test
  void emptyAnswersAreMarkedDegradedToo() {
    p = SimulatedProvider.builder("p").vertx(vertx).start();
    p.enqueue(Fault.emptyAnswer());

    HttpResponse<String> r = client.post(SimClient.chatUrl(p), ask(Dialect.OPENAI, false));

    assertThat(r.headers().firstValue("x-simulator-degraded")).contains("empty-answer");
    assertThat(p.degradedAnswers()).isEqualTo(1);
  }

  @Test
  void aPromptWithoutACheckWordGetsThePlainReply() {
    p = SimulatedProvider.builder("p").vertx(vertx).start();

    assertThat(SimClient.json(client.chat(p, false).body()).path("choices").path(0).path("message")
        .path("content").asText()).isEqualTo("Hello from p.");
  }

  @Test
  void checkWordsAreWholeWords() {
    assertThat(AnswerCheck.carries("ok " + CHECK, CHECK)).isTrue();
    assertThat(AnswerCheck.carries("ok " + CHECK + "0", CHECK)).isFalse();
    assertThat(AnswerCheck.carries("ok x" + CHECK, CHECK)).isFalse();
    assertThat(AnswerCheck.find("say " + CHECK + ".")).contains(CHECK);
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"OPENAI", "ANTHROPIC", "GEMINI", "VLLM", "LLAMA_CPP"})
  void badKeyRejectsEveryKeyTheWayTheDialectRejectsABadOne(Dialect d) {
    p = SimulatedProvider.builder("p").dialect(d).validKeys("sk-good").vertx(vertx).start();
    p.setDefault(Fault.badKey());
    String[] good = d == Dialect.ANTHROPIC ? new String[] {"x-api-key", "sk-good"}
        : d == Dialect.GEMINI ? new String[] {"x-goog-api-key", "sk-good"}
        : new String[] {"Authorization", "Bearer sk-good"};
    String url = d == Dialect.ANTHROPIC || d == Dialect.GEMINI ? NativeWire.url(p, false) : SimClient.chatUrl(p);
    String body = ask(d == Dialect.ANTHROPIC || d == Dialect.GEMINI ? d : Dialect.OPENAI, false);

    HttpResponse<String> r = client.post(url, body, good);

    assertThat(r.statusCode()).isEqualTo(d == Dialect.GEMINI ? 400 : 401);
    if (d == Dialect.GEMINI) {
      assertThat(r.body()).contains("API_KEY_INVALID");
    }
    p.setDefault(Fault.none());
    assertThat(client.post(url, body, good).statusCode()).isEqualTo(200);
  }

  @Test
  void aSlowRampClimbsAcrossItsWindow() {
    p = SimulatedProvider.builder("p").clock(nanos::get).vertx(vertx).start();
    p.schedule(FaultSchedule.builder()
        .between(Duration.ZERO, Duration.ofSeconds(10),
            Fault.slow(Latency.ramp(Duration.ZERO, Duration.ofMillis(2000))))
        .build());

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    long early = timed(() -> client.chat(p, false));
    nanos.addAndGet(Duration.ofSeconds(8).toNanos());
    long late = timed(() -> client.chat(p, true));

    assertThat(early).as("10%% into the ramp: about 200 ms").isBetween(150L, 1200L);
    assertThat(late).as("90%% into the ramp: about 1.8 s").isBetween(1750L, 4000L);
  }

  @Test
  void aProvidersOwnLatencyCanBeASpread() {
    p = SimulatedProvider.builder("p")
        .latency(Latency.logNormal(Duration.ofMillis(50), Duration.ofMillis(50)))
        .vertx(vertx).start();

    assertThat(timed(() -> client.chat(p, false))).isBetween(45L, 2000L);
  }

  @Test
  void aDrainingRefusalLetsTheStreamInProgressFinishAndRefusesNewConnections() throws Exception {
    p = SimulatedProvider.builder("p").tokenInterval(Duration.ofMillis(150)).clock(nanos::get).vertx(vertx).start();
    p.schedule(FaultSchedule.builder()
        .from(Duration.ofSeconds(10), Fault.refuseLettingAnswersFinish())
        .build());
    HttpResponse<java.io.InputStream> response = client.sendAsync(
        client.request(SimClient.chatUrl(p), SimClient.chatBody("m", true)).build(),
        HttpResponse.BodyHandlers.ofInputStream()).get(SimClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    try (StreamWatcher stream = new StreamWatcher(response.body())) {
      // The first event shows the request has its (healthy) fault before the clock moves on.
      assertThat(stream.await(t -> t.contains("\"role\""), SimClient.TIMEOUT)).isTrue();

      nanos.addAndGet(Duration.ofSeconds(11).toNanos());
      p.applyScheduleNow();

      assertThat(p.refusingConnections()).isTrue();
      assertThat(client.failure(client.request(SimClient.chatUrl(p), SimClient.chatBody("m", false)).build()))
          .isInstanceOf(ConnectException.class);
      assertThat(stream.await(t -> t.endsWith("data: [DONE]\n\n"), SimClient.TIMEOUT)).isTrue();
      assertThat(SimClient.streamedText(stream.text())).isEqualTo("Hello from p.");
    }
    assertThat(p.awaitConnectionsClosed(1, SimClient.TIMEOUT)).isTrue();
  }

  private static long timed(Runnable call) {
    long start = System.nanoTime();
    call.run();
    return (System.nanoTime() - start) / 1_000_000;
  }
}
