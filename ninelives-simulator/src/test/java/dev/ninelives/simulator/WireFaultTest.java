package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Faults that break the connection or the stream, and the counters that see them. */
class WireFaultTest {
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

  private SimulatedProvider start(Dialect dialect, String reply) {
    p = SimulatedProvider.builder("p").dialect(dialect).reply(reply).vertx(vertx).start();
    return p;
  }

  private HttpRequest streamRequest() {
    return client.request(SimClient.chatUrl(p), SimClient.chatBody("m", true)).build();
  }

  private HttpRequest wholeRequest() {
    return client.request(SimClient.chatUrl(p), SimClient.chatBody("m", false)).build();
  }

  private static String content(String event) {
    return SimClient.json(event).path("choices").path(0).path("delta").path("content").asText(null);
  }

  @Test
  void resetClosesTheConnectionWithoutAnyResponse() {
    start(Dialect.OPENAI, "a b c");
    p.enqueue(Fault.resetConnection());

    assertThat(client.failure(wholeRequest())).isInstanceOf(IOException.class);
    assertThat(p.awaitConnectionsClosed(1, WAIT)).isTrue();
    assertThat(p.requests()).isEqualTo(1);
    assertThat(p.abortedByPeer()).isZero();
    assertThat(client.chat(p, false).statusCode()).isEqualTo(200);
  }

  @Test
  void hangNeverAnswersAndTheClientsGivingUpCountsAsAbortedByPeer() {
    start(Dialect.OPENAI, "a b c");
    p.enqueue(Fault.hangBeforeHeaders());
    HttpRequest impatient = client.request(SimClient.chatUrl(p), SimClient.chatBody("m", false))
        .timeout(Duration.ofMillis(300))
        .build();

    assertThat(client.failure(impatient)).isInstanceOf(HttpTimeoutException.class);
    assertThat(p.awaitAbortedByPeer(1, WAIT)).isTrue();
    assertThat(p.abortedByPeer()).isEqualTo(1);
    assertThat(p.requests()).isEqualTo(1);
  }

  @Test
  void cancellingAHangingRequestCountsAsAbortedByPeer() {
    start(Dialect.OPENAI, "a b c");
    p.enqueue(Fault.hangBeforeHeaders());

    CompletableFuture<HttpResponse<String>> call = client.sendAsync(wholeRequest(), HttpResponse.BodyHandlers.ofString());
    assertThat(p.awaitRequests(1, WAIT)).isTrue();
    call.cancel(true);

    assertThat(p.awaitAbortedByPeer(1, WAIT)).isTrue();
  }

  @Test
  void stallSendsNEventsThenGoesSilentWithTheConnectionOpen() throws Exception {
    start(Dialect.OPENAI, "one two three");
    p.enqueue(Fault.stallAfterEvents(2));

    HttpResponse<InputStream> r = client.open(streamRequest());
    try (SseReader sse = new SseReader(r.body())) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(content(sse.next(WAIT))).isEmpty(); // role chunk
      assertThat(content(sse.next(WAIT))).isEqualTo("one");
      CompletableFuture<String> third = sse.nextAsync();
      assertThatThrownBy(() -> third.get(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
      assertThat(p.connectionsClosed()).isZero();
    }
    assertThat(p.awaitAbortedByPeer(1, WAIT)).isTrue();
  }

  @Test
  void stallAfterZeroEventsSendsOnlyHeaders() throws Exception {
    start(Dialect.AZURE, "one two");
    p.enqueue(Fault.stallAfterEvents(0));

    HttpResponse<InputStream> r = client.open(streamRequest());
    try (SseReader sse = new SseReader(r.body())) {
      assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
      CompletableFuture<String> first = sse.nextAsync();
      assertThatThrownBy(() -> first.get(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
    }
    assertThat(p.awaitAbortedByPeer(1, WAIT)).isTrue();
  }

  @Test
  void stallOnAWholeAnswerSendsHeadersAndNoBody() throws Exception {
    start(Dialect.OPENAI, "one two");
    p.enqueue(Fault.stallAfterEvents(1));

    HttpResponse<InputStream> r = client.open(wholeRequest());
    try (InputStream body = r.body()) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValueAsLong("content-length").orElseThrow()).isPositive();
      CompletableFuture<Integer> firstByte = CompletableFuture.supplyAsync(() -> {
        try {
          return body.read();
        } catch (IOException e) {
          return -2;
        }
      });
      assertThatThrownBy(() -> firstByte.get(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
    }
    assertThat(p.awaitAbortedByPeer(1, WAIT)).isTrue();
  }

  @Test
  void cutAfterThreeEventsDeliversTwoTokensThenBreaksWithoutDone() {
    start(Dialect.OPENAI, "one two three four");
    p.enqueue(Fault.cutAfterEvents(3));

    SimClient.Captured r = client.capture(streamRequest());

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.error()).isInstanceOf(IOException.class);
    List<String> data = SimClient.sseData(r.body());
    assertThat(data).hasSize(3).doesNotContain("[DONE]");
    assertThat(data.subList(1, 3)).extracting(WireFaultTest::content).containsExactly("one", " two");
    assertThat(p.awaitConnectionsClosed(1, WAIT)).isTrue();
    assertThat(p.abortedByPeer()).isZero();
  }

  @Test
  void cutAfterOneEventStopsAfterTheRoleChunk() {
    start(Dialect.AZURE, "one two");
    p.enqueue(Fault.cutAfterEvents(1));

    SimClient.Captured r = client.capture(streamRequest());

    List<JsonNode> events = SimClient.events(r.body());
    assertThat(r.error()).isNotNull();
    assertThat(events).hasSize(2); // Azure's prompt-filter chunk rides along with event 1
    assertThat(events.get(1).path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
  }

  @Test
  void cutBeyondTheLastEventSendsEverythingButDone() {
    start(Dialect.OPENAI, "one");
    p.enqueue(Fault.cutAfterEvents(100));

    SimClient.Captured r = client.capture(streamRequest());

    assertThat(r.error()).isNotNull();
    assertThat(SimClient.sseData(r.body())).hasSize(3).doesNotContain("[DONE]");
  }

  @Test
  void cutOnAWholeAnswerSendsHalfTheBodyThenCloses() {
    start(Dialect.OPENAI, "one two three");
    p.enqueue(Fault.cutAfterEvents(2));

    SimClient.Captured r = client.capture(wholeRequest());

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.error()).isInstanceOf(IOException.class);
    long declared = r.headers().firstValueAsLong("content-length").orElseThrow();
    assertThat(r.body()).startsWith("{\"id\":").hasSizeLessThan((int) declared);
    assertThat(p.awaitConnectionsClosed(1, WAIT)).isTrue();
  }

  @Test
  void errorEventFollowsNEventsInOpenAiShapeThenTheStreamEnds() {
    start(Dialect.OPENAI, "one two three");
    p.enqueue(Fault.errorEventAfterEvents(2));

    HttpResponse<String> r = client.chat(p, true);

    List<String> data = SimClient.sseData(r.body());
    assertThat(data).hasSize(3).doesNotContain("[DONE]");
    assertThat(content(data.get(1))).isEqualTo("one");
    JsonNode error = SimClient.json(data.get(2)).path("error");
    assertThat(error.path("type").asText()).isEqualTo("server_error");
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(error.has("param")).isTrue();
    assertThat(p.awaitConnectionsClosed(1, WAIT)).isTrue();
    assertThat(p.abortedByPeer()).isZero();
  }

  @Test
  void vllmErrorEventIsFollowedByDone() {
    start(Dialect.VLLM, "one two three");
    p.enqueue(Fault.errorEventAfterEvents(1));

    List<String> data = SimClient.sseData(client.chat(p, true).body());

    assertThat(data).hasSize(3).last().isEqualTo("[DONE]");
    JsonNode error = SimClient.json(data.get(1)).path("error");
    assertThat(error.path("type").asText()).isEqualTo("InternalServerError");
    assertThat(error.path("code").asInt()).isEqualTo(500);
  }

  @Test
  void errorEventOnAWholeAnswerIsA500() {
    start(Dialect.OPENAI, "one");
    p.enqueue(Fault.errorEventAfterEvents(1));

    HttpResponse<String> r = client.chat(p, false);

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(SimClient.json(r.body()).path("error").path("type").asText()).isEqualTo("server_error");
  }

  @Test
  void dripSpacesEveryEventAndCancellingMidStreamCountsAsAborted() throws Exception {
    start(Dialect.OPENAI, "one two three");
    p.enqueue(Fault.drip(Duration.ofMillis(60)));

    long start = System.nanoTime();
    HttpResponse<InputStream> r = client.open(streamRequest());
    try (SseReader sse = new SseReader(r.body())) {
      sse.next(WAIT); // role, at once
      sse.next(WAIT); // "one", one gap later
      sse.next(WAIT); // " two", two gaps later
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
    }
    assertThat(p.awaitAbortedByPeer(1, WAIT)).isTrue();
  }

  @Test
  void tokenIntervalSpacesEventsOfAHealthyStream() {
    p = SimulatedProvider.builder("p").reply("a b c").tokenInterval(Duration.ofMillis(30)).vertx(vertx).start();
    long start = System.nanoTime();

    HttpResponse<String> r = client.chat(p, true);

    // role, a, b, c, finish, [DONE]: five gaps.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(SimClient.streamedText(r.body())).isEqualTo("a b c");
  }

  @Test
  void delayFirstEventSendsHeadersAtOnceAndTheFirstEventLater() throws Exception {
    start(Dialect.OPENAI, "one");
    p.enqueue(Fault.delayFirstEvent(Duration.ofMillis(400)));

    long start = System.nanoTime();
    HttpResponse<InputStream> r = client.open(streamRequest());
    Duration headers = Duration.ofNanos(System.nanoTime() - start);
    try (SseReader sse = new SseReader(r.body())) {
      sse.next(WAIT);
      Duration first = Duration.ofNanos(System.nanoTime() - start);

      assertThat(headers).isLessThan(Duration.ofMillis(400));
      assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(400));
      assertThat(sse.drain(WAIT).events()).last().isEqualTo("[DONE]");
    }
  }

  @Test
  void delayFirstEventDelaysAWholeAnswer() {
    start(Dialect.OPENAI, "one");
    p.enqueue(Fault.delayFirstEvent(Duration.ofMillis(200)));
    long start = System.nanoTime();

    assertThat(client.chat(p, false).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void emptyAnswerHasEmptyContentWholeAndStreamed() {
    start(Dialect.OPENAI, "one two");
    p.enqueue(Fault.emptyAnswer(), Fault.emptyAnswer());

    JsonNode whole = SimClient.json(client.chat(p, false).body());
    HttpResponse<String> streamed = client.post(SimClient.chatUrl(p), SimClient.streamWithUsage("m"));

    assertThat(whole.path("choices").get(0).path("message").path("content").asText()).isEmpty();
    assertThat(whole.path("usage").path("completion_tokens").asInt()).isZero();
    List<String> data = SimClient.sseData(streamed.body());
    assertThat(data).hasSize(4).last().isEqualTo("[DONE]");
    assertThat(SimClient.json(data.get(0)).path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
    assertThat(SimClient.json(data.get(1)).path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    assertThat(SimClient.json(data.get(2)).path("usage").path("completion_tokens").asInt()).isZero();
  }

  @Test
  void malformedBodyIsBrokenJsonWholeAndStreamed() {
    start(Dialect.OPENAI, "one two");
    p.enqueue(Fault.malformedBody(), Fault.malformedBody());

    HttpResponse<String> whole = client.chat(p, false);
    HttpResponse<String> streamed = client.chat(p, true);

    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).startsWith("{\"id\":");
    assertThatThrownBy(() -> SimClient.JSON.readTree(whole.body())).isInstanceOf(IOException.class);
    assertThat(SimClient.sseData(streamed.body())).containsExactly("{\"choices\":[{", "[DONE]");
  }

  @Test
  void emptyBodyIsA200WithNothingInIt() {
    start(Dialect.OPENAI, "one two");
    p.enqueue(Fault.emptyBody(), Fault.emptyBody());

    HttpResponse<String> whole = client.chat(p, false);
    HttpResponse<String> streamed = client.chat(p, true);

    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEmpty();
    assertThat(whole.headers().firstValue("content-length")).hasValue("0");
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.headers().firstValue("content-type")).hasValue("text/event-stream");
    assertThat(streamed.body()).isEmpty();
  }

  @Test
  void keepAliveReusesOneConnectionAndCountsItOnce() {
    start(Dialect.OPENAI, "one");

    client.chat(p, false);
    client.chat(p, true);
    client.chat(p, false);

    assertThat(p.connectionsOpened()).isEqualTo(1);
    assertThat(p.connectionsClosed()).isZero();
    assertThat(p.requests()).isEqualTo(3);
  }

  @Test
  void faultsApplyInQueueOrderThenTheProviderIsHealthyAgain() {
    start(Dialect.OPENAI, "one");
    p.enqueue(Fault.status(500), Fault.status(502));

    assertThat(client.chat(p, false).statusCode()).isEqualTo(500);
    assertThat(client.chat(p, false).statusCode()).isEqualTo(502);
    assertThat(client.chat(p, false).statusCode()).isEqualTo(200);
  }
}
