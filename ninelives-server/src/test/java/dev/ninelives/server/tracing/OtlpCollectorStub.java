package dev.ninelives.server.tracing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A stand-in for an OpenTelemetry collector: accepts OTLP/HTTP protobuf exports on
 * {@code POST /v1/traces} at 127.0.0.1, decodes them and keeps every span and every raw body.
 * Thread-safe.
 */
final class OtlpCollectorStub implements AutoCloseable {
  private final HttpServer server;
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
  private final List<String> contentTypes = new ArrayList<>();

  /** One span as exported, with what the export said around it. */
  record ReceivedSpan(Span span, Map<String, Object> attributes, Map<String, Object> resource,
      String scope) {
    String traceId() {
      return hex(span.getTraceId().toByteArray());
    }

    String spanId() {
      return hex(span.getSpanId().toByteArray());
    }

    String parentSpanId() {
      return hex(span.getParentSpanId().toByteArray());
    }

    Object attr(String key) {
      return attributes.get(key);
    }

    /** The attributes of the span's events of that name, in order. */
    List<Map<String, Object>> events(String name) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Span.Event e : span.getEventsList()) {
        if (e.getName().equals(name)) {
          out.add(OtlpCollectorStub.attributes(e.getAttributesList()));
        }
      }
      return out;
    }
  }

  OtlpCollectorStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/traces", this::receive);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(body);
      synchronized (this) {
        raw.writeBytes(body);
        contentTypes.add(exchange.getRequestHeaders().getFirst("content-type"));
        for (ResourceSpans rs : export.getResourceSpansList()) {
          Map<String, Object> resource = resource(rs.getResource());
          for (ScopeSpans ss : rs.getScopeSpansList()) {
            for (Span s : ss.getSpansList()) {
              spans.add(new ReceivedSpan(s, attributes(s.getAttributesList()), resource,
                  ss.getScope().getName()));
            }
          }
        }
        notifyAll();
      }
      byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().add("content-type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  /** Waits, at most {@code timeout}, until the spans received so far satisfy {@code done}. */
  synchronized List<ReceivedSpan> await(Predicate<List<ReceivedSpan>> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(spans)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("the collector did not receive the expected spans within "
            + timeout + "; it has " + names(spans));
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return List.copyOf(spans);
  }

  synchronized List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /** Every export body received, concatenated, as ISO-8859-1 text (one char per byte). */
  synchronized String rawText() {
    return raw.toString(StandardCharsets.ISO_8859_1);
  }

  synchronized List<String> contentTypes() {
    return List.copyOf(contentTypes);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static List<String> names(List<ReceivedSpan> spans) {
    return spans.stream().map(s -> s.span().getName()).toList();
  }

  private static Map<String, Object> resource(Resource r) {
    return attributes(r.getAttributesList());
  }

  static Map<String, Object> attributes(List<KeyValue> list) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (KeyValue kv : list) {
      out.put(kv.getKey(), value(kv.getValue()));
    }
    return out;
  }

  private static Object value(AnyValue v) {
    switch (v.getValueCase()) {
      case STRING_VALUE:
        return v.getStringValue();
      case BOOL_VALUE:
        return v.getBoolValue();
      case INT_VALUE:
        return v.getIntValue();
      case DOUBLE_VALUE:
        return v.getDoubleValue();
      case ARRAY_VALUE:
        return v.getArrayValue().getValuesList().stream().map(OtlpCollectorStub::value).toList();
      default:
        return v.toString();
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
