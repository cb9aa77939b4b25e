package dev.ninelives.server.translation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.server.TestGateway;
import dev.ninelives.simulator.Dialect;
import dev.ninelives.simulator.SimulatedProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client → provider direction (OpenAI and Anthropic SDKs as clients; OpenAI, Anthropic and
 * Gemini simulated providers as targets), streaming and not. The SDKs validate every object
 * they receive; the simulator's record of what arrived shows the request was translated.
 */
class TranslationTest {
  /** A 1×1 transparent PNG. */
  static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAY"
      + "AAjCB0C8AAAAASUVORK5CYII=";

  static SimulatedProvider openai;
  static SimulatedProvider anthropic;
  static SimulatedProvider gemini;
  static TestGateway gw;
  static final Map<Dialect, SimulatedProvider> SIMS = new java.util.EnumMap<>(Dialect.class);

  @BeforeAll
  static void start() {
    openai = SimulatedProvider.builder("oa").dialect(Dialect.OPENAI).start();
    anthropic = SimulatedProvider.builder("an").dialect(Dialect.ANTHROPIC).start();
    gemini = SimulatedProvider.builder("ge").dialect(Dialect.GEMINI).start();
    SIMS.put(Dialect.OPENAI, openai);
    SIMS.put(Dialect.ANTHROPIC, anthropic);
    SIMS.put(Dialect.GEMINI, gemini);
    gw = TestGateway.builder()
        .provider(openai, "sk-oa")
        .provider(anthropic, "sk-ant-an")
        .provider(gemini, "AIza-ge")
        .route("via-openai", "oa/gpt-4.1")
        .route("via-anthropic", "an/claude-sonnet-4-5")
        .route("via-gemini", "ge/gemini-2.5-pro")
        .start();
  }

  @AfterAll
  static void stop() {
    gw.close();
    openai.close();
    anthropic.close();
    gemini.close();
  }

  @BeforeEach
  void reset() {
    SIMS.values().forEach(SimulatedProvider::reset);
  }

  static Stream<Arguments> directions() {
    List<Arguments> all = new ArrayList<>();
    for (String client : List.of("openai-java", "anthropic-java")) {
      for (Dialect target : List.of(Dialect.OPENAI, Dialect.ANTHROPIC, Dialect.GEMINI)) {
        for (boolean stream : List.of(false, true)) {
          all.add(Arguments.of(client, target, stream));
        }
      }
    }
    return all.stream();
  }

  private static SdkClient client(String name) {
    return name.equals("openai-java") ? new OpenAiSdkClient(gw.url())
        : new AnthropicSdkClient(gw.url());
  }

  private static String alias(Dialect target) {
    switch (target) {
      case ANTHROPIC:
        return "via-anthropic";
      case GEMINI:
        return "via-gemini";
      default:
        return "via-openai";
    }
  }

  private static Ask ask(Dialect target, String text, boolean stream) {
    Ask a = Ask.of(alias(target), text);
    return stream ? a.streaming() : a;
  }

  private static String received(Dialect target) {
    var recorded = SIMS.get(target).recorded();
    assertThat(recorded).as("requests at the %s simulator", target).isNotEmpty();
    return recorded.get(recorded.size() - 1).body();
  }

  @ParameterizedTest(name = "{0} -> {1}, stream={2}")
  @MethodSource("directions")
  void plainText(String clientName, Dialect target, boolean stream) {
    try (SdkClient client = client(clientName)) {
      Answer a = client.send(ask(target, "Say hello", stream));
      assertThat(a.text()).isEqualTo("Hello from " + SIMS.get(target).name() + ".");
      assertThat(a.finish()).isEqualTo("stop");
      assertThat(a.calls()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0} -> {1}, stream={2}")
  @MethodSource("directions")
  void systemPromptArrivesInTheTargetsOwnPlace(String clientName, Dialect target,
      boolean stream) {
    try (SdkClient client = client(clientName)) {
      client.send(ask(target, "Say hello", stream).withSystem("Answer like a pirate."));
      String body = received(target);
      assertThat(body).contains("Answer like a pirate.");
      switch (target) {
        case OPENAI:
          assertThat(body).contains("\"role\":\"system\"");
          break;
        case ANTHROPIC:
          assertThat(body).contains("\"system\"").doesNotContain("\"role\":\"system\"");
          break;
        default:
          assertThat(body).contains("\"systemInstruction\"");
      }
    }
  }

  @ParameterizedTest(name = "{0} -> {1}, stream={2}")
  @MethodSource("directions")
  void multiTurnConversationIsCarriedInOrder(String clientName, Dialect target,
      boolean stream) {
    try (SdkClient client = client(clientName)) {
      Ask a = ask(target, "unused", stream).withTurns(List.of(Ask.Turn.user("My name is Ada."),
          Ask.Turn.assistant("Hello Ada!"), Ask.Turn.user("What is my name?")));
      Answer answer = client.send(a);
      assertThat(answer.text()).isNotEmpty();
      String body = received(target);
      assertThat(body.indexOf("My name is Ada.")).isLessThan(body.indexOf("Hello Ada!"));
      assertThat(body.indexOf("Hello Ada!")).isLessThan(body.indexOf("What is my name?"));
      assertThat(body).contains(target == Dialect.GEMINI ? "\"role\":\"model\""
          : "\"role\":\"assistant\"");
    }
  }

  @ParameterizedTest(name = "{0} -> {1}, stream={2}")
  @MethodSource("directions")
  void imageInputIsTranslated(String clientName, Dialect target, boolean stream) {
    try (SdkClient client = client(clientName)) {
      client.send(ask(target, "What is in this image?", stream).withImage(PNG));
      String body = received(target);
      assertThat(body).contains(PNG);
      switch (target) {
        case OPENAI:
          assertThat(body).contains("data:image/png;base64,");
          break;
        case ANTHROPIC:
          assertThat(body).contains("\"media_type\":\"image/png\"");
          break;
        default:
          assertThat(body).contains("\"inlineData\"");
      }
    }
  }

  @ParameterizedTest(name = "{0} -> {1}, stream={2}")
  @MethodSource("directions")
  void toolCallAndResultRoundTrip(String clientName, Dialect target, boolean stream) {
    try (SdkClient client = client(clientName)) {
      Ask first = ask(target, "What is the weather in Paris?", stream)
          .withTools("lookup_weather");
      Answer call = client.send(first);
      assertThat(call.finish()).isEqualTo("tool_calls");
      assertThat(call.calls()).singleElement().satisfies(c -> {
        assertThat(c.name()).isEqualTo("lookup_weather");
        assertThat(c.id()).isNotBlank();
        assertThat(c.argumentsJson().replace(" ", ""))
            .isEqualTo("{\"query\":\"WhatistheweatherinParis?\"}");
      });
      Ask.Call made = call.calls().get(0);
      Ask second = first.withTurns(List.of(
          Ask.Turn.user("What is the weather in Paris?"),
          Ask.Turn.assistantCalls(List.of(made)),
          Ask.Turn.results(List.of(new Ask.Result(made.id(), "sunny, 21 C")))));
      Answer done = client.send(second);
      assertThat(done.text()).isEqualTo("Tool results: sunny, 21 C");
      assertThat(done.finish()).isEqualTo("stop");
      String body = received(target);
      assertThat(body).contains("sunny, 21 C").contains("lookup_weather");
    }
  }

  @ParameterizedTest(name = "{0} -> {1}, stream={2}")
  @MethodSource("directions")
  void parallelToolCallsKeepTheirArgumentsApart(String clientName, Dialect target,
      boolean stream) {
    try (SdkClient client = client(clientName)) {
      Answer a = client.send(ask(target, "Do both in parallel", stream)
          .withTools("lookup_weather", "lookup_time"));
      assertThat(a.finish()).isEqualTo("tool_calls");
      assertThat(a.calls()).extracting(Ask.Call::name)
          .containsExactly("lookup_weather", "lookup_time");
      assertThat(a.calls()).extracting(Ask.Call::id).doesNotHaveDuplicates();
      for (Ask.Call c : a.calls()) {
        assertThat(c.argumentsJson().replace(" ", "")).isEqualTo("{\"query\":\"Dobothinparallel\"}");
      }
    }
  }

  @ParameterizedTest(name = "{0} -> {1}, stream={2}")
  @MethodSource("directions")
  void usageIsReported(String clientName, Dialect target, boolean stream) {
    try (SdkClient client = client(clientName)) {
      Answer a = client.send(ask(target, "Say hello", stream));
      assertThat(a.outputTokens()).as("output tokens").isPositive();
      if (!stream || clientName.equals("openai-java")) {
        assertThat(a.inputTokens()).as("input tokens").isPositive();
      }
    }
  }

  @ParameterizedTest(name = "{0} -> {1}, stream={2}")
  @MethodSource("directions")
  void stopSequenceEndsTheAnswer(String clientName, Dialect target, boolean stream) {
    try (SdkClient client = client(clientName)) {
      Answer a = client.send(ask(target, "Say hello", stream).withStop("from"));
      assertThat(a.text()).startsWith("Hello").doesNotContain("from");
      assertThat(a.finish()).isIn("stop", "stop_sequence");
    }
  }

  @ParameterizedTest(name = "{0} -> {1}, stream={2}")
  @MethodSource("directions")
  void maxTokensFinishIsReported(String clientName, Dialect target, boolean stream) {
    try (SdkClient client = client(clientName)) {
      Answer a = client.send(ask(target, "Say hello", stream).withMaxTokens(1));
      assertThat(a.finish()).isEqualTo("length");
      assertThat(a.text()).isEqualTo("Hello");
    }
  }
}
