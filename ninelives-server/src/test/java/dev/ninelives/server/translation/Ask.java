package dev.ninelives.server.translation;

import java.util.List;

/**
 * A request described once, sent by either official SDK: the tests state what they ask and
 * each client turns it into its own SDK's builders.
 */
record Ask(String model, String system, List<Turn> turns, List<String> tools, String imagePng,
    List<String> stop, Integer maxTokens, boolean stream, boolean includeUsage) {

  static Ask of(String model, String userText) {
    return new Ask(model, null, List.of(Turn.user(userText)), List.of(), null, List.of(), null,
        false, false);
  }

  Ask streaming() {
    return new Ask(model, system, turns, tools, imagePng, stop, maxTokens, true, true);
  }

  Ask withSystem(String s) {
    return new Ask(model, s, turns, tools, imagePng, stop, maxTokens, stream, includeUsage);
  }

  Ask withTurns(List<Turn> t) {
    return new Ask(model, system, t, tools, imagePng, stop, maxTokens, stream, includeUsage);
  }

  Ask withTools(String... names) {
    return new Ask(model, system, turns, List.of(names), imagePng, stop, maxTokens, stream,
        includeUsage);
  }

  Ask withImage(String base64Png) {
    return new Ask(model, system, turns, tools, base64Png, stop, maxTokens, stream, includeUsage);
  }

  Ask withStop(String s) {
    return new Ask(model, system, turns, tools, imagePng, List.of(s), maxTokens, stream,
        includeUsage);
  }

  Ask withMaxTokens(int n) {
    return new Ask(model, system, turns, tools, imagePng, stop, n, stream, includeUsage);
  }

  /** One turn: user text, an assistant turn (text and/or calls), or user tool results. */
  record Turn(String role, String text, List<Call> calls, List<Result> results) {
    static Turn user(String text) {
      return new Turn("user", text, List.of(), List.of());
    }

    static Turn assistant(String text) {
      return new Turn("assistant", text, List.of(), List.of());
    }

    static Turn assistantCalls(List<Call> calls) {
      return new Turn("assistant", null, calls, List.of());
    }

    static Turn results(List<Result> results) {
      return new Turn("user", null, List.of(), results);
    }
  }

  /** A tool call as the client saw it. */
  record Call(String id, String name, String argumentsJson) { }

  /** A tool result the client sends back. */
  record Result(String callId, String text) { }
}
