package dev.ninelives.server;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.Strategy;
import dev.ninelives.core.config.TargetRef;
import dev.ninelives.core.time.Clock;
import dev.ninelives.simulator.SimulatedProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gateway on 127.0.0.1 in front of simulated providers, for integration tests: build the
 * config in code, start, and talk to it with the official OpenAI SDK or plain HTTP.
 */
public final class TestGateway implements AutoCloseable {
  private final Gateway gateway;
  private final OpenAIClient openAi;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private TestGateway(Gateway gateway) {
    this.gateway = gateway;
    this.openAi = OpenAIOkHttpClient.builder()
        .baseUrl(url() + "/v1")
        .apiKey("client-key-not-used-upstream")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public String url() {
    return "http://127.0.0.1:" + gateway.port();
  }

  public Gateway gateway() {
    return gateway;
  }

  OpenAIClient openAi() {
    return openAi;
  }

  /** POSTs a chat-completions body and returns the whole answer as text. */
  HttpResponse<String> post(String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url() + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(30))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url() + path))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static String chatBody(String model, boolean stream) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";
  }

  @Override
  public void close() {
    openAi.close();
    gateway.close();
  }

  public static final class Builder {
    private final Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    private final Map<String, ModelRoute> models = new LinkedHashMap<>();
    private ResilienceConfig resilience = fastResilience();
    private Clock clock = Clock.system();
    private dev.ninelives.core.health.HealthListener listener =
        dev.ninelives.core.health.HealthListener.NONE;
    private long maxBody = GatewayConfig.DEFAULT_MAX_REQUEST_BYTES;

    /** Test defaults: short timeouts and waits so failures show within a second. */
    public static ResilienceConfig fastResilience() {
      return new ResilienceConfig(
          new ResilienceConfig.Timeouts(Duration.ofMillis(500), Duration.ofMillis(700),
              Duration.ofMillis(700), Duration.ofSeconds(2), Duration.ofSeconds(10)),
          new ResilienceConfig.Retries(2, Duration.ofMillis(10), Duration.ofMillis(50), 0.2, 3,
              Duration.ofSeconds(10)),
          new ResilienceConfig.Breaker(0.5, 1.0, Duration.ofSeconds(10), 10,
              Duration.ofSeconds(60), Duration.ofSeconds(30), 1),
          new ResilienceConfig.Quarantine(Duration.ofSeconds(60), Duration.ofMinutes(10)));
    }

    /** A provider of the type that speaks the simulator's dialect. */
    public Builder provider(SimulatedProvider sim, String... keys) {
      ProviderType type;
      switch (sim.dialect()) {
        case ANTHROPIC:
          type = ProviderType.ANTHROPIC;
          break;
        case GEMINI:
          type = ProviderType.GEMINI;
          break;
        case AZURE:
          type = ProviderType.AZURE_OPENAI;
          break;
        default:
          type = ProviderType.OPENAI_COMPATIBLE;
      }
      return provider(sim.name(), type, sim.baseUrl(), null, keys);
    }

    public Builder provider(String name, ProviderType type, String baseUrl, String apiVersion,
        String... keys) {
      List<Secret> secrets = new ArrayList<>();
      for (String k : keys) {
        secrets.add(Secret.of(k));
      }
      providers.put(name, new ProviderConfig(name, type, baseUrl, secrets, apiVersion, Map.of()));
      return this;
    }

    /** A failover route over {@code provider/model} targets. */
    public Builder route(String alias, String... targets) {
      List<TargetRef> refs = new ArrayList<>();
      for (String t : targets) {
        int slash = t.indexOf('/');
        refs.add(TargetRef.of(t.substring(0, slash), t.substring(slash + 1)));
      }
      models.put(alias, new ModelRoute(alias, Strategy.FAILOVER, refs, resilience, false));
      return this;
    }

    public Builder resilience(ResilienceConfig r) {
      this.resilience = r;
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    public Builder listener(dev.ninelives.core.health.HealthListener l) {
      this.listener = l;
      return this;
    }

    public Builder maxBody(long bytes) {
      this.maxBody = bytes;
      return this;
    }

    /** A failover route over several targets, each {@code provider/model}. */
    public Builder routeTo(String alias, java.util.List<String> targets) {
      return route(alias, targets.toArray(new String[0]));
    }

    public TestGateway start() {
      GatewayConfig config = new GatewayConfig("127.0.0.1", 0, providers, models, resilience,
          maxBody);
      return new TestGateway(Gateway.start(config, new Gateway.Options().clock(clock)
          .listener(listener).eventLoops(2)).await());
    }
  }
}
