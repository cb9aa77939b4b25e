package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A plain java.net.http client for talking to simulated providers in tests, plus SSE and JSON
 * helpers. Every request has a timeout, so no test can hang on a fault.
 */
final class SimClient {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT)
      .build();

  static String chatBody(String model, boolean stream) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to me\"}]}";
  }

  static String streamWithUsage(String model) {
    return "{\"model\":\"" + model + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to me\"}]}";
  }

  /** The chat-completions URL of a provider (Azure: the v1 path). */
  static String chatUrl(SimulatedProvider p) {
    return p.dialect() == Dialect.AZURE
        ? p.baseUrl() + "/v1/chat/completions"
        : p.baseUrl() + "/chat/completions";
  }

  HttpRequest.Builder request(String url, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .timeout(TIMEOUT)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return b;
  }

  HttpResponse<String> post(String url, String body, String... headers) {
    return send(request(url, body, headers).build());
  }

  HttpResponse<String> chat(SimulatedProvider p, boolean stream, String... headers) {
    return post(chatUrl(p), chatBody("gpt-sim", stream), headers);
  }

  HttpResponse<String> get(String url, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends and returns the failure, for faults that must break the exchange. */
  Throwable failure(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      throw new AssertionError("expected the exchange to fail, but got " + r.statusCode() + ": " + r.body());
    } catch (IOException e) {
      return e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return http.sendAsync(request, handler);
  }

  /** Sends and waits, bounded, for the headers; the body is read as it arrives. */
  HttpResponse<java.io.InputStream> open(HttpRequest request) {
    try {
      return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
          .get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no response headers within " + TIMEOUT, e);
    }
  }

  /** A whole exchange as received: everything that arrived, and how the body ended. */
  record Captured(int status, java.net.http.HttpHeaders headers, String body, Throwable error) {}

  /**
   * Sends and keeps every body byte that arrived before the body ended or broke. Unlike the
   * JDK's string and stream handlers, this never lets a broken connection hide data that came
   * before the break.
   */
  Captured capture(HttpRequest request) {
    CompletableFuture<Captured> done = new CompletableFuture<>();
    HttpResponse.BodyHandler<Void> handler = info -> HttpResponse.BodySubscribers.fromSubscriber(
        new java.util.concurrent.Flow.Subscriber<List<java.nio.ByteBuffer>>() {
          private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

          @Override
          public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(List<java.nio.ByteBuffer> buffers) {
            for (java.nio.ByteBuffer b : buffers) {
              byte[] chunk = new byte[b.remaining()];
              b.get(chunk);
              bytes.write(chunk, 0, chunk.length);
            }
          }

          @Override
          public void onError(Throwable t) {
            done.complete(new Captured(info.statusCode(), info.headers(), text(), t));
          }

          @Override
          public void onComplete() {
            done.complete(new Captured(info.statusCode(), info.headers(), text(), null));
          }

          private String text() {
            return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
          }
        });
    http.sendAsync(request, handler).whenComplete((r, t) -> {
      if (t != null) {
        done.completeExceptionally(t);
      }
    });
    try {
      return done.get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("exchange did not end within " + TIMEOUT, e);
    }
  }

  /** The {@code data:} payloads of an event stream, in order, {@code [DONE]} included. */
  static List<String> sseData(String body) {
    List<String> data = new ArrayList<>();
    for (String event : body.split("\n\n")) {
      if (event.startsWith("data: ")) {
        data.add(event.substring("data: ".length()));
      } else if (!event.isEmpty()) {
        throw new AssertionError("not an SSE data event: " + event);
      }
    }
    return data;
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  /** The JSON events of a stream, without {@code [DONE]}. */
  static List<JsonNode> events(String body) {
    List<JsonNode> events = new ArrayList<>();
    for (String d : sseData(body)) {
      if (!d.equals("[DONE]")) {
        events.add(json(d));
      }
    }
    return events;
  }

  /** The concatenated {@code delta.content} of a stream's chunks. */
  static String streamedText(String body) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode e : events(body)) {
      for (JsonNode c : e.path("choices")) {
        sb.append(c.path("delta").path("content").asText(""));
      }
    }
    return sb.toString();
  }
}
