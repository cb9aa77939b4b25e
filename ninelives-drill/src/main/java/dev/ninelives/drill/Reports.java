package dev.ninelives.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a drill's three reports into a directory: {@code report.md}, {@code report.json} and
 * {@code report.html}. Stateless.
 */
public final class Reports {
  public static final String MARKDOWN = "report.md";
  public static final String JSON = "report.json";
  public static final String HTML = "report.html";

  private Reports() {}

  /** Writes the reports, creating the directory if needed; returns the HTML report's path. */
  public static Path write(DrillResult r, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKDOWN), MarkdownReport.render(r), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(JSON), JsonReport.render(r), StandardCharsets.UTF_8);
    Path html = dir.resolve(HTML);
    Files.writeString(html, HtmlReport.render(r, JSON), StandardCharsets.UTF_8);
    return html;
  }
}
