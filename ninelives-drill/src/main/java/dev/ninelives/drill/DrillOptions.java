package dev.ninelives.drill;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a drill, beyond what its scenario says. Immutable; build changed copies with the
 * {@code with*} methods.
 *
 * @param length the wall-clock length of the replay, or null for the scenario's {@code compress_to}
 * @param compression scenario seconds per wall second, or null; wins over {@code length}
 * @param rate requests per second instead of the scenario's, or null
 * @param gatewayUrl a running gateway to drill instead of starting one, or null
 * @param config the user's gateway configuration to drill (its providers replaced by simulated
 *     ones of the same formats), or null for the configuration the scenario implies
 * @param route the model alias of {@code config} to send traffic to, or null
 * @param gatewayPort the port of the gateway the drill starts (0 for a free one)
 * @param simulatorPort the first port of the simulated providers when {@code gatewayUrl} is set (the
 *     running gateway must be configured to reach them there)
 * @param direct whether to run the comparison without the gateway
 */
public record DrillOptions(
    Duration length,
    Double compression,
    Double rate,
    String gatewayUrl,
    Path config,
    String route,
    int gatewayPort,
    int simulatorPort,
    boolean direct) {

  public static DrillOptions defaults() {
    return new DrillOptions(null, null, null, null, null, null, 0, 9101, true);
  }

  public DrillOptions withLength(Duration d) {
    return new DrillOptions(d, compression, rate, gatewayUrl, config, route, gatewayPort, simulatorPort, direct);
  }

  public DrillOptions withCompression(Double factor) {
    return new DrillOptions(length, factor, rate, gatewayUrl, config, route, gatewayPort, simulatorPort, direct);
  }

  public DrillOptions withRate(Double r) {
    return new DrillOptions(length, compression, r, gatewayUrl, config, route, gatewayPort, simulatorPort, direct);
  }

  public DrillOptions withGateway(String url) {
    return new DrillOptions(length, compression, rate, url, config, route, gatewayPort, simulatorPort, direct);
  }

  public DrillOptions withConfig(Path file, String alias) {
    return new DrillOptions(length, compression, rate, gatewayUrl, file, alias, gatewayPort, simulatorPort, direct);
  }

  public DrillOptions withGatewayPort(int port) {
    return new DrillOptions(length, compression, rate, gatewayUrl, config, route, port, simulatorPort, direct);
  }

  public DrillOptions withSimulatorPort(int port) {
    return new DrillOptions(length, compression, rate, gatewayUrl, config, route, gatewayPort, port, direct);
  }

  public DrillOptions withDirect(boolean on) {
    return new DrillOptions(length, compression, rate, gatewayUrl, config, route, gatewayPort, simulatorPort, on);
  }

  /** The compression these options give a scenario. */
  Compression compressionFor(DrillScenario scenario) {
    if (compression != null) {
      return new Compression(compression);
    }
    return Compression.toLength(scenario.length(), length != null ? length : scenario.compressTo());
  }
}
