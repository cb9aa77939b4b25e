package dev.ninelives.config;

import dev.ninelives.core.config.Secret;
import dev.ninelives.core.config.TracingConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code tracing:} section. Present means on, unless {@code enabled: false} says
 * otherwise, so the common case is one line. Header values are wrapped in {@link Secret} at
 * once and never quoted in a message. Stateless.
 */
final class TracingReader {
  static final List<String> KEYS = List.of(
      "enabled", "endpoint", "headers", "service_name", "sample", "capture_content");

  // Headers the exporter's HTTP client sets itself and refuses to take from a caller: a
  // configuration naming one would make every export fail at run time, so it fails here.
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length",
      "expect", "host", "upgrade", "transfer-encoding", "content-type");

  private TracingReader() {}

  static TracingConfig read(Optional<MappingView.Entry> section, ReadContext ctx) {
    if (section.isEmpty()) {
      return TracingConfig.OFF;
    }
    Optional<MappingView> m = ctx.mapping(section.get().value(), section.get().path());
    if (m.isEmpty()) {
      return TracingConfig.OFF;
    }
    MappingView t = m.get();
    t.rejectUnknownKeys(KEYS, ctx);
    TracingConfig off = TracingConfig.OFF;
    boolean enabled = t.get("enabled")
        .flatMap(e -> ctx.value(e.value(), e.path(), Values::bool)).orElse(true);
    URI endpoint = t.get("endpoint")
        .flatMap(e -> ctx.value(e.value(), e.path(), TracingReader::endpoint))
        .orElse(off.endpoint());
    String service = t.get("service_name")
        .flatMap(e -> ctx.value(e.value(), e.path(), TracingReader::nonBlank))
        .orElse(off.serviceName());
    double sample = t.get("sample")
        .flatMap(e -> ctx.value(e.value(), e.path(), TracingReader::share))
        .orElse(off.sampleRatio());
    boolean content = t.get("capture_content")
        .flatMap(e -> ctx.value(e.value(), e.path(), Values::bool)).orElse(false);
    Map<String, Secret> headers = t.get("headers").map(e -> headers(e, ctx)).orElse(Map.of());
    return new TracingConfig(enabled, endpoint, headers, service, sample, content);
  }

  private static Map<String, Secret> headers(MappingView.Entry entry, ReadContext ctx) {
    Map<String, Secret> out = new LinkedHashMap<>();
    ctx.mapping(entry.value(), entry.path()).ifPresent(h -> {
      for (MappingView.Entry header : h.entries()) {
        String name = header.key().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9!#$%&'*+.^_`|~-]+")) {
          ctx.problems().error(header.keyNode(), header.path(),
              "'" + header.key() + "' is not a valid header name");
          continue;
        }
        if (RESTRICTED.contains(name)) {
          ctx.problems().error(header.keyNode(), header.path(),
              "'" + header.key() + "' is set by the exporter itself and cannot be configured");
          continue;
        }
        if (out.containsKey(name)) {
          ctx.problems().error(header.keyNode(), header.path(),
              "header '" + header.key() + "' is given twice (header names ignore case)");
          continue;
        }
        // The value is a secret: the message says what is wrong without quoting it.
        ctx.text(header.value(), header.path()).ifPresent(v -> {
          if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
            ctx.problems().error(header.value(), header.path(),
                "a header value cannot contain a line break");
          } else {
            out.put(name, Secret.of(v));
          }
        });
      }
    });
    return out;
  }

  private static Parsed<URI> endpoint(String text) {
    String t = text.trim();
    try {
      URI uri = new URI(t);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        return Parsed.fail("expected an http(s) URL such as http://127.0.0.1:4318/v1/traces, got "
            + Values.quote(text));
      }
      return Parsed.ok(uri);
    } catch (URISyntaxException e) {
      return Parsed.fail("expected an http(s) URL such as http://127.0.0.1:4318/v1/traces, got "
          + Values.quote(text));
    }
  }

  private static Parsed<String> nonBlank(String text) {
    return text.isBlank() ? Parsed.fail("must not be blank") : Parsed.ok(text.trim());
  }

  private static Parsed<Double> share(String text) {
    Parsed<Double> rate = Values.rate(text, "a share such as 10% or 0.1");
    if (rate.isOk() && rate.value() > 1) {
      return Parsed.fail("must be at most 100%, got " + Values.quote(text));
    }
    return rate;
  }
}
