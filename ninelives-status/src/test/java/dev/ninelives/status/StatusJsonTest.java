package dev.ninelives.status;

import static dev.ninelives.status.Fixture.P1;
import static dev.ninelives.status.Fixture.P2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.keys.KeyPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Fixture f = new Fixture();

  private JsonNode json() throws Exception {
    return MAPPER.readTree(f.tracker.toJson());
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void shouldHaveTheDocumentedShape() throws Exception {
    for (int i = 0; i < 10; i++) {
      f.request("chat", "succeeded", 1, 800);
    }
    f.ok(P2, 300);
    f.openBreaker(P1);
    f.tracker.onFailover("chat", P1, P2, "server-error");
    f.request("chat", "succeeded", 2, 1_200);

    JsonNode root = json();
    assertThat(fieldNames(root)).containsExactly(
        "generated_at", "overall", "summary", "providers", "routes", "incidents");
    assertThat(root.get("generated_at").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(root.get("overall").asText()).isEqualTo("degraded");
    assertThat(root.get("summary").asText())
        .isEqualTo("Some answers are slower or come from a backup provider");

    JsonNode providers = root.get("providers");
    assertThat(providers).hasSize(3);
    JsonNode p1 = providers.get(0);
    assertThat(fieldNames(p1)).containsExactly("name", "state", "targets");
    assertThat(p1.get("name").asText()).isEqualTo("p1");
    assertThat(p1.get("state").asText()).isEqualTo("down");
    JsonNode t1 = p1.get("targets").get(0);
    assertThat(fieldNames(t1)).containsExactly("id", "model", "state", "success_rate_5m",
        "latency_p50_ms", "latency_p95_ms", "attempts_5m", "failures_5m", "skipped_5m",
        "outcomes_5m", "success_rate_10s", "breaker");
    assertThat(t1.get("id").asText()).isEqualTo(P1);
    assertThat(t1.get("model").asText()).isEqualTo("m");
    assertThat(t1.get("state").asText()).isEqualTo("down");
    assertThat(t1.get("success_rate_5m").asDouble()).isZero();
    assertThat(t1.get("latency_p50_ms").isNull()).isTrue();
    assertThat(t1.get("attempts_5m").asLong()).isEqualTo(4);
    assertThat(t1.get("outcomes_5m").get("server-error").asLong()).isEqualTo(4);
    assertThat(t1.get("success_rate_10s")).hasSize(30);
    JsonNode breaker = t1.get("breaker");
    assertThat(breaker.get("state").asText()).isEqualTo("open");
    assertThat(breaker.get("failure_rate").asDouble()).isEqualTo(1.0);
    assertThat(breaker.get("opened_at").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(breaker.get("retry_in_s").asLong()).isEqualTo(30);
    assertThat(breaker.get("history")).hasSize(1);
    assertThat(fieldNames(breaker.get("history").get(0))).containsExactly("at", "from", "to");
    assertThat(breaker.get("history").get(0).get("to").asText()).isEqualTo("open");

    JsonNode t2 = providers.get(1).get("targets").get(0);
    assertThat(t2.get("state").asText()).isEqualTo("healthy");
    assertThat(t2.get("success_rate_5m").asDouble()).isEqualTo(1.0);
    assertThat(t2.get("latency_p50_ms").asLong()).isBetween(200L, 300L);
    assertThat(t2.get("breaker").has("opened_at")).isFalse();

    JsonNode route = root.get("routes").get(0);
    assertThat(fieldNames(route)).containsExactly("name", "requests_5m", "succeeded_5m",
        "failed_5m", "failed_over_5m", "success_rate_5m", "latency_p50_ms", "latency_p95_ms");
    assertThat(route.get("name").asText()).isEqualTo("chat");
    assertThat(route.get("requests_5m").asLong()).isEqualTo(11);
    assertThat(route.get("success_rate_5m").asDouble()).isEqualTo(1.0);
    assertThat(route.get("failed_over_5m").asLong()).isEqualTo(1);

    JsonNode incident = root.get("incidents").get(0);
    assertThat(fieldNames(incident)).containsExactly("id", "subject", "subject_kind", "title",
        "status", "opened_at", "duration_s", "impact", "timeline");
    assertThat(incident.get("subject").asText()).isEqualTo(P1);
    assertThat(incident.get("subject_kind").asText()).isEqualTo("target");
    assertThat(incident.get("status").asText()).isEqualTo("open");
    assertThat(incident.get("title").asText()).isEqualTo("p1/m is unavailable");
    assertThat(fieldNames(incident.get("impact"))).containsExactly(
        "requests_affected", "failed", "failed_over", "extra_latency_ms");
    assertThat(incident.get("impact").get("extra_latency_ms").asDouble()).isEqualTo(400.0);
    assertThat(incident.get("timeline")).hasSize(3);
    assertThat(fieldNames(incident.get("timeline").get(0))).containsExactly("at", "text");
    assertThat(incident.get("timeline").get(2).get("text").asText())
        .isEqualTo("Traffic moved from p1/m to p2/m (1 request).");

    f.recover(P1);
    f.clock.advance(Duration.ofSeconds(61));
    incident = json().get("incidents").get(0);
    assertThat(incident.get("status").asText()).isEqualTo("resolved");
    assertThat(incident.get("resolved_at").asText()).isEqualTo("2026-01-01T00:01:30Z");
    assertThat(json().get("overall").asText()).isEqualTo("operational");
  }

  @Test
  void shouldNeverShowAKey() throws Exception {
    KeyPool pool = f.registry.keyPool("p2");
    pool.releaseRejected(pool.acquire());
    pool.releaseRejected(pool.acquire());
    f.registry.keyPool("p1").releaseRejected(f.registry.keyPool("p1").acquire());
    f.fail("chat", P2, "auth", 401, 0);
    f.openBreaker(P1);
    f.clock.advance(Duration.ofSeconds(61));
    KeyPool p1 = f.registry.keyPool("p1");
    p1.releaseSuccess(p1.acquire());

    String json = f.tracker.toJson();
    MAPPER.readTree(json); // well-formed
    assertThat(json).contains("quarantined").contains("refused");
    for (String key : List.of(Fixture.P1_KEY, Fixture.P2_KEY_A, Fixture.P2_KEY_B)) {
      assertThat(json).doesNotContain(key);
      assertThat(json).doesNotContain(key.substring(0, 12));
      assertThat(json).doesNotContain(Secret.of(key).fingerprint());
    }
    assertThat(json).doesNotContain("key#").doesNotContain("sk-");
    for (Incident i : f.tracker.incidents()) {
      assertThat(i.toMarkdown()).doesNotContain("sk-").doesNotContain("key#");
    }
  }

  @Test
  void shouldEscapeNamesThatComeFromClients() throws Exception {
    String odd = "p3/\"<script>alert(1)</script>\n";
    f.tracker.onRequest(new dev.ninelives.core.health.RequestSummary(odd, "openai", "succeeded",
        200, null, 1, false, false, 1_000_000, -1, -1, -1, -1));
    JsonNode route = json().get("routes").get(0);
    assertThat(route.get("name").asText()).isEqualTo(odd);
  }
}
