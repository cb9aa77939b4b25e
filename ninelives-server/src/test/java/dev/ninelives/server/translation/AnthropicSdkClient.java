package dev.ninelives.server.translation;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sends {@link Ask}s with the official Anthropic Java SDK, validating every object it receives. */
final class AnthropicSdkClient implements SdkClient {
  private final AnthropicClient client;

  AnthropicSdkClient(String gatewayUrl) {
    this.client = AnthropicOkHttpClient.builder().baseUrl(gatewayUrl).apiKey("unused")
        .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
  }

  @Override
  public String name() {
    return "anthropic-java";
  }

  MessageCreateParams params(Ask ask) {
    MessageCreateParams.Builder b = MessageCreateParams.builder().model(ask.model())
        .maxTokens(ask.maxTokens() == null ? 1024 : ask.maxTokens());
    if (ask.system() != null) {
      b.system(ask.system());
    }
    boolean first = true;
    for (Ask.Turn t : ask.turns()) {
      if (!t.results().isEmpty()) {
        List<ContentBlockParam> results = new ArrayList<>();
        for (Ask.Result r : t.results()) {
          results.add(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
              .toolUseId(r.callId()).content(r.text()).build()));
        }
        b.addUserMessageOfContentBlockParams(results);
      } else if (t.role().equals("assistant")) {
        List<ContentBlockParam> blocks = new ArrayList<>();
        if (t.text() != null) {
          blocks.add(ContentBlockParam.ofText(t.text()));
        }
        for (Ask.Call c : t.calls()) {
          ToolUseBlockParam.Input.Builder input = ToolUseBlockParam.Input.builder();
          parse(c.argumentsJson()).forEach((k, v) -> input.putAdditionalProperty(k,
              JsonValue.from(v)));
          blocks.add(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder().id(c.id())
              .name(c.name()).input(input.build()).build()));
        }
        b.addAssistantMessageOfContentBlockParams(blocks);
      } else if (first && ask.imagePng() != null) {
        b.addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofText(t.text()),
            ContentBlockParam.ofImage(Base64ImageSource.builder().data(ask.imagePng())
                .mediaType(Base64ImageSource.MediaType.IMAGE_PNG).build())));
      } else {
        b.addUserMessage(t.text());
      }
      first = false;
    }
    for (String tool : ask.tools()) {
      b.addTool(Tool.builder().name(tool).description("Looks up " + tool)
          .inputSchema(Tool.InputSchema.builder()
              .properties(Tool.InputSchema.Properties.builder()
                  .putAdditionalProperty("query", JsonValue.from(Map.of("type", "string")))
                  .build())
              .required(List.of("query")).build())
          .build());
    }
    if (!ask.stop().isEmpty()) {
      b.stopSequences(ask.stop());
    }
    return b.build();
  }

  private static Map<String, Object> parse(String json) {
    try {
      return ObjectMappers.jsonMapper().readValue(json, new TypeReference<Map<String, Object>>() {
      });
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private static String finish(String stopReason) {
    switch (stopReason) {
      case "end_turn":
        return "stop";
      case "max_tokens":
        return "length";
      case "tool_use":
        return "tool_calls";
      default:
        return stopReason;
    }
  }

  @Override
  public Answer send(Ask ask) {
    return ask.stream() ? stream(ask) : complete(ask);
  }

  private Answer complete(Ask ask) {
    Message m = client.messages().create(params(ask));
    m.validate();
    StringBuilder text = new StringBuilder();
    List<Ask.Call> calls = new ArrayList<>();
    for (ContentBlock block : m.content()) {
      block.text().ifPresent(t -> text.append(t.text()));
      block.toolUse().ifPresent(u -> calls.add(new Ask.Call(u.id(), u.name(), json(u._input()))));
    }
    return new Answer(text.toString(), calls, finish(m.stopReason().orElseThrow().asString()),
        m.usage().inputTokens(), m.usage().outputTokens());
  }

  private static String json(JsonValue v) {
    try {
      return ObjectMappers.jsonMapper().writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Answer stream(Ask ask) {
    StringBuilder text = new StringBuilder();
    Map<Long, String[]> calls = new TreeMap<>();
    String finish = null;
    long in = -1;
    long out = -1;
    try (StreamResponse<RawMessageStreamEvent> s = client.messages()
        .createStreaming(params(ask))) {
      for (RawMessageStreamEvent e : (Iterable<RawMessageStreamEvent>) s.stream()::iterator) {
        e.validate();
        if (e.messageStart().isPresent()) {
          in = e.messageStart().get().message().usage().inputTokens();
        }
        e.contentBlockStart().flatMap(st -> st.contentBlock().toolUse())
            .ifPresent(u -> calls.put(e.contentBlockStart().get().index(),
                new String[] {u.id(), u.name(), ""}));
        e.contentBlockDelta().ifPresent(d -> {
          d.delta().text().ifPresent(t -> text.append(t.text()));
          d.delta().inputJson().ifPresent(j -> calls.get(d.index())[2] += j.partialJson());
        });
        if (e.messageDelta().isPresent()) {
          out = e.messageDelta().get().usage().outputTokens();
          finish = e.messageDelta().get().delta().stopReason().map(r -> finish(r.asString()))
              .orElse(null);
        }
      }
    }
    List<Ask.Call> result = new ArrayList<>();
    calls.values().forEach(c -> result.add(new Ask.Call(c[0], c[1], c[2])));
    return new Answer(text.toString(), result, finish, in, out);
  }

  @Override
  public void close() {
    client.close();
  }
}
