package dev.ninelives.cli;

import dev.ninelives.core.config.UptimeConfig;
import dev.ninelives.core.time.Clock;
import dev.ninelives.uptime.ReportWindow;
import dev.ninelives.uptime.UptimeArchive;
import dev.ninelives.uptime.UptimeReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ninelives report}: the uptime and SLO report, read from the history on disk (works
 * whether the gateway runs or not: readers take no lock) or asked of a running gateway.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Uptime and SLO report: each provider's availability as the gateway saw it, "
        + "what clients experienced, and the error budget. Reads the history under the "
        + "config's uptime.data_dir (the gateway may be running or not), or asks a running "
        + "gateway. Exit 2 for a bad config or window, 1 when the history or gateway cannot "
        + "be read.")
final class ReportCommand implements Callable<Integer> {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--config", paramLabel = "FILE",
        description = "the gateway's YAML configuration: its uptime.data_dir and uptime.slo")
    Path config;

    @Option(names = "--url", paramLabel = "URL",
        description = "a running gateway, such as http://127.0.0.1:4000")
    URI url;
  }

  @Option(names = "--from", paramLabel = "WHEN",
      description = "start of the window: 2026-11-24T10:00:00Z, 2026-11-24 (midnight UTC), "
          + "-24h, -7d (default: 30 days before --to)")
  String from;

  @Option(names = "--to", paramLabel = "WHEN",
      description = "end of the window, exclusive, in the same forms (default: now)")
  String to;

  @Option(names = "--format", paramLabel = "md|json", defaultValue = "md",
      description = "Markdown for people or JSON (default ${DEFAULT-VALUE})")
  String format;

  @Override
  public Integer call() {
    String f = format.trim().toLowerCase(Locale.ROOT);
    if (!f.equals("md") && !f.equals("json")) {
      System.err.println("--format: '" + format + "' is not a report format; use md or json");
      return ConfigFiles.BAD_CONFIG;
    }
    return source.config != null ? fromStore(f.equals("md")) : fromGateway(f);
  }

  private int fromStore(boolean markdown) {
    ConfigFiles.Loaded loaded = ConfigFiles.load(source.config, System.err);
    if (loaded.config().isEmpty()) {
      System.err.println("no report: " + source.config + " must load to find uptime.data_dir "
          + "(set the environment variables it uses, or ask the gateway with --url)");
      return ConfigFiles.BAD_CONFIG;
    }
    UptimeConfig uptime = loaded.config().get().uptime();
    if (uptime.dataDir().isEmpty()) {
      System.err.println("no report: " + source.config + " keeps the uptime history in memory "
          + "only (no uptime.data_dir); ask the running gateway with --url http://HOST:PORT");
      return ConfigFiles.BAD_CONFIG;
    }
    ReportWindow window;
    try {
      window = ReportWindow.parse(from, to, Instant.now());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return ConfigFiles.BAD_CONFIG;
    }
    UptimeReport report;
    try {
      report = UptimeArchive.report(uptime.dataDir().get(), uptime.slo(), window,
          Clock.system());
    } catch (UncheckedIOException e) {
      System.err.println(e.getMessage());
      return 1;
    }
    print(markdown ? report.toMarkdown() : report.toJson());
    return 0;
  }

  private int fromGateway(String f) {
    StringBuilder query = new StringBuilder("?format=").append(f);
    if (from != null) {
      query.append("&from=").append(URLEncoder.encode(from, StandardCharsets.UTF_8));
    }
    if (to != null) {
      query.append("&to=").append(URLEncoder.encode(to, StandardCharsets.UTF_8));
    }
    String base = source.url.toString().replaceAll("/+$", "");
    HttpResponse<String> response;
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      response = http.send(HttpRequest.newBuilder(URI.create(base + "/report" + query))
              .timeout(Duration.ofSeconds(60)).GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("could not ask the gateway at " + base + ": " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    if (response.statusCode() == 200) {
      print(response.body());
      return 0;
    }
    System.err.println("the gateway at " + base + " answered " + response.statusCode() + ": "
        + response.body().strip());
    return response.statusCode() == 400 ? ConfigFiles.BAD_CONFIG : 1;
  }

  /** Writes UTF-8 whatever the console's default charset ("→" and "—" appear in reports). */
  private static void print(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    System.out.write(bytes, 0, bytes.length);
    System.out.flush();
  }
}
