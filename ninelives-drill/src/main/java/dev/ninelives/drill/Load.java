package dev.ninelives.drill;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The traffic a drill sends. Rates and timeouts are wall-clock: compression shortens the
 * scenario's phases, not the life of a request. Immutable.
 *
 * @param rate requests per wall-clock second
 * @param streaming the share of requests that ask for a stream (0..1)
 * @param clients the share of requests per client format, summing to 1
 * @param timeout how long a client waits for one answer before giving up
 * @param model the model name the clients send to the gateway
 * @param seed seeds the request mix, so both runs (and a replay) send the same sequence
 */
public record Load(
    double rate, double streaming, Map<ClientFormat, Double> clients, Duration timeout, String model, long seed) {

  public Load {
    if (!(rate > 0 && rate <= 500)) {
      throw new IllegalArgumentException("rate must be more than 0 and at most 500 per second, but was " + rate);
    }
    if (!(streaming >= 0 && streaming <= 1)) {
      throw new IllegalArgumentException("streaming must be 0..1, but was " + streaming);
    }
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(model, "model");
    double sum = clients.values().stream().mapToDouble(Double::doubleValue).sum();
    if (!(sum > 0)) {
      throw new IllegalArgumentException("the client mix needs a share above zero");
    }
    Map<ClientFormat, Double> normalized = new LinkedHashMap<>();
    clients.forEach((k, v) -> {
      if (!k.gatewayIngress()) {
        throw new IllegalArgumentException("clients speak openai or anthropic to the gateway, not " + k.label());
      }
      normalized.put(k, v / sum);
    });
    clients = Collections.unmodifiableMap(normalized);
  }

  /** The default load: 10 requests a second, half streaming, three OpenAI clients to one Anthropic. */
  public static Load defaults() {
    Map<ClientFormat, Double> mix = new LinkedHashMap<>();
    mix.put(ClientFormat.OPENAI, 0.75);
    mix.put(ClientFormat.ANTHROPIC, 0.25);
    return new Load(10, 0.5, mix, Duration.ofSeconds(10), "chat", 1);
  }

  /** A copy at another rate. */
  public Load withRate(double newRate) {
    return new Load(newRate, streaming, clients, timeout, model, seed);
  }
}
