package dev.ninelives.server.http;

import dev.ninelives.status.StatusPage;
import dev.ninelives.status.StatusTracker;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * The status page for people ({@code GET /status}), the same state as JSON
 * ({@code GET /status.json}) and each incident as a Markdown post-mortem draft
 * ({@code GET /status/incidents/{id}.md}). Thread-safe: the tracker is.
 */
final class StatusEndpoints {
  static final String INCIDENTS = "/status/incidents/";
  private static final String PAGE = StatusPage.html();

  private final StatusTracker tracker;

  StatusEndpoints(StatusTracker tracker) {
    this.tracker = tracker;
  }

  void handle(HttpServerRequest request, String path) {
    var response = request.response().putHeader("cache-control", "no-store");
    if (path.equals("/status")) {
      response.putHeader("content-type", "text/html; charset=utf-8").end(PAGE);
    } else if (path.equals("/status.json")) {
      response.putHeader("content-type", "application/json").end(tracker.toJson());
    } else {
      String id = path.substring(INCIDENTS.length());
      id = id.endsWith(".md") ? id.substring(0, id.length() - 3) : id;
      Optional<String> md = tracker.incidentMarkdown(id);
      if (md.isPresent()) {
        response.putHeader("content-type", "text/markdown; charset=utf-8").end(md.get());
      } else {
        response.setStatusCode(404).putHeader("content-type", "text/plain; charset=utf-8")
            .end("No incident '" + id + "'.\n");
      }
    }
  }
}
