package dev.ninelives.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.SimulatedProvider;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible ingress on the happy path and with bad input, judged by the SDK. */
class OpenAiIngressTest {
  static SimulatedProvider primary;
  static SimulatedProvider secondary;
  static TestGateway gw;

  @BeforeAll
  static void start() {
    primary = SimulatedProvider.builder("primary").reply("Hello from primary.").start();
    secondary = SimulatedProvider.builder("secondary").reply("Hello from secondary.").start();
    gw = TestGateway.builder()
        .provider(primary, "sk-primary")
        .provider(secondary, "sk-secondary")
        .route("chat", "primary/model-a", "secondary/model-b")
        .maxBody(1024 * 1024)
        .start();
  }

  @AfterAll
  static void stop() {
    gw.close();
    primary.close();
    secondary.close();
  }

  @BeforeEach
  void reset() {
    primary.reset();
    secondary.reset();
  }

  private static ChatCompletionCreateParams params(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello").build();
  }

  @Test
  void nonStreamingAnswerIsValidAndNamesItsTarget() {
    HttpResponseFor<ChatCompletion> raw =
        gw.openAi().chat().completions().withRawResponse().create(params("chat"));
    ChatCompletion c = raw.parse();
    c.validate();
    assertThat(c.choices().get(0).message().content()).hasValue("Hello from primary.");
    assertThat(raw.headers().values("x-ninelives-target")).containsExactly("primary/model-a");
    assertThat(raw.headers().values("x-ninelives-attempts")).containsExactly("1");
    var seen = primary.recorded().get(0);
    assertThat(seen.key()).isEqualTo("sk-primary");
    assertThat(seen.body()).contains("\"model\":\"model-a\"").doesNotContain("\"chat\"");
  }

  @Test
  void streamingAnswerIsValidChunkByChunk() {
    ChatCompletionCreateParams p = params("chat").toBuilder()
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> s = gw.openAi().chat().completions()
        .createStreaming(p)) {
      s.stream().forEach(ch -> {
        ch.validate();
        chunks.add(ch);
      });
    }
    String text = chunks.stream().flatMap(ch -> ch.choices().stream())
        .map(ch -> ch.delta().content().orElse("")).collect(Collectors.joining());
    assertThat(text).isEqualTo("Hello from primary.");
    assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
  }

  @Test
  void streamIsDecidedByTheBodyNotTheAcceptHeader() throws Exception {
    HttpResponse<String> r = gw.post(TestGateway.chatBody("chat", true));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/event-stream"));
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
  }

  @Test
  void directProviderModelNameRoutesWithoutAnAlias() {
    HttpResponseFor<ChatCompletion> raw =
        gw.openAi().chat().completions().withRawResponse().create(params("secondary/other"));
    raw.parse().validate();
    assertThat(raw.headers().values("x-ninelives-target")).containsExactly("secondary/other");
    assertThat(secondary.recorded().get(0).body()).contains("\"model\":\"other\"");
  }

  @Test
  void modelsListsAliasesAndTargets() {
    List<String> ids = new ArrayList<>();
    gw.openAi().models().list().autoPager().forEach(m -> {
      m.validate();
      ids.add(m.id());
    });
    assertThat(ids).containsExactly("chat", "primary/model-a", "secondary/model-b");
  }

  @Test
  void unknownModelIsA404InOpenAiShape() {
    assertThatThrownBy(() -> gw.openAi().chat().completions().create(params("nope")))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.code()).hasValue("model_not_found");
          assertThat(e.getMessage()).contains("nope");
        });
    assertThat(primary.requests() + secondary.requests()).isZero();
  }

  @Test
  void malformedJsonIsA400() throws Exception {
    HttpResponse<String> r = gw.post("{\"model\": \"chat\", \"messages\": [");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"type\":\"invalid_request_error\"");
  }

  @Test
  void missingModelIsA400() throws Exception {
    HttpResponse<String> r = gw.post("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("model");
  }

  @Test
  void oversizeBodyIsA413WithoutReadingIt() throws Exception {
    String big = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + "x".repeat(20 * 1024 * 1024) + "\"}]}";
    HttpResponse<String> r = gw.post(big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("request_too_large");
    assertThat(primary.requests()).isZero();
  }

  @Test
  void callerErrorIsReturnedUnchangedWithoutFailover() {
    primary.enqueue(Fault.invalidRequest("'temperature' must be at most 2"));
    assertThatThrownBy(() -> gw.openAi().chat().completions().create(params("chat")))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.getMessage()).contains("'temperature' must be at most 2");
          assertThat(e.headers().values("x-ninelives-target")).containsExactly("primary/model-a");
          assertThat(e.headers().values("x-should-retry")).containsExactly("false");
        });
    assertThat(secondary.requests()).as("a caller error is not failed over").isZero();
  }

  @Test
  void healthAndReadiness() throws Exception {
    assertThat(gw.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(gw.get("/readyz").statusCode()).isEqualTo(200);
    assertThat(gw.get("/v1/nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  void modelListShapeValidates() {
    Model m = gw.openAi().models().list().data().get(0);
    assertThat(m.ownedBy()).isEqualTo("ninelives");
  }
}
