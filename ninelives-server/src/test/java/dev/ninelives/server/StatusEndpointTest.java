package dev.ninelives.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ninelives.core.time.ManualClock;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.SimulatedProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The status page and its JSON follow an outage driven through the simulator. */
class StatusEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode target(JsonNode status, String provider, String id) {
    for (JsonNode p : status.get("providers")) {
      if (p.get("name").asText().equals(provider)) {
        for (JsonNode t : p.get("targets")) {
          if (t.get("id").asText().equals(id)) {
            return t;
          }
        }
      }
    }
    throw new AssertionError("no target " + id + " in " + status);
  }

  @Test
  void outageOpensAnIncidentAndRecoveryShowsWithoutAReload() throws Exception {
    ManualClock clock = new ManualClock();
    try (SimulatedProvider primary = SimulatedProvider.builder("primary").start();
        SimulatedProvider secondary = SimulatedProvider.builder("secondary").start();
        TestGateway gw = TestGateway.builder().clock(clock)
            .provider(primary, "sk-primary-secret").provider(secondary, "sk-s")
            .route("chat", "primary/m1", "secondary/m2").start()) {
      JsonNode calm = JSON.readTree(gw.get("/status.json").body());
      assertThat(calm.get("overall").asText()).isEqualTo("operational");
      assertThat(target(calm, "primary", "primary/m1").get("state").asText())
          .isEqualTo("healthy");

      primary.setDefault(Fault.status(503));
      for (int i = 0; i < 20; i++) {
        gw.post(TestGateway.chatBody("chat", false));
      }
      String raw = gw.get("/status.json").body();
      assertThat(raw).doesNotContain("sk-primary-secret");
      JsonNode outage = JSON.readTree(raw);
      assertThat(target(outage, "primary", "primary/m1").get("state").asText())
          .isEqualTo("down");
      assertThat(target(outage, "secondary", "secondary/m2").get("state").asText())
          .isEqualTo("healthy");
      JsonNode route = outage.get("routes").get(0);
      assertThat(route.get("failed_over_5m").asInt())
          .as("answered by the backup, whether after failures or by skipping the open breaker")
          .isEqualTo(20);
      JsonNode incident = outage.get("incidents").get(0);
      assertThat(incident.get("status").asText()).isEqualTo("open");
      assertThat(incident.get("subject").asText()).isEqualTo("primary/m1");
      assertThat(incident.get("timeline").toString()).contains("secondary/m2");

      var md = gw.get("/status/incidents/" + incident.get("id").asText() + ".md");
      assertThat(md.statusCode()).isEqualTo(200);
      assertThat(md.body()).contains("primary/m1").contains("Timeline");
      assertThat(gw.get("/status/incidents/nope.md").statusCode()).isEqualTo(404);

      var page = gw.get("/status");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("text/html"));
      assertThat(page.body()).contains("status.json").doesNotContain("https://");

      primary.setDefault(Fault.none());
      clock.advance(Duration.ofSeconds(30)); // the breaker lets a trial through
      gw.post(TestGateway.chatBody("chat", false));
      JsonNode after = JSON.readTree(gw.get("/status.json").body());
      assertThat(target(after, "primary", "primary/m1").path("breaker").path("state").asText())
          .isEqualTo("closed");
    }
  }
}
