package dev.ninelives.server.http;

import dev.ninelives.core.time.Clock;
import dev.ninelives.providers.codec.ClientFormat;
import dev.ninelives.uptime.ReportWindow;
import dev.ninelives.uptime.UptimeHistory;
import dev.ninelives.uptime.UptimeReport;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code GET /report?from=…&to=…&format=json|md}: the uptime and SLO report. JSON unless
 * {@code format=md} or the client accepts {@code text/markdown} (and not JSON first). A window
 * that cannot be read gets a 400 naming the parameter. The report is built on a worker thread,
 * since it reads the store. Thread-safe: the history is.
 */
final class ReportEndpoint {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ReportEndpoint.class);

  private final Vertx vertx;
  private final UptimeHistory history;
  private final Clock clock;
  private final ClientFormat errors;

  ReportEndpoint(Vertx vertx, UptimeHistory history, Clock clock, ClientFormat errors) {
    this.vertx = vertx;
    this.history = history;
    this.clock = clock;
    this.errors = errors;
  }

  void handle(HttpServerRequest request) {
    Boolean markdown = markdown(request.getParam("format"), request.getHeader("accept"));
    if (markdown == null) {
      refuse(request, "format: '" + request.getParam("format") + "' is not a report format; "
          + "use json or md.", "invalid_format");
      return;
    }
    ReportWindow window;
    try {
      window = ReportWindow.parse(request.getParam("from"), request.getParam("to"),
          Instant.ofEpochMilli(clock.epochMillis()));
    } catch (IllegalArgumentException e) {
      refuse(request, e.getMessage() + ".", "invalid_window");
      return;
    }
    vertx.executeBlocking(() -> history.report(window), false).onComplete(ar -> {
      var response = request.response();
      if (response.closed()) {
        return;
      }
      if (ar.failed()) {
        LOG.error("uptime report failed", ar.cause());
        Responses.json(response, 500, Buffer.buffer(errors.error(500,
            "The uptime history could not be read: " + ar.cause().getMessage(),
            "internal_error")));
        return;
      }
      UptimeReport report = ar.result();
      response.putHeader("cache-control", "no-store");
      if (markdown) {
        response.putHeader("content-type", "text/markdown; charset=utf-8")
            .end(report.toMarkdown());
      } else {
        response.putHeader("content-type", "application/json").end(report.toJson());
      }
    });
  }

  /** True for Markdown, false for JSON, null for a format this endpoint does not write. */
  static Boolean markdown(String format, String accept) {
    if (format != null && !format.isBlank()) {
      switch (format.trim().toLowerCase(Locale.ROOT)) {
        case "md":
        case "markdown":
          return true;
        case "json":
          return false;
        default:
          return null;
      }
    }
    if (accept == null) {
      return false;
    }
    String a = accept.toLowerCase(Locale.ROOT);
    int md = a.indexOf("text/markdown");
    int json = a.indexOf("application/json");
    return md >= 0 && (json < 0 || md < json);
  }

  private void refuse(HttpServerRequest request, String message, String code) {
    Responses.json(request.response(), 400, Buffer.buffer(errors.error(400, message, code)));
  }
}
