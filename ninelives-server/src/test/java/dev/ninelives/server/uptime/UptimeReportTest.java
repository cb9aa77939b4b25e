package dev.ninelives.server.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.Strategy;
import dev.ninelives.core.config.TargetRef;
import dev.ninelives.core.config.TracingConfig;
import dev.ninelives.core.config.UptimeConfig;
import dev.ninelives.core.time.ManualClock;
import dev.ninelives.server.Gateway;
import dev.ninelives.server.TestGateway;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.SimulatedProvider;
import dev.ninelives.uptime.UptimeStoreLockedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /report} follows outages driven through the simulator: the primary fails and the
 * clients do not notice; then everything fails and they do; and the history outlives a restart.
 */
class UptimeReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
  private static final String WINDOW = "?from=2026-11-24T10:00:00Z";

  @TempDir
  Path dataDir;

  private final ManualClock clock = new ManualClock(START.toEpochMilli());
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private SimulatedProvider primary;
  private SimulatedProvider secondary;
  private Gateway gateway;

  @BeforeEach
  void startProviders() {
    primary = SimulatedProvider.builder("primary").reply("Hello from primary.").start();
    secondary = SimulatedProvider.builder("secondary").reply("Hello from secondary.").start();
  }

  @AfterEach
  void stopAll() {
    if (gateway != null) {
      gateway.close();
    }
    primary.close();
    secondary.close();
  }

  private GatewayConfig config() {
    Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    for (SimulatedProvider sim : List.of(primary, secondary)) {
      providers.put(sim.name(), new ProviderConfig(sim.name(), ProviderType.OPENAI_COMPATIBLE,
          sim.baseUrl(), List.of(Secret.of("sk-" + sim.name() + "-not-in-the-report")), null,
          Map.of()));
    }
    var resilience = TestGateway.Builder.fastResilience();
    Map<String, ModelRoute> models = Map.of("chat", new ModelRoute("chat", Strategy.FAILOVER,
        List.of(TargetRef.of("primary", "m1"), TargetRef.of("secondary", "m2")), resilience,
        false));
    return new GatewayConfig("127.0.0.1", 0, providers, models, resilience,
        GatewayConfig.DEFAULT_MAX_REQUEST_BYTES, TracingConfig.OFF,
        new UptimeConfig(Optional.of(dataDir), 0.999));
  }

  private Gateway start() {
    return Gateway.start(config(), new Gateway.Options().clock(clock).eventLoops(2)).await();
  }

  private HttpResponse<String> get(String pathAndQuery, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + gateway.port() + pathAndQuery)).timeout(Duration.ofSeconds(30)).GET();
    if (accept != null) {
      b.header("accept", accept);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode report() throws Exception {
    HttpResponse<String> r = get("/report" + WINDOW, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.body()).doesNotContain("not-in-the-report");
    return JSON.readTree(r.body());
  }

  /** Sends {@code n} chat requests; returns how many were answered with a 200. */
  private int send(int n) throws Exception {
    int ok = 0;
    for (int i = 0; i < n; i++) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
              + gateway.port() + "/v1/chat/completions"))
          .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"chat\",\"messages\":"
              + "[{\"role\":\"user\",\"content\":\"Say hello\"}]}")).build(),
          HttpResponse.BodyHandlers.ofString());
      ok += r.statusCode() == 200 ? 1 : 0;
    }
    return ok;
  }

  private static JsonNode target(JsonNode report, String name) {
    for (JsonNode p : report.get("providers")) {
      for (JsonNode t : p.get("targets")) {
        if (t.get("name").asText().equals(name)) {
          return t;
        }
      }
    }
    throw new AssertionError("no target " + name + " in " + report.toPrettyString());
  }

  @Test
  void providerOutageClientsServedThenTotalOutageThenRestart() throws Exception {
    gateway = start();

    // 10:00 — all well.
    clock.advance(Duration.ofSeconds(10));
    assertThat(send(20)).isEqualTo(20);
    JsonNode calm = report();
    assertThat(target(calm, "primary/m1").get("availability").asDouble()).isEqualTo(1.0);
    assertThat(calm.at("/clients/availability").asDouble()).isEqualTo(1.0);
    assertThat(calm.at("/storage/persistent").asBoolean()).isTrue();

    // 10:01 — the primary answers 503 to everything: the backup serves every request.
    clock.advance(Duration.ofMinutes(1));
    primary.setDefault(Fault.status(503));
    assertThat(send(20)).isEqualTo(20);
    JsonNode failover = report();
    JsonNode p1 = target(failover, "primary/m1");
    assertThat(p1.get("availability").asDouble()).isLessThan(0.6);
    assertThat(p1.at("/failures/server-error").asLong()).isPositive();
    assertThat(p1.at("/skips/breaker-open").asLong()).as("skipped once its breaker opened")
        .isPositive();
    assertThat(p1.at("/minutes/up").asLong()).isEqualTo(1);
    assertThat(p1.at("/minutes/down").asLong()).isEqualTo(1);
    assertThat(p1.get("uptime").asDouble()).isEqualTo(0.5);
    assertThat(p1.at("/longest_outage/from").asText()).isEqualTo("2026-11-24T10:01:00Z");
    assertThat(target(failover, "secondary/m2").get("availability").asDouble()).isEqualTo(1.0);
    assertThat(failover.at("/clients/availability").asDouble())
        .as("failover hid the outage from clients").isEqualTo(1.0);
    assertThat(failover.at("/clients/failed_over").asLong()).isEqualTo(20);
    assertThat(failover.at("/routes/0/availability").asDouble()).isEqualTo(1.0);
    assertThat(failover.at("/clients/error_budget/consumed").asLong()).isZero();

    // 10:02 — the backup fails too: now clients see it.
    clock.advance(Duration.ofMinutes(1));
    secondary.setDefault(Fault.status(503));
    assertThat(send(10)).isZero();
    JsonNode outage = report();
    assertThat(outage.at("/clients/succeeded").asLong()).isEqualTo(40);
    assertThat(outage.at("/clients/failed").asLong()).isEqualTo(10);
    assertThat(outage.at("/clients/availability").asDouble()).isEqualTo(0.8);
    assertThat(outage.at("/routes/0/failures/all-failed").asLong()).isEqualTo(10);
    assertThat(outage.at("/routes/0/minutes/down").asLong()).isEqualTo(1);
    JsonNode budget = outage.at("/clients/error_budget");
    assertThat(budget.get("remaining").asDouble()).isNegative();
    assertThat(budget.get("burn_rate").asDouble()).isGreaterThan(100);
    assertThat(target(outage, "secondary/m2").at("/minutes/down").asLong()).isEqualTo(1);
    assertThat(target(outage, "primary/m1").at("/longest_outage/minutes").asLong())
        .isEqualTo(2);

    // A second gateway on the same data_dir is refused while this one runs.
    assertThatThrownBy(this::start).isInstanceOf(UptimeStoreLockedException.class)
        .hasMessageContaining("in use by another gateway");

    // Restart: the history is still there, the same to the request.
    gateway.close();
    gateway = null;
    gateway = start();
    JsonNode after = report();
    for (String part : List.of("/clients", "/routes", "/providers", "/coverage/minutes_with_data",
        "/coverage/gaps")) {
      assertThat(after.at(part)).as(part).isEqualTo(outage.at(part));
    }

    HttpResponse<String> md = get("/report" + WINDOW + "&format=md", null);
    assertThat(md.statusCode()).isEqualTo(200);
    assertThat(md.headers().firstValue("content-type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/markdown"));
    assertThat(md.body()).contains("# Uptime report", "**80%** of client requests answered",
        "| primary/m1 |", "kept in `");
    assertThat(get("/report" + WINDOW, "text/markdown").body()).startsWith("# Uptime report");
  }

  @Test
  void aWindowThatCannotBeReadIsA400NeverA500() throws Exception {
    gateway = start();
    for (String query : List.of("?from=yesterday", "?to=2026-13-01", "?from=-1h&to=-2h",
        "?format=pdf", "?from=%00")) {
      HttpResponse<String> r = get("/report" + query, null);
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
      JsonNode error = JSON.readTree(r.body()).get("error");
      assertThat(error.get("message").asText()).as(query).isNotBlank();
    }
    assertThat(JSON.readTree(get("/report?from=yesterday", null).body())
        .at("/error/message").asText()).startsWith("from: 'yesterday' is not a time");
    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
        + "/report")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
  }
}
