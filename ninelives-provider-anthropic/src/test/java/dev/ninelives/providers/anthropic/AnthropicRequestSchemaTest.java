package dev.ninelives.providers.anthropic;

import static dev.ninelives.providers.anthropic.SdkOracle.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ninelives.core.model.ChatRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden check: every body the request encoder writes validates against
 * {@code CreateMessageParams} in Anthropic's OpenAPI 3.1 spec (JSON Schema draft 2020-12), kept
 * in {@code <repo-root>/../shared/specs/anthropic/openapi.json}. References
 * ({@code #/components/schemas/…}) resolve against the whole document. Without the spec the
 * test is skipped, except in CI ({@code CI=true}), where it fails.
 */
class AnthropicRequestSchemaTest {
  private static JsonSchema createMessageParams;

  @BeforeAll
  static void loadSpec() throws IOException {
    Path spec = findSpec();
    if (!Files.isRegularFile(spec)) {
      String why = "Anthropic's OpenAPI spec not found; looked at " + spec;
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(why + " (required in CI)");
      }
      Assumptions.abort(why);
    }
    // The document itself becomes the root schema, pointed at CreateMessageParams: its
    // OpenAPI members (openapi, info, paths…) are unknown keywords and ignored, and every
    // "#/components/schemas/…" resolves within it.
    ObjectNode root = (ObjectNode) SdkOracle.PLAIN.readTree(spec.toFile());
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$ref", "#/components/schemas/CreateMessageParams");
    createMessageParams = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(root);
  }

  /** {@code <repo-root>/../shared/specs/anthropic/openapi.json}, the repo root found upwards. */
  static Path findSpec() {
    Path dir = Paths.get("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("ninelives-core")) && Files.isRegularFile(
          d.resolve("pom.xml"))) {
        Path parent = d.getParent() == null ? d : d.getParent();
        return parent.resolve("shared/specs/anthropic/openapi.json");
      }
    }
    return dir.resolve("../../shared/specs/anthropic/openapi.json").normalize();
  }

  static Set<ValidationMessage> validate(JsonNode body) {
    return createMessageParams.validate(body);
  }

  static Stream<Arguments> samples() {
    return SampleRequests.all().entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void encodedBodies_validateAgainstCreateMessageParams(String name, ChatRequest request)
      throws Exception {
    JsonNode body = tree(new AnthropicRequestEncoder().encode(request, "claude-sonnet-4-5"));
    assertThat(validate(body)).as(name + ": " + body).isEmpty();
  }

  @Test
  void roundTripBodies_validateToo() throws Exception {
    for (Map.Entry<String, String> e : AnthropicRequestRoundTripTest.bodies().entrySet()) {
      ChatRequest canonical = new AnthropicRequestDecoder().decode(SdkOracle.utf8(e.getValue()));
      JsonNode body = tree(new AnthropicRequestEncoder().encode(canonical, canonical.model()));
      assertThat(validate(body)).as(e.getKey()).isEmpty();
    }
  }

  /** The check is real: bodies that break the schema are caught. */
  @Test
  void invalidBodies_fail() {
    String[] invalid = {
        // no max_tokens (required)
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        // a role Anthropic does not have
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"tool\",\"content\":\"hi\"}]}",
        // OpenAI's tool_choice string
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"tool_choice\":\"auto\"}",
        // temperature above Anthropic's 1
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"temperature\":1.5}",
        // tool input as a JSON string, OpenAI-style
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"assistant\",\"content\":"
            + "[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":\"{}\"}]}]}",
        // an empty text block
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":"
            + "[{\"type\":\"text\",\"text\":\"\"}]}]}",
        // an unknown top-level member
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"n\":2}"};
    for (String body : invalid) {
      assertThat(validate(tree(body))).as(body).isNotEmpty();
    }
  }
}
