package dev.ninelives.bench.load;

import java.nio.file.Path;

/**
 * The configuration files the harness writes for the systems under test, and the request
 * bodies it sends them. Every address is 127.0.0.1.
 */
final class Configs {
  private Configs() {
  }

  /** How the primary upstream of a failover variant is broken. */
  enum Failure {
    /** Healthy: no failover in play. */
    NONE(""),
    /** Nothing listens on the primary's port: every connection is refused. */
    REFUSED("refused"),
    /** The primary answers every request with a 503. */
    UNAVAILABLE("503");

    final String label;

    Failure(String label) {
      this.label = label;
    }
  }

  /** The shared prompt: the same bytes for every system apart from the model name. */
  static String body(String model, boolean stream) {
    return "{\"model\":\"" + model + "\"," + (stream ? "\"stream\":true," : "")
        + "\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
        + "{\"role\":\"user\",\"content\":\"Say hello in one short sentence.\"}],"
        + "\"max_tokens\":64}";
  }

  /**
   * NineLives: route {@code chat} (and {@code chat-paced}, whose stream has 1 ms between
   * events) tries provider {@code primary} first, then {@code backup}; both reach the mock
   * unless the primary is broken on purpose. The breaker stays open for an hour once tripped,
   * so a measurement taken after the warm-up sees a breaker that is open throughout.
   *
   * @param primaryPort where the primary is (the mock, a 503 listener, or a closed port)
   */
  static String nineLives(int listenPort, int primaryPort, int mockPort, Failure failure) {
    String breaker = failure == Failure.NONE ? ""
        : "resilience:\n"
            + "  breaker: { failure_rate: 50%, minimum_calls: 10, window: 60s, open_for: 1h }\n";
    return "# Written by the NineLives load benchmark; " + (failure == Failure.NONE
        ? "both providers are the mock." : "the primary is broken: " + failure.label + ".")
        + "\n"
        + "listen: 127.0.0.1:" + listenPort + "\n"
        + "providers:\n"
        + "  primary:\n"
        + "    type: openai-compatible\n"
        + "    base_url: http://127.0.0.1:" + primaryPort + "/v1\n"
        + "    api_key: sk-bench-primary\n"
        + "  backup:\n"
        + "    type: openai-compatible\n"
        + "    base_url: http://127.0.0.1:" + mockPort + "/v1\n"
        + "    api_key: sk-bench-backup\n"
        + "models:\n"
        + "  chat:\n"
        + "    targets: [primary/mock, backup/mock]\n"
        + "  chat-paced:\n"
        + "    targets: [primary/mock-d1, backup/mock-d1]\n"
        + breaker;
  }

  /**
   * NineLives holding many long streams: a weighted route over {@code providers} providers that
   * all reach the mock, so no single provider's connection pool has to hold every stream, and a
   * total timeout long enough for the streams to stay open.
   */
  static String nineLivesStreams(int listenPort, int mockPort, int providers) {
    StringBuilder s = new StringBuilder();
    s.append("# Written by the NineLives stream scale test.\n");
    s.append("listen: 127.0.0.1:").append(listenPort).append('\n');
    s.append("providers:\n");
    for (int i = 1; i <= providers; i++) {
      s.append("  mock").append(i).append(":\n")
          .append("    type: openai-compatible\n")
          .append("    base_url: http://127.0.0.1:").append(mockPort).append("/v1\n")
          .append("    api_key: sk-bench-").append(i).append('\n');
    }
    s.append("models:\n  chat:\n    strategy: weighted\n    targets: [");
    for (int i = 1; i <= providers; i++) {
      s.append(i > 1 ? ", " : "").append("mock").append(i).append("/mock-c100000-d1000");
    }
    s.append("]\n");
    s.append("resilience:\n  timeouts: { first_token: 60s, stall: 60s, total: 2h, response: 60s }\n");
    return s.toString();
  }

  /**
   * nginx as a plain reverse proxy: one worker, keep-alive to the upstream, no buffering (so
   * streams flow event by event), no access log (as in the reference figures the targets were
   * set against). With a failure, two broken primaries — nginx ignores {@code max_fails} when
   * a group has one server — and the mock as {@code backup}: after a failure a primary is
   * skipped for an hour, nginx's counterpart of an open breaker.
   */
  static String nginx(Path dir, int listenPort, int mockPort, int[] brokenPorts) {
    String servers;
    String next = "";
    if (brokenPorts.length == 0) {
      servers = "    server 127.0.0.1:" + mockPort + ";\n";
    } else {
      StringBuilder b = new StringBuilder();
      for (int p : brokenPorts) {
        b.append("    server 127.0.0.1:").append(p).append(" max_fails=1 fail_timeout=3600s;\n");
      }
      b.append("    server 127.0.0.1:").append(mockPort).append(" backup;\n");
      servers = b.toString();
      next = "      proxy_next_upstream error timeout http_503 non_idempotent;\n";
    }
    String d = dir.toAbsolutePath().toString();
    return "# Written by the NineLives load benchmark.\n"
        + "worker_processes 1;\n"
        + "daemon off;\n"
        + "master_process on;\n"
        + "pid " + d + "/nginx.pid;\n"
        + "error_log " + d + "/error.log warn;\n"
        + "worker_rlimit_nofile 16384;\n"
        + "events { worker_connections 8192; }\n"
        + "http {\n"
        + "  access_log off;\n"
        + "  client_body_temp_path " + d + "/tmp-body;\n"
        + "  proxy_temp_path " + d + "/tmp-proxy;\n"
        + "  fastcgi_temp_path " + d + "/tmp-fastcgi;\n"
        + "  uwsgi_temp_path " + d + "/tmp-uwsgi;\n"
        + "  scgi_temp_path " + d + "/tmp-scgi;\n"
        + "  keepalive_requests 1000000;\n"
        + "  upstream mock {\n"
        + servers
        + "    keepalive 256;\n"
        + "    keepalive_requests 1000000;\n"
        + "  }\n"
        + "  server {\n"
        + "    listen 127.0.0.1:" + listenPort + " backlog=4096;\n"
        + "    location / {\n"
        + "      proxy_pass http://mock;\n"
        + "      proxy_http_version 1.1;\n"
        + "      proxy_set_header Connection \"\";\n"
        + "      proxy_buffering off;\n"
        + next
        + "    }\n"
        + "  }\n"
        + "}\n";
  }

  /**
   * Portkey's per-request configuration (header {@code x-portkey-config}) for a failover: the
   * broken primary first, the mock second, falling back on errors and on a 503.
   */
  static String portkeyFallback(int primaryPort, int mockPort) {
    return "{\"strategy\":{\"mode\":\"fallback\",\"on_status_codes\":[503]},\"targets\":["
        + "{\"provider\":\"openai\",\"api_key\":\"sk-bench\",\"custom_host\":"
        + "\"http://127.0.0.1:" + primaryPort + "/v1\"},"
        + "{\"provider\":\"openai\",\"api_key\":\"sk-bench\",\"custom_host\":"
        + "\"http://127.0.0.1:" + mockPort + "/v1\"}]}";
  }
}
