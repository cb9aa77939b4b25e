package dev.ninelives.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows a gateway running elsewhere through its {@code /status.json}: each breaker state and
 * provider quarantine it sees change becomes a {@link GatewayEvent}, timed when it was seen (so
 * to within one poll). A gateway that has no status page, or errs, is simply not followed.
 *
 * <p>Not thread-safe: one poller thread calls {@link #poll()}.
 */
final class StatusPoller {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI status;
  private final GatewayEvents events;
  private final Map<String, String> breakers = new HashMap<>();
  private final Map<String, Boolean> quarantined = new HashMap<>();

  StatusPoller(HttpClient http, String gatewayRoot, GatewayEvents events) {
    this.http = http;
    this.status = URI.create(gatewayRoot + "/status.json");
    this.events = events;
  }

  void poll() {
    JsonNode root;
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(1)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return;
      }
      root = JSON.readTree(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      return;
    }
    for (JsonNode provider : root.path("providers")) {
      String name = provider.path("name").asText();
      boolean q = "quarantined".equals(provider.path("state").asText());
      Boolean before = quarantined.put(name, q);
      if (before != null && before != q) {
        events.add(q ? GatewayEvent.Kind.PROVIDER_QUARANTINED : GatewayEvent.Kind.PROVIDER_READMITTED, name, "");
      } else if (before == null && q) {
        events.add(GatewayEvent.Kind.PROVIDER_QUARANTINED, name, "");
      }
      for (JsonNode target : provider.path("targets")) {
        String id = target.path("id").asText();
        String state = target.path("breaker").path("state").asText("closed");
        String was = breakers.put(id, state);
        if (was != null ? !was.equals(state) : !state.equals("closed")) {
          events.add(GatewayEvent.Kind.BREAKER, id, state);
        }
      }
    }
  }
}
