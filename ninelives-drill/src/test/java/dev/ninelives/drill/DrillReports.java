package dev.ninelives.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: writes a drill's reports and checks they are complete and agree with the result. */
final class DrillReports {
  /** The JSON report's top-level fields, as docs/drills.md documents them. */
  static final List<String> TOP_LEVEL = List.of("schema", "passed", "scenario", "run", "checks", "totals", "phases",
      "incidents", "timeline", "breakers", "quarantines", "events");

  private DrillReports() {}

  static JsonNode writeAndRead(DrillResult r, Path dir) throws IOException {
    Path html = Reports.write(r, dir);
    assertThat(html).exists();
    // Self-contained: nothing to fetch, nothing to run (the SVG namespace is a name, not a load).
    assertThat(Files.readString(html)).contains("<svg id=\"chart-success\"").doesNotContain("<script")
        .doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContain("url(").doesNotContain("@import");
    assertThat(Files.readString(dir.resolve(Reports.MARKDOWN))).startsWith("# Drill: " + r.scenario().name())
        .contains(r.passed() ? "## Verdict: PASSED" : "## Verdict: FAILED");
    JsonNode json = new ObjectMapper().readTree(dir.resolve(Reports.JSON).toFile());
    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactlyElementsOf(TOP_LEVEL);
    assertThat(json.path("schema").asText()).isEqualTo(JsonReport.SCHEMA);
    assertThat(json.path("passed").asBoolean()).isEqualTo(r.passed());
    assertThat(json.path("phases")).hasSize(r.phases().size());
    assertThat(json.path("totals").path("gateway").path("requests").asInt()).isEqualTo(r.gatewayTotal().requests());
    assertThat(json.path("checks")).hasSize(r.checks().size());
    return json;
  }
}
