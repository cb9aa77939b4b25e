package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every answer-shaping and transport fault in the Anthropic and Gemini dialects, counted in their
 * own events: event 1 is {@code message_start} or the first chunk, then one per content token.
 */
class NativeDialectFaultTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  /** How long "nothing more arrives" is watched for; a bound, not a sleep. */
  private static final Duration QUIET = Duration.ofMillis(200);

  private static Vertx vertx;
  private final SimClient client = new SimClient();
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

  private SimulatedProvider start(Dialect d) {
    p = SimulatedProvider.builder("p").dialect(d).reply("one two three").vertx(vertx).start();
    return p;
  }

  private HttpRequest request(boolean stream) {
    return client.request(NativeWire.url(p, stream), NativeWire.body(p.dialect(), stream)).build();
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"ANTHROPIC", "GEMINI"})
  void healthyStreamEndsProperlyWithoutDone(Dialect d) {
    start(d);

    SimClient.Captured c = client.capture(request(true));

    assertThat(c.status()).isEqualTo(200);
    assertThat(c.headers().firstValue("content-type")).hasValue("text/event-stream");
    assertThat(c.error()).isNull();
    assertThat(NativeWire.text(d, c.body())).isEqualTo("one two three");
    assertThat(NativeWire.finished(d, c.body())).isTrue();
    assertThat(c.body()).doesNotContain("[DONE]");
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"ANTHROPIC", "GEMINI"})
  void resetClosesWithoutAResponse(Dialect d) {
    start(d);
    p.enqueue(Fault.resetConnection(), Fault.resetConnection());

    assertThat(client.failure(request(false))).isInstanceOf(IOException.class);
    assertThat(client.failure(request(true))).isInstanceOf(IOException.class);
    assertThat(p.requests()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"ANTHROPIC", "GEMINI"})
  void hangNeverAnswersUntilThePeerGivesUp(Dialect d) {
    start(d);
    p.enqueue(Fault.hangBeforeHeaders());
    HttpRequest impatient = client.request(NativeWire.url(p, true), NativeWire.body(d, true))
        .timeout(Duration.ofMillis(300)).build();

    assertThat(client.failure(impatient)).isInstanceOf(HttpTimeoutException.class);
    assertThat(p.awaitAbortedByPeer(1, WAIT)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"ANTHROPIC", "GEMINI"})
  void delayFirstEventHoldsTheFirstEventButNotTheHeaders(Dialect d) throws Exception {
    start(d);
    p.enqueue(Fault.delayFirstEvent(Duration.ofMillis(300)), Fault.delayFirstEvent(Duration.ofMillis(300)));

    long t0 = System.nanoTime();
    HttpResponse<InputStream> r = client.open(request(true));
    long headers = System.nanoTime();
    try (StreamWatcher w = new StreamWatcher(r.body())) {
      assertThat(w.await(b -> NativeWire.finished(d, b), WAIT)).isTrue();
      long done = System.nanoTime();
      assertThat(Duration.ofNanos(headers - t0)).isLessThan(Duration.ofMillis(300));
      assertThat(Duration.ofNanos(done - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(NativeWire.text(d, w.text())).isEqualTo("one two three");
    }

    long w0 = System.nanoTime();
    HttpResponse<String> whole = client.send(request(false));
    assertThat(Duration.ofNanos(System.nanoTime() - w0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(NativeWire.wholeText(d, whole.body())).isEqualTo("one two three");
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"ANTHROPIC", "GEMINI"})
  void stallSendsTwoEventsThenSilenceOnAnOpenConnection(Dialect d) throws Exception {
    start(d);
    p.enqueue(Fault.stallAfterEvents(2));

    HttpResponse<InputStream> r = client.open(request(true));
    try (StreamWatcher w = new StreamWatcher(r.body())) {
      // Event 1 carries no text; event 2 is the first token.
      assertThat(w.await(b -> NativeWire.text(d, b).equals("one"), WAIT)).isTrue();
      String soFar = w.text();
      assertThat(w.await(b -> !b.equals(soFar), QUIET)).isFalse();
      assertThat(w.ended()).isFalse();
      assertThat(p.connectionsClosed()).isZero();
    }
    assertThat(p.awaitAbortedByPeer(1, WAIT)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"ANTHROPIC", "GEMINI"})
  void stallOfAWholeAnswerPromisesABodyThatNeverComes(Dialect d) throws Exception {
    start(d);
    p.enqueue(Fault.stallAfterEvents(0));

    HttpResponse<InputStream> r = client.open(request(false));
    try (StreamWatcher w = new StreamWatcher(r.body())) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValueAsLong("content-length").orElseThrow()).isPositive();
      assertThat(w.await(b -> !b.isEmpty(), QUIET)).isFalse();
      assertThat(w.ended()).isFalse();
    }
    assertThat(p.awaitAbortedByPeer(1, WAIT)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"ANTHROPIC", "GEMINI"})
  void cutAfterThreeEventsDeliversTwoTokensThenBreaks(Dialect d) {
    start(d);
    p.enqueue(Fault.cutAfterEvents(3), Fault.cutAfterEvents(3));

    SimClient.Captured c = client.capture(request(true));

    assertThat(NativeWire.text(d, c.body())).isEqualTo("one two");
    assertThat(NativeWire.finished(d, c.body())).isFalse();
    assertThat(c.body()).isEqualTo(NativeWire.completeEvents(d, c.body()));
    assertThat(c.error()).isNotNull();

    SimClient.Captured whole = client.capture(request(false));
    assertThat(whole.error()).isNotNull();
    assertThat(Json.readOrNull(whole.body())).isNull();
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"ANTHROPIC", "GEMINI"})
  void errorEventEndsTheStreamInTheDialectsShape(Dialect d) {
    start(d);
    p.enqueue(Fault.errorEventAfterEvents(2), Fault.errorEventAfterEvents(2));

    SimClient.Captured c = client.capture(request(true));

    assertThat(c.status()).isEqualTo(200);
    assertThat(NativeWire.text(d, c.body())).isEqualTo("one");
    if (d == Dialect.ANTHROPIC) {
      assertThat(c.body()).endsWith("event: error\ndata: "
          + "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
    } else {
      java.util.List<String> chunks = Frames.geminiSse(c.body());
      var error = SimClient.json(chunks.get(chunks.size() - 1)).path("error");
      assertThat(error.path("code").asInt()).isEqualTo(500);
      assertThat(error.path("status").asText()).isEqualTo("INTERNAL");
    }
    assertThat(p.awaitConnectionsClosed(1, WAIT)).isTrue();

    HttpResponse<String> whole = client.send(request(false));
    assertThat(whole.statusCode()).isEqualTo(500);
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"ANTHROPIC", "GEMINI"})
  void dripSpacesEveryEventAfterTheFirst(Dialect d) {
    start(d);
    p.enqueue(Fault.drip(Duration.ofMillis(40)), Fault.drip(Duration.ofMillis(40)));

    long t0 = System.nanoTime();
    SimClient.Captured c = client.capture(request(true));
    Duration streamed = Duration.ofNanos(System.nanoTime() - t0);
    long w0 = System.nanoTime();
    HttpResponse<String> whole = client.send(request(false));
    Duration waited = Duration.ofNanos(System.nanoTime() - w0);

    assertThat(NativeWire.text(d, c.body())).isEqualTo("one two three");
    // At least the three token events follow a gap each.
    assertThat(streamed).isGreaterThanOrEqualTo(Duration.ofMillis(120));
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(120));
    assertThat(NativeWire.wholeText(d, whole.body())).isEqualTo("one two three");
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"ANTHROPIC", "GEMINI"})
  void emptyAnswerIsAProperAnswerWithNoText(Dialect d) {
    start(d);
    p.enqueue(Fault.emptyAnswer(), Fault.emptyAnswer());

    SimClient.Captured c = client.capture(request(true));
    HttpResponse<String> whole = client.send(request(false));

    assertThat(NativeWire.finished(d, c.body())).isTrue();
    assertThat(NativeWire.text(d, c.body())).isEmpty();
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(NativeWire.wholeText(d, whole.body())).isEmpty();
    if (d == Dialect.ANTHROPIC) {
      assertThat(Frames.names(c.body())).containsExactly("message_start", "content_block_start", "ping",
          "content_block_stop", "message_delta", "message_stop");
      assertThat(SimClient.json(whole.body()).path("usage").path("output_tokens").asInt()).isZero();
    } else {
      assertThat(Frames.geminiSse(c.body())).hasSize(2);
      assertThat(SimClient.json(whole.body()).path("usageMetadata").path("candidatesTokenCount").asInt()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"ANTHROPIC", "GEMINI"})
  void malformedBodyIsCutOffJson(Dialect d) {
    start(d);
    p.enqueue(Fault.malformedBody(), Fault.malformedBody());

    SimClient.Captured c = client.capture(request(true));
    HttpResponse<String> whole = client.send(request(false));

    if (d == Dialect.ANTHROPIC) {
      assertThat(c.body()).isEqualTo("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\n\n");
    } else {
      assertThat(c.body()).isEqualTo("data: {\"candidates\":[{\r\n\r\n");
    }
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(Json.readOrNull(whole.body())).isNull();
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"ANTHROPIC", "GEMINI"})
  void emptyBodyIs200WithNothingInIt(Dialect d) {
    start(d);
    p.enqueue(Fault.emptyBody(), Fault.emptyBody());

    SimClient.Captured c = client.capture(request(true));
    HttpResponse<String> whole = client.send(request(false));

    assertThat(c.status()).isEqualTo(200);
    assertThat(c.headers().firstValue("content-type")).hasValue("text/event-stream");
    assertThat(c.body()).isEmpty();
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.headers().firstValue("content-length")).hasValue("0");
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"ANTHROPIC", "GEMINI"})
  void refuseClosesThePortUntilTheDefaultChanges(Dialect d) {
    start(d);
    p.setDefault(Fault.refuse());

    assertThat(p.refusingConnections()).isTrue();
    assertThat(client.failure(request(false))).isInstanceOf(ConnectException.class);

    p.setDefault(Fault.none());
    assertThat(client.send(request(false)).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"ANTHROPIC", "GEMINI"})
  void extraHeadersAndDelaysApplyToEveryKind(Dialect d) {
    start(d);
    p.enqueue(Fault.status(503).withHeader("x-should-retry", "false").withDelay(Duration.ofMillis(100)),
        Fault.none().withHeader("x-sim", "yes"));

    long t0 = System.nanoTime();
    HttpResponse<String> error = client.send(request(false));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    HttpResponse<String> ok = client.send(request(true));

    assertThat(error.statusCode()).isEqualTo(503);
    assertThat(error.headers().firstValue("x-should-retry")).hasValue("false");
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    assertThat(ok.headers().firstValue("x-sim")).hasValue("yes");
  }
}
