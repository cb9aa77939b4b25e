package dev.ninelives.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.TracingConfig;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.time.Clock;
import dev.ninelives.core.trace.RequestTracer;
import dev.ninelives.core.trace.TraceStart;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real exporter, with only this module's dependencies: OTLP/HTTP protobuf over the JDK's
 * HTTP client, to a plain HTTP server on 127.0.0.1.
 */
class OtlpExportTest {
  private final List<String> received = new CopyOnWriteArrayList<>();
  private HttpServer collector;

  @AfterEach
  void stop() {
    if (collector != null) {
      collector.stop(0);
    }
  }

  @Test
  void exportsProtobufToTheEndpointWithTheConfiguredHeadersWhenClosed() throws Exception {
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext("/v1/traces", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readAllBytes();
        received.add(exchange.getRequestMethod() + " "
            + exchange.getRequestHeaders().getFirst("content-type") + " "
            + exchange.getRequestHeaders().getFirst("authorization") + " "
            + new String(body, StandardCharsets.ISO_8859_1));
        exchange.sendResponseHeaders(200, -1);
      }
    });
    collector.start();
    RequestTracer tracer = OtelRequestTracer.create(new TracingConfig(true,
        URI.create("http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces"),
        Map.of("authorization", Secret.of("Bearer t0ken")), "export-test", 1.0, false),
        Clock.system());

    tracer.begin(new TraceStart("chat", "openai", false, "POST", "/v1/chat/completions",
        System.nanoTime(), TraceStart.Headers.NONE)).end(new RequestSummary("chat", "openai",
        "succeeded", 200, "p/m", 1, false, false, 1_000_000, -1, 10_000, 3, 4));
    tracer.close().toCompletableFuture().get(20, TimeUnit.SECONDS);

    assertThat(received).hasSize(1);
    assertThat(received.get(0)).startsWith("POST application/x-protobuf Bearer t0ken ")
        .contains("export-test").contains("chat chat").contains("dev.ninelives.gateway");
  }
}
