package dev.ninelives.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official openai-java SDK, with response validation on, is the oracle for the wire shapes: a
 * healthy answer must pass it in every dialect, and faults must surface as the SDK's errors.
 */
class SdkConformanceTest {
  private static Vertx vertx;
  private final SimClient client = new SimClient();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  private static OpenAIClient sdk(SimulatedProvider p) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(p.baseUrl())
        .apiKey("sk-sdk-test")
        .responseValidation(true)
        .maxRetries(0)
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  private static ChatCompletionCreateParams params() {
    return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Say hello").build();
  }

  @Test
  void sdkReadsAndValidatesAWholeAnswer() {
    try (SimulatedProvider p = SimulatedProvider.builder("primary").vertx(vertx).start()) {
      OpenAIClient sdk = sdk(p);
      try {
        ChatCompletion c = sdk.chat().completions().create(params());

        assertThat(c.choices().get(0).message().content()).hasValue("Hello from primary.");
        assertThat(c.model()).isEqualTo("gpt-4o-mini");
        assertThat(c.usage().orElseThrow().totalTokens()).isEqualTo(5);
        assertThat(p.recorded().get(0).key()).isEqualTo("sk-sdk-test");
      } finally {
        sdk.close();
      }
    }
  }

  @Test
  void sdkStreamsTheTokensAndTheUsageChunk() {
    try (SimulatedProvider p = SimulatedProvider.builder("primary").reply("One two three").vertx(vertx).start()) {
      OpenAIClient sdk = sdk(p);
      ChatCompletionCreateParams params = params().toBuilder()
          .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
          .build();
      try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(params)) {
        List<ChatCompletionChunk> chunks = stream.stream().collect(Collectors.toList());

        String text = chunks.stream()
            .flatMap(c -> c.choices().stream())
            .map(ch -> ch.delta().content().orElse(""))
            .collect(Collectors.joining());
        assertThat(text).isEqualTo("One two three");
        assertThat(chunks.get(chunks.size() - 1).usage().orElseThrow().completionTokens()).isEqualTo(3);
      } finally {
        sdk.close();
      }
    }
  }

  @Test
  void sdkSeesRateLimitAsRateLimitException() {
    try (SimulatedProvider p = SimulatedProvider.builder("primary").vertx(vertx).start()) {
      p.enqueue(Fault.rateLimited(Duration.ofSeconds(2)));
      OpenAIClient sdk = sdk(p);
      try {
        assertThatThrownBy(() -> sdk.chat().completions().create(params()))
            .isInstanceOf(RateLimitException.class)
            .hasMessageContaining("Rate limit reached");
      } finally {
        sdk.close();
      }
    }
  }

  @Test
  void sdkTreatsAMidStreamErrorEventAsAFailure() {
    try (SimulatedProvider p = SimulatedProvider.builder("primary").vertx(vertx).start()) {
      p.enqueue(Fault.errorEventAfterEvents(2));
      OpenAIClient sdk = sdk(p);
      try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(params())) {
        assertThatThrownBy(() -> stream.stream().forEach(c -> { }))
            .isInstanceOf(OpenAIException.class)
            .hasMessageContaining("server had an error");
      } finally {
        sdk.close();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, mode = EnumSource.Mode.EXCLUDE, names = {"ANTHROPIC", "GEMINI"})
  void everyOpenAiDialectsAnswerPassesSdkValidation(Dialect dialect) throws Exception {
    try (SimulatedProvider p = SimulatedProvider.builder("primary").dialect(dialect).vertx(vertx).start()) {
      String whole = client.chat(p, false).body();
      String streamed = client.post(SimClient.chatUrl(p), SimClient.streamWithUsage("gpt-sim")).body();

      ObjectMappers.jsonMapper().readValue(whole, ChatCompletion.class).validate();
      List<JsonNode> events = SimClient.events(streamed);
      // Azure's leading prompt-filter chunk has an empty object type; real SDKs skip such chunks.
      List<JsonNode> chunks = dialect == Dialect.AZURE ? events.subList(1, events.size()) : events;
      assertThat(chunks).hasSize(6);
      for (JsonNode chunk : chunks) {
        ObjectMappers.jsonMapper().treeToValue(chunk, ChatCompletionChunk.class).validate();
      }
    }
  }
}
