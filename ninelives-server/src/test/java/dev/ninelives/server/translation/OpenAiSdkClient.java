package dev.ninelives.server.translation;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sends {@link Ask}s with the official OpenAI Java SDK, validating every object it receives. */
final class OpenAiSdkClient implements SdkClient {
  private final OpenAIClient client;

  OpenAiSdkClient(String gatewayUrl) {
    this.client = OpenAIOkHttpClient.builder().baseUrl(gatewayUrl + "/v1").apiKey("unused")
        .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
  }

  @Override
  public String name() {
    return "openai-java";
  }

  ChatCompletionCreateParams params(Ask ask) {
    ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(ask.model());
    if (ask.system() != null) {
      b.addSystemMessage(ask.system());
    }
    boolean first = true;
    for (Ask.Turn t : ask.turns()) {
      if (!t.results().isEmpty()) {
        for (Ask.Result r : t.results()) {
          b.addMessage(ChatCompletionToolMessageParam.builder().toolCallId(r.callId())
              .content(r.text()).build());
        }
      } else if (t.role().equals("assistant")) {
        ChatCompletionAssistantMessageParam.Builder a = ChatCompletionAssistantMessageParam
            .builder();
        if (t.text() != null) {
          a.content(t.text());
        }
        for (Ask.Call c : t.calls()) {
          a.addToolCall(ChatCompletionMessageFunctionToolCall.builder().id(c.id())
              .function(ChatCompletionMessageFunctionToolCall.Function.builder().name(c.name())
                  .arguments(c.argumentsJson()).build()).build());
        }
        b.addMessage(a.build());
      } else if (first && ask.imagePng() != null) {
        b.addUserMessageOfArrayOfContentParts(List.of(
            ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                .text(t.text()).build()),
            ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                    .url("data:image/png;base64," + ask.imagePng()).build()).build())));
      } else {
        b.addUserMessage(t.text());
      }
      first = false;
    }
    for (String tool : ask.tools()) {
      b.addFunctionTool(FunctionDefinition.builder().name(tool)
          .description("Looks up " + tool)
          .parameters(FunctionParameters.builder()
              .putAdditionalProperty("type", JsonValue.from("object"))
              .putAdditionalProperty("properties", JsonValue.from(
                  Map.of("query", Map.of("type", "string"))))
              .putAdditionalProperty("required", JsonValue.from(List.of("query")))
              .build())
          .build());
    }
    if (!ask.stop().isEmpty()) {
      b.stopOfStrings(ask.stop());
    }
    if (ask.maxTokens() != null) {
      b.maxCompletionTokens(ask.maxTokens());
    }
    if (ask.stream() && ask.includeUsage()) {
      b.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
    }
    return b.build();
  }

  @Override
  public Answer send(Ask ask) {
    return ask.stream() ? stream(ask) : complete(ask);
  }

  private Answer complete(Ask ask) {
    ChatCompletion c = client.chat().completions().create(params(ask));
    c.validate();
    var choice = c.choices().get(0);
    List<Ask.Call> calls = new ArrayList<>();
    for (ChatCompletionMessageToolCall call : choice.message().toolCalls().orElse(List.of())) {
      var f = call.asFunction();
      calls.add(new Ask.Call(f.id(), f.function().name(), f.function().arguments()));
    }
    var usage = c.usage().orElseThrow();
    return new Answer(choice.message().content().orElse(""), calls,
        choice.finishReason().asString(), usage.promptTokens(), usage.completionTokens());
  }

  private Answer stream(Ask ask) {
    StringBuilder text = new StringBuilder();
    Map<Long, String[]> calls = new TreeMap<>();
    String finish = null;
    long in = -1;
    long out = -1;
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions()
        .createStreaming(params(ask))) {
      for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) s.stream()::iterator) {
        chunk.validate();
        if (chunk.usage().isPresent()) {
          in = chunk.usage().get().promptTokens();
          out = chunk.usage().get().completionTokens();
        }
        for (var choice : chunk.choices()) {
          choice.delta().content().ifPresent(text::append);
          for (var tc : choice.delta().toolCalls().orElse(List.of())) {
            String[] call = calls.computeIfAbsent(tc.index(), i -> new String[] {"", "", ""});
            tc.id().ifPresent(id -> call[0] = id);
            tc.function().flatMap(f -> f.name()).ifPresent(n -> call[1] = n);
            tc.function().flatMap(f -> f.arguments()).ifPresent(a -> call[2] += a);
          }
          if (choice.finishReason().isPresent()) {
            finish = choice.finishReason().get().asString();
          }
        }
      }
    }
    List<Ask.Call> out2 = new ArrayList<>();
    calls.values().forEach(c -> out2.add(new Ask.Call(c[0], c[1], c[2])));
    return new Answer(text.toString(), out2, finish, in, out);
  }

  @Override
  public void close() {
    client.close();
  }
}
