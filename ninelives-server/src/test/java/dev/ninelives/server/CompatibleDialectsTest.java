package dev.ninelives.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.simulator.Dialect;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.RecordedRequest;
import dev.ninelives.simulator.SimulatedProvider;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Azure OpenAI and OpenAI-compatible servers, with their deviations from OpenAI. */
class CompatibleDialectsTest {

  private static ChatCompletionCreateParams params(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("hi").build();
  }

  private static String streamText(TestGateway gw, String model) {
    StringBuilder text = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> s = gw.openAi().chat().completions()
        .createStreaming(params(model))) {
      s.stream().forEach(ch -> {
        ch.validate();
        ch.choices().forEach(c -> c.delta().content().ifPresent(text::append));
      });
    }
    return text.toString();
  }

  @Test
  void azureClassicUsesTheDeploymentUrlApiVersionAndApiKeyHeader() {
    try (SimulatedProvider azure = SimulatedProvider.builder("azure").dialect(Dialect.AZURE)
        .reply("Hello from Azure.").validKeys("az-key").start();
        TestGateway gw = TestGateway.builder()
            .provider("azure", ProviderType.AZURE_OPENAI, azure.baseUrl(), "2024-10-21", "az-key")
            .route("chat", "azure/my-deployment").start()) {
      ChatCompletion c = gw.openAi().chat().completions().create(params("chat"));
      c.validate();
      assertThat(c.choices().get(0).message().content()).hasValue("Hello from Azure.");
      assertThat(streamText(gw, "chat")).isEqualTo("Hello from Azure.");
      RecordedRequest seen = azure.recorded().get(0);
      assertThat(seen.path()).isEqualTo("/openai/deployments/my-deployment/chat/completions");
      assertThat(seen.query()).contains("api-version=2024-10-21");
      assertThat(seen.header("api-key")).isEqualTo("az-key");
      assertThat(seen.header("authorization")).isNull();
    }
  }

  @Test
  void azureV1ApiTakesTheDeploymentAsModel() {
    try (SimulatedProvider azure = SimulatedProvider.builder("azure").dialect(Dialect.AZURE)
        .start();
        TestGateway gw = TestGateway.builder()
            .provider("azure", ProviderType.AZURE_OPENAI, azure.baseUrl() + "/v1", null, "k")
            .route("chat", "azure/dep-1").start()) {
      gw.openAi().chat().completions().create(params("chat")).validate();
      RecordedRequest seen = azure.recorded().get(0);
      assertThat(seen.path()).isEqualTo("/openai/v1/chat/completions");
      assertThat(seen.body()).contains("\"model\":\"dep-1\"");
    }
  }

  @Test
  void vllmErrorEventThenDoneAfterContent_endsWithTerminalErrorNotDone() throws Exception {
    try (SimulatedProvider vllm = SimulatedProvider.builder("vllm").dialect(Dialect.VLLM)
        .reply("alpha beta gamma").start();
        TestGateway gw = TestGateway.builder().provider(vllm).route("chat", "vllm/llama")
            .start()) {
      vllm.setDefault(Fault.errorEventAfterEvents(2));
      HttpResponse<String> r = gw.post(TestGateway.chatBody("chat", true));
      assertThat(r.body()).contains("\"content\":\"alpha\"").doesNotContain("[DONE]");
      assertThat(r.body().trim()).endsWith("}");
      String[] events = r.body().trim().split("\n\n");
      assertThat(events[events.length - 1]).startsWith("data: {\"error\":");
    }
  }

  @Test
  void vllmIntegerErrorCodesAreClassified_serverErrorFailsOver() {
    try (SimulatedProvider vllm = SimulatedProvider.builder("vllm").dialect(Dialect.VLLM).start();
        SimulatedProvider ollama = SimulatedProvider.builder("ollama").dialect(Dialect.OLLAMA)
            .reply("Hello from Ollama.").start();
        TestGateway gw = TestGateway.builder().provider(vllm).provider(ollama)
            .route("chat", "vllm/llama", "ollama/llama3").start()) {
      vllm.setDefault(Fault.status(500));
      assertThat(streamText(gw, "chat")).isEqualTo("Hello from Ollama.");
      assertThat(ollama.recorded().get(0).header("authorization"))
          .as("no key configured, none sent").isNull();
    }
  }

  @Test
  void llamaCppContextOverflowIsReturnedWhenNoLargerTargetExists() {
    try (SimulatedProvider llama = SimulatedProvider.builder("llama").dialect(Dialect.LLAMA_CPP)
        .start();
        SimulatedProvider other = SimulatedProvider.builder("other").start();
        TestGateway gw = TestGateway.builder().provider(llama).provider(other)
            .route("chat", "llama/small", "other/small").start()) {
      llama.setDefault(Fault.contextLengthExceeded());
      assertThatThrownBy(() -> gw.openAi().chat().completions().create(params("chat")))
          .isInstanceOfSatisfying(BadRequestException.class,
              e -> assertThat(e.getMessage()).contains("context"));
      assertThat(other.requests()).isZero();
    }
  }

  @Test
  void keysNeverAppearInErrorsReturnedToClients() throws Exception {
    try (SimulatedProvider p = SimulatedProvider.builder("p").validKeys("sk-valid-000").start();
        TestGateway gw = TestGateway.builder().provider(p, "sk-secret-abcdef123456")
            .route("chat", "p/m").start()) {
      HttpResponse<String> r = gw.post(TestGateway.chatBody("chat", false));
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).doesNotContain("sk-secret", "abcdef123456")
          .contains("\"outcome\":\"auth\"");
      assertThat(p.recorded().stream().map(RecordedRequest::key).collect(Collectors.toList()))
          .containsExactly("sk-secret-abcdef123456");
    }
  }
}
