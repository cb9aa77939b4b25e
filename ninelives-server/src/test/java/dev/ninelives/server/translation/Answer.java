package dev.ninelives.server.translation;

import java.util.List;

/**
 * What a client got back, normalised across SDKs.
 *
 * @param text the assistant's text (stream fragments joined)
 * @param calls tool calls, arguments reassembled from stream fragments
 * @param finish "stop", "length", "tool_calls" or "stop_sequence"
 * @param inputTokens reported input tokens, or -1
 * @param outputTokens reported output tokens, or -1
 */
record Answer(String text, List<Ask.Call> calls, String finish, long inputTokens,
    long outputTokens) { }
