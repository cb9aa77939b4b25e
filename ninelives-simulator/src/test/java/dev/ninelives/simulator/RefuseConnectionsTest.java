package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Closing the port for real, by hand, by default fault and by schedule, and opening it again. */
class RefuseConnectionsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
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

  private HttpRequest chat(int port) {
    return client.request("http://127.0.0.1:" + port + "/v1/chat/completions", SimClient.chatBody("m", false)).build();
  }

  @Test
  void refusingClosesTheSocketAndListeningAgainReusesThePort() {
    p = SimulatedProvider.builder("p").vertx(vertx).start();
    int port = p.port();

    p.refuseConnections(true);
    assertThat(p.refusingConnections()).isTrue();
    assertThat(client.failure(chat(port))).isInstanceOf(ConnectException.class);
    assertThat(p.port()).isEqualTo(port);

    p.refuseConnections(false);
    assertThat(p.refusingConnections()).isFalse();
    assertThat(client.send(chat(port)).statusCode()).isEqualTo(200);
    assertThat(p.port()).isEqualTo(port);
    assertThat(p.requests()).isEqualTo(1);
  }

  @Test
  void refusingDropsKeptAliveConnectionsWithoutCountingThemAsAborts() {
    p = SimulatedProvider.builder("p").vertx(vertx).start();
    assertThat(client.chat(p, false).statusCode()).isEqualTo(200);
    assertThat(p.connectionsOpened()).isEqualTo(1);

    p.refuseConnections(true);

    assertThat(p.awaitConnectionsClosed(1, WAIT)).isTrue();
    assertThat(p.abortedByPeer()).isZero();
    assertThat(client.failure(chat(p.port()))).isInstanceOf(ConnectException.class);
  }

  @Test
  void refusingDropsAHangingExchangeAsTheSimulatorsOwnClose() {
    p = SimulatedProvider.builder("p").vertx(vertx).start();
    p.enqueue(Fault.hangBeforeHeaders());
    var call = client.sendAsync(chat(p.port()), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(p.awaitRequests(1, WAIT)).isTrue();

    p.refuseConnections(true);

    assertThatThrownBy(() -> call.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
        .hasCauseInstanceOf(java.io.IOException.class);
    assertThat(p.awaitConnectionsClosed(1, WAIT)).isTrue();
    assertThat(p.abortedByPeer()).isZero();
  }

  @Test
  void refuseAsTheDefaultClosesThePortUntilTheDefaultChanges() {
    p = SimulatedProvider.builder("p").vertx(vertx).start();

    p.setDefault(Fault.refuse());
    assertThat(client.failure(chat(p.port()))).isInstanceOf(ConnectException.class);

    p.setDefault(Fault.none());
    assertThat(client.send(chat(p.port())).statusCode()).isEqualTo(200);
  }

  @Test
  void manualRefusalHoldsEvenWhenTheDefaultIsHealthy() {
    p = SimulatedProvider.builder("p").vertx(vertx).start();
    p.refuseConnections(true);

    p.setDefault(Fault.none());

    assertThat(p.refusingConnections()).isTrue();
  }

  @Test
  void aProviderCanStartRefusing() {
    p = SimulatedProvider.builder("p").defaultFault(Fault.refuse()).vertx(vertx).start();

    assertThat(p.port()).isPositive();
    assertThat(client.failure(chat(p.port()))).isInstanceOf(ConnectException.class);
  }

  @Test
  void aScheduledRefuseWindowClosesAndReopensThePortWithTheInjectedClock() {
    AtomicLong nanos = new AtomicLong();
    p = SimulatedProvider.builder("p").clock(nanos::get).vertx(vertx)
        .schedule(FaultSchedule.builder()
            .between(Duration.ofSeconds(10), Duration.ofSeconds(20), Fault.refuse())
            .build())
        .start();
    assertThat(client.send(chat(p.port())).statusCode()).isEqualTo(200);

    nanos.set(Duration.ofSeconds(10).toNanos());
    p.applyScheduleNow();
    assertThat(p.refusingConnections()).isTrue();
    assertThat(client.failure(chat(p.port()))).isInstanceOf(ConnectException.class);

    nanos.set(Duration.ofSeconds(20).toNanos());
    p.applyScheduleNow();
    assertThat(client.send(chat(p.port())).statusCode()).isEqualTo(200);
  }

  @Test
  void theProviderWatchesTheClockForRefuseWindowsByItself() {
    AtomicLong nanos = new AtomicLong();
    p = SimulatedProvider.builder("p").clock(nanos::get).vertx(vertx)
        .schedule(FaultSchedule.builder().from(Duration.ofSeconds(5), Fault.refuse()).build())
        .start();
    assertThat(client.chat(p, false).statusCode()).isEqualTo(200);

    nanos.set(Duration.ofSeconds(5).toNanos());

    // The periodic check closes the port; its close drops the kept-alive connection.
    assertThat(p.awaitConnectionsClosed(1, WAIT)).isTrue();
    assertThat(p.refusingConnections()).isTrue();
  }

  @Test
  void resetClockReopensAPortClosedByASchedule() {
    AtomicLong nanos = new AtomicLong(Duration.ofSeconds(100).toNanos());
    p = SimulatedProvider.builder("p").clock(nanos::get).vertx(vertx).start();
    p.schedule(FaultSchedule.builder().from(Duration.ofSeconds(1), Fault.refuse()).build());
    assertThat(p.refusingConnections()).isFalse();

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    p.applyScheduleNow();
    assertThat(p.refusingConnections()).isTrue();

    p.resetClock();
    assertThat(p.refusingConnections()).isFalse();
  }

  @Test
  void refuseCannotBeQueued() {
    p = SimulatedProvider.builder("p").vertx(vertx).start();

    assertThatThrownBy(() -> p.enqueue(Fault.none(), Fault.refuse()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refuseConnections");
    assertThat(client.chat(p, false).statusCode()).isEqualTo(200);
  }

  @Test
  void resetClearsARefusingDefault() {
    p = SimulatedProvider.builder("p").vertx(vertx).start();
    p.setDefault(Fault.refuse());

    p.reset();

    assertThat(client.chat(p, false).statusCode()).isEqualTo(200);
  }
}
