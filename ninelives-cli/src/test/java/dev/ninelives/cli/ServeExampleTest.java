package dev.ninelives.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.simulator.SimScenario;
import dev.ninelives.simulator.SimulatedProvider;
import dev.ninelives.simulator.Simulation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's example: {@code ninelives serve --config examples/failover.yaml} with simulated
 * providers behind it answers a plain and a streaming request, in a real separate process.
 */
class ServeExampleTest {

  /** Runs {@code serve} on a config in its own process and returns its URL once it listens. */
  private static String serve(Process process) throws Exception {
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    String url = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line; (line = lines.readLine()) != null; ) {
          seen.add(line);
          if (line.startsWith("listening on ")) {
            return line.substring("listening on ".length()).trim();
          }
        }
        return null;
      } catch (java.io.IOException e) {
        return null;
      }
    }).get(30, TimeUnit.SECONDS);
    assertThat(url).as("output: %s", seen).startsWith("http://127.0.0.1:");
    return url;
  }

  private static ProcessBuilder serveCommand(String config) {
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "dev.ninelives.cli.Main", "serve", "--config", config, "--port", "0");
    pb.redirectErrorStream(true);
    return pb;
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  @Test
  void servesTheExampleConfigFromASeparateProcess() throws Exception {
    try (SimulatedProvider primary = SimulatedProvider.builder("primary").start();
        SimulatedProvider secondary = SimulatedProvider.builder("secondary").start();
        SimulatedProvider local = SimulatedProvider.builder("local").start()) {
      primary.refuseConnections(true); // and it still answers, from the secondary
      ProcessBuilder pb = serveCommand("../examples/failover.yaml");
      pb.environment().put("PRIMARY_URL", primary.baseUrl());
      pb.environment().put("SECONDARY_URL", secondary.baseUrl());
      pb.environment().put("LOCAL_URL", local.baseUrl());
      Process process = pb.start();
      try {
        String url = serve(process);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(
                URI.create(url + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(20))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).contains("Hello from secondary.");
        assertThat(plain.headers().firstValue("x-ninelives-target"))
            .hasValue("secondary/gpt-4.1-mini");

        HttpResponse<String> stream = http.send(HttpRequest.newBuilder(
                URI.create(url + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(20))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"chat\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stream.body()).contains("\"content\":\"Hello\"").endsWith("data: [DONE]\n\n");
      } finally {
        stop(process);
      }
    }
  }

  @Test
  void servesTheMixedFormatExampleToOpenAiAndAnthropicClients() throws Exception {
    // The example's scenario, on free ports rather than its fixed ones.
    String scenario = java.nio.file.Files.readString(Path.of("../examples/sim-mixed.yaml"))
        .replaceAll("(?m)^\\s*port:.*$", "");
    Simulation sim = Simulation.start(SimScenario.parse(scenario, "sim-mixed.yaml"), 0);
    try {
      ProcessBuilder pb = serveCommand("../examples/mixed.yaml");
      pb.environment().put("CLAUDE_URL", sim.provider("claude").baseUrl());
      pb.environment().put("GEMINI_URL", sim.provider("gemini").baseUrl());
      pb.environment().put("LOCAL_URL", sim.provider("local").baseUrl());
      Process process = pb.start();
      try {
        String url = serve(process);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> openAi = http.send(HttpRequest.newBuilder(
                URI.create(url + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(20))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"assistant\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(openAi.statusCode()).isEqualTo(200);
        assertThat(openAi.body()).contains("Hello from Gemini.").contains("chat.completion");
        assertThat(openAi.headers().firstValue("x-ninelives-target"))
            .hasValue("gemini/gemini-2.5-pro");

        HttpResponse<String> anthropic = http.send(HttpRequest.newBuilder(
                URI.create(url + "/v1/messages"))
            .timeout(Duration.ofSeconds(20))
            .header("content-type", "application/json").header("x-api-key", "unused")
            .header("anthropic-version", "2023-06-01")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"assistant\","
                + "\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anthropic.body()).startsWith("event: message_start")
            .contains("\"text\":\" Gemini.\"").contains("event: message_stop");
      } finally {
        stop(process);
      }
    } finally {
      sim.close();
    }
  }
}
