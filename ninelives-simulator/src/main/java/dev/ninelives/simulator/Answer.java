package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the simulated model says to one request: text, cut to its limits, or tool calls. Dialect
 * neutral; the answer formats turn it into each API's shape. Immutable.
 *
 * @param content the text; empty for tool calls
 * @param tokens the pieces of the text, streamed one per event; they concatenate to {@code content}
 * @param stop why the answer ended
 * @param stopSequence the stop sequence that ended it, when {@code stop} is {@link Stop#STOP_SEQUENCE}
 * @param calls the tool calls, when {@code stop} is {@link Stop#TOOL_CALLS}; else empty
 */
record Answer(String content, List<String> tokens, Stop stop, String stopSequence, List<ToolCall> calls) {

  /** Why an answer ended, in neutral terms. */
  enum Stop {
    END,
    MAX_TOKENS,
    STOP_SEQUENCE,
    TOOL_CALLS
  }

  /**
   * One call of a declared tool.
   *
   * @param name the tool's name
   * @param arguments the arguments object; not to be changed after construction
   */
  record ToolCall(String name, ObjectNode arguments) {
    String argumentsJson() {
      return Json.write(arguments);
    }
  }

  private static final Pattern PARALLEL = Pattern.compile("\\bparallel\\b", Pattern.CASE_INSENSITIVE);

  Answer {
    tokens = List.copyOf(tokens);
    calls = List.copyOf(calls);
  }

  /**
   * Text ended by the earliest stop sequence it contains (the sequence itself is left out), and cut
   * to {@code maxTokens} words (0: no limit). When both apply, whichever the model would reach first
   * wins: the stop sequence only if fewer than {@code maxTokens} words come before it.
   */
  static Answer text(String text, int maxTokens, List<String> stopSequences) {
    int at = -1;
    String matched = null;
    for (String s : stopSequences) {
      int i = text.indexOf(s);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
        matched = s;
      }
    }
    if (matched != null) {
      String before = text.substring(0, at);
      List<String> tokens = Tokens.split(before);
      if (maxTokens == 0 || tokens.size() < maxTokens) {
        return new Answer(before, tokens, Stop.STOP_SEQUENCE, matched, List.of());
      }
    }
    List<String> tokens = Tokens.split(text);
    if (maxTokens > 0 && tokens.size() > maxTokens) {
      List<String> kept = tokens.subList(0, maxTokens);
      return new Answer(String.join("", kept), kept, Stop.MAX_TOKENS, null, List.of());
    }
    return new Answer(text, tokens, Stop.END, null, List.of());
  }

  /**
   * What the simulated model answers {@code chat}: with tool results last, a text listing them;
   * with callable tools and a user message last, a call of the first tool (the first two when the
   * user's text has the word "parallel" and parallel calls are allowed); otherwise {@code reply}.
   * {@code empty} (the empty-answer fault) makes any answer an empty text.
   */
  static Answer decide(ChatRequest chat, String reply, boolean empty) {
    if (empty) {
      return text("", chat.maxTokens(), List.of());
    }
    if (chat.turn() == ChatRequest.Turn.TOOL_RESULTS) {
      return text("Tool results: " + String.join("; ", chat.toolResults()), chat.maxTokens(), chat.stopSequences());
    }
    if (chat.turn() == ChatRequest.Turn.USER && chat.toolChoice() != ChatRequest.ToolChoice.NONE
        && !chat.tools().isEmpty()) {
      int n = chat.parallelAllowed() && PARALLEL.matcher(chat.userText()).find() ? 2 : 1;
      List<ToolCall> calls = new ArrayList<>();
      for (ChatRequest.Tool tool : chat.tools().subList(0, Math.min(n, chat.tools().size()))) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put(tool.argument(), chat.userText());
        calls.add(new ToolCall(tool.name(), args));
      }
      return new Answer("", List.of(), Stop.TOOL_CALLS, null, calls);
    }
    return text(reply, chat.maxTokens(), chat.stopSequences());
  }

  boolean isToolCalls() {
    return stop == Stop.TOOL_CALLS;
  }

  /** OpenAI's finish_reason for this answer. */
  String finishReason() {
    switch (stop) {
      case MAX_TOKENS:
        return "length";
      case TOOL_CALLS:
        return "tool_calls";
      default:
        return "stop";
    }
  }

  /** Output tokens for usage: the words of the text, or of the calls' argument JSON (at least 1 each). */
  int outputTokens() {
    if (!isToolCalls()) {
      return tokens.size();
    }
    int n = 0;
    for (ToolCall c : calls) {
      n += Math.max(1, Tokens.count(c.argumentsJson()));
    }
    return n;
  }

  /** Splits a call's argument JSON into pieces of at most {@code size} characters, as streams send it. */
  static List<String> fragments(String json, int size) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < json.length()) {
      int end = Math.min(json.length(), i + size);
      // Never split a surrogate pair: each piece is written as a JSON string of its own.
      if (end < json.length() && end - 1 > i && Character.isHighSurrogate(json.charAt(end - 1))) {
        end--;
      }
      out.add(json.substring(i, end));
      i = end;
    }
    return out;
  }
}
