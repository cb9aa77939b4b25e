package dev.ninelives.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.health.RequestSummary;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one JSON line per client request on the {@code ninelives.access} logger —
 * route, client format, outcome, status, the target that answered, attempts, latency, time to
 * first content, the gateway's own overhead and tokens. It never holds a prompt, an answer or a
 * key: {@link RequestSummary} carries none. Silence it by setting that logger to {@code off}.
 *
 * <p>Stateless and thread-safe.
 */
public final class AccessLog implements HealthListener {
  private static final Logger LOG = LoggerFactory.getLogger("ninelives.access");
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public void onRequest(RequestSummary s) {
    if (LOG.isInfoEnabled()) {
      LOG.info(line(s, Instant.now()));
    }
  }

  /** The JSON line for one request. */
  public static String line(RequestSummary s, Instant at) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("ts", at.toString());
      g.writeStringField("route", s.route());
      g.writeStringField("client", s.client());
      g.writeStringField("outcome", s.outcome());
      g.writeNumberField("status", s.status());
      if (s.target() != null) {
        g.writeStringField("target", s.target());
      }
      g.writeNumberField("attempts", s.attempts());
      g.writeBooleanField("failed_over", s.failedOver());
      g.writeBooleanField("stream", s.streaming());
      g.writeNumberField("latency_ms", s.durationNanos() / 1e6);
      if (s.ttftNanos() >= 0) {
        g.writeNumberField("ttft_ms", s.ttftNanos() / 1e6);
      }
      if (s.overheadNanos() >= 0) {
        g.writeNumberField("overhead_us", s.overheadNanos() / 1e3);
      }
      if (s.inputTokens() >= 0) {
        g.writeNumberField("input_tokens", s.inputTokens());
      }
      if (s.outputTokens() >= 0) {
        g.writeNumberField("output_tokens", s.outputTokens());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
