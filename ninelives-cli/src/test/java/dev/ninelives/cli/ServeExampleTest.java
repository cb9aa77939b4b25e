package dev.ninelives.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.simulator.SimulatedProvider;
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

  @Test
  void servesTheExampleConfigFromASeparateProcess() throws Exception {
    try (SimulatedProvider primary = SimulatedProvider.builder("primary").start();
        SimulatedProvider secondary = SimulatedProvider.builder("secondary").start();
        SimulatedProvider local = SimulatedProvider.builder("local").start()) {
      primary.refuseConnections(true); // and it still answers, from the secondary
      ProcessBuilder pb = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          "dev.ninelives.cli.Main", "serve", "--config", "../examples/failover.yaml",
          "--port", "0");
      pb.environment().put("PRIMARY_URL", primary.baseUrl());
      pb.environment().put("SECONDARY_URL", secondary.baseUrl());
      pb.environment().put("LOCAL_URL", local.baseUrl());
      pb.redirectErrorStream(true);
      Process process = pb.start();
      try {
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
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }
}
