package dev.ninelives.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The upstream every system under test forwards to: an OpenAI-compatible
 * {@code /v1/chat/completions} on 127.0.0.1 with canned answers, cheap enough that the load
 * generator and it can share one core.
 *
 * <ul>
 *   <li>A body with {@code "stream":true} gets a 20-event stream (a role chunk, content
 *       chunks, a finish chunk with usage, {@code [DONE]}); otherwise one JSON completion.
 *   <li>The {@code model} string tunes the answer, so it passes through any proxy unchanged:
 *       {@code -c50} 50 content events, {@code -d3} 3 ms between content events (3 ms before a
 *       JSON answer). The role chunk and the first content event always go out together, so
 *       the time to the first byte a client sees is the time to the first content for a direct
 *       call and for a gateway that holds back lifecycle frames until content (NineLives does)
 *       alike.
 *   <li>{@code --fail-port P}: a second listener that answers every request with a 503 in
 *       OpenAI's error shape (a primary that is down); repeatable.
 *   <li>{@code GET /stats}: requests answered per listener, as {@code ok=N failed=N}.
 * </ul>
 *
 * <p>Run: {@code java -cp benchmarks.jar dev.ninelives.bench.load.MockUpstream --port 18081}.
 */
public final class MockUpstream {
  static final String COMPLETION = "{\"id\":\"chatcmpl-mock\",\"object\":\"chat.completion\","
      + "\"created\":1700000000,\"model\":\"mock\",\"system_fingerprint\":\"fp_mock\","
      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello! "
      + "This is a canned reply from the mock upstream. It is long enough to look like a short "
      + "real answer, about forty tokens of text in total.\"},\"logprobs\":null,"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":40,"
      + "\"total_tokens\":52}}";
  static final String ROLE_EVENT = event("{\"id\":\"chatcmpl-mock\",\"object\":"
      + "\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"mock\","
      + "\"system_fingerprint\":\"fp_mock\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
      + "\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}");
  static final String TOKEN_EVENT = event("{\"id\":\"chatcmpl-mock\",\"object\":"
      + "\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"mock\","
      + "\"system_fingerprint\":\"fp_mock\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
      + "\" token\"},\"logprobs\":null,\"finish_reason\":null}]}");
  static final String LAST_EVENT = event("{\"id\":\"chatcmpl-mock\",\"object\":"
      + "\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"mock\","
      + "\"system_fingerprint\":\"fp_mock\",\"choices\":[{\"index\":0,\"delta\":{},"
      + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,"
      + "\"completion_tokens\":20,\"total_tokens\":32}}");
  static final String DONE_EVENT = event("[DONE]");
  static final String UNAVAILABLE = "{\"error\":{\"message\":\"The server is overloaded.\","
      + "\"type\":\"server_error\",\"param\":null,\"code\":null}}";

  private static final Buffer COMPLETION_BUF = buf(COMPLETION);
  private static final Buffer FIRST_BUF = buf(ROLE_EVENT + TOKEN_EVENT);
  private static final Buffer TOKEN_BUF = buf(TOKEN_EVENT);
  private static final Buffer END_BUF = buf(LAST_EVENT + DONE_EVENT);
  private static final Buffer UNAVAILABLE_BUF = buf(UNAVAILABLE);
  private static final Buffer OK_BUF = buf("ok");

  private final Vertx vertx;
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final List<HttpServer> servers = new ArrayList<>();

  MockUpstream(Vertx vertx) {
    this.vertx = vertx;
  }

  static String event(String data) {
    return "data: " + data + "\n\n";
  }

  private static Buffer buf(String s) {
    return Buffer.buffer(s.getBytes(StandardCharsets.UTF_8));
  }

  /** What a request's model string asks for. */
  record Shape(int events, int delayMillis) {
    static Shape of(String model) {
      return new Shape(number(model, "-c", 20), number(model, "-d", 0));
    }

    private static int number(String model, String tag, int fallback) {
      int at = model.indexOf(tag);
      while (at >= 0) {
        int i = at + tag.length();
        int j = i;
        while (j < model.length() && Character.isDigit(model.charAt(j)) && j - i < 7) {
          j++;
        }
        if (j > i) {
          return Integer.parseInt(model.substring(i, j));
        }
        at = model.indexOf(tag, at + 1);
      }
      return fallback;
    }
  }

  /** The model string of a chat-completions body, found without a JSON parser. */
  static String model(String body) {
    int k = body.indexOf("\"model\"");
    if (k < 0) {
      return "";
    }
    int q1 = body.indexOf('"', body.indexOf(':', k) + 1);
    int q2 = q1 < 0 ? -1 : body.indexOf('"', q1 + 1);
    return q1 < 0 || q2 < 0 ? "" : body.substring(q1 + 1, q2);
  }

  /** Whether the body asks for a stream ({@code "stream": true}, any spacing). */
  static boolean streaming(String body) {
    int k = body.indexOf("\"stream\"");
    while (k >= 0) {
      int i = k + 8;
      while (i < body.length() && (body.charAt(i) == ' ' || body.charAt(i) == ':')) {
        i++;
      }
      if (body.startsWith("true", i)) {
        return true;
      }
      k = body.indexOf("\"stream\"", k + 1);
    }
    return false;
  }

  /** Listens on 127.0.0.1 ({@code port} 0 picks a free one); returns the port. */
  int listen(int port, boolean failing) {
    HttpServerOptions o = new HttpServerOptions().setHost("127.0.0.1").setPort(port)
        .setTcpNoDelay(true).setAcceptBacklog(8192).setIdleTimeout(0);
    HttpServer s = vertx.createHttpServer(o)
        .requestHandler(r -> handle(r, failing));
    HttpServer bound = s.listen().await();
    servers.add(bound);
    return bound.actualPort();
  }

  private void handle(HttpServerRequest req, boolean failing) {
    String path = req.path();
    if (path.startsWith("/health")) {
      req.response().putHeader("content-type", "text/plain").end(OK_BUF.copy());
      return;
    }
    if (path.startsWith("/stats")) {
      req.response().putHeader("content-type", "text/plain")
          .end("ok=" + ok.get() + " failed=" + failed.get() + "\n");
      return;
    }
    if (!path.endsWith("/chat/completions")) {
      req.response().setStatusCode(404).end();
      return;
    }
    req.body().onSuccess(body -> {
      if (failing) {
        failed.incrementAndGet();
        req.response().setStatusCode(503).putHeader("content-type", "application/json")
            .end(UNAVAILABLE_BUF.copy());
        return;
      }
      ok.incrementAndGet();
      String text = body.toString(StandardCharsets.UTF_8);
      Shape shape = Shape.of(model(text));
      if (streaming(text)) {
        stream(req.response(), shape);
      } else if (shape.delayMillis() > 0) {
        vertx.setTimer(shape.delayMillis(), t -> complete(req.response()));
      } else {
        complete(req.response());
      }
    });
  }

  private static void complete(HttpServerResponse r) {
    r.putHeader("content-type", "application/json").end(COMPLETION_BUF.copy());
  }

  private void stream(HttpServerResponse r, Shape shape) {
    r.setChunked(true).putHeader("content-type", "text/event-stream")
        .putHeader("cache-control", "no-cache");
    r.write(FIRST_BUF.copy());
    if (shape.delayMillis() == 0) {
      for (int i = 1; i < shape.events(); i++) {
        r.write(TOKEN_BUF.copy());
      }
      r.end(END_BUF.copy());
      return;
    }
    int[] left = {shape.events() - 1};
    long[] timer = {-1};
    r.closeHandler(v -> vertx.cancelTimer(timer[0])); // the caller hung up: stop the stream
    timer[0] = vertx.setPeriodic(shape.delayMillis(), id -> {
      if (r.closed() || r.ended()) {
        vertx.cancelTimer(id);
        return;
      }
      if (left[0]-- > 0) {
        r.write(TOKEN_BUF.copy());
      } else {
        vertx.cancelTimer(id);
        r.end(END_BUF.copy());
      }
    });
  }

  public static void main(String[] args) {
    int port = 18081;
    List<Integer> failPorts = new ArrayList<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port":
          port = Integer.parseInt(args[i + 1]);
          break;
        case "--fail-port":
          failPorts.add(Integer.parseInt(args[i + 1]));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]
              + " (known: --port N, --fail-port N)");
      }
    }
    // One event loop: the mock shares its core with the load generator and must not spread.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    MockUpstream mock = new MockUpstream(vertx);
    mock.listen(port, false);
    for (int p : failPorts) {
      mock.listen(p, true);
    }
    System.out.println("mock listening on 127.0.0.1:" + port
        + (failPorts.isEmpty() ? "" : " (503 on " + failPorts + ")"));
    System.out.flush();
  }
}
