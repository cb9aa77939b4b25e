package dev.ninelives.providers.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.Usage;
import java.io.IOException;

/**
 * Stop reasons and usage between Anthropic's wire form and the canonical model, shared by the
 * answer and stream codecs. Stateless and thread-safe.
 */
final class AnthropicMapping {
  private AnthropicMapping() {}

  /**
   * Anthropic's {@code stop_reason} → canonical: {@code refusal} is a content filter,
   * {@code model_context_window_exceeded} (API 2026-10-21) is an output limit like
   * {@code max_tokens}, {@code pause_turn} (a server-tool loop paused) and anything unknown are
   * OTHER; null (never sent in a final answer) is OTHER too.
   */
  static FinishReason finishReason(String stopReason) {
    if (stopReason == null) {
      return FinishReason.OTHER;
    }
    switch (stopReason) {
      case "end_turn":
        return FinishReason.END_TURN;
      case "max_tokens":
      case "model_context_window_exceeded":
        return FinishReason.MAX_TOKENS;
      case "stop_sequence":
        return FinishReason.STOP_SEQUENCE;
      case "tool_use":
        return FinishReason.TOOL_USE;
      case "refusal":
        return FinishReason.CONTENT_FILTER;
      default:
        return FinishReason.OTHER;
    }
  }

  /**
   * Canonical → Anthropic's {@code stop_reason}. OTHER becomes {@code end_turn}: the client's
   * SDK rejects unknown values, and a provider-specific stop is closest to a natural end.
   */
  static String stopReason(FinishReason reason) {
    switch (reason) {
      case MAX_TOKENS:
        return "max_tokens";
      case STOP_SEQUENCE:
        return "stop_sequence";
      case TOOL_USE:
        return "tool_use";
      case CONTENT_FILTER:
        return "refusal";
      case END_TURN:
      case OTHER:
      default:
        return "end_turn";
    }
  }

  /** The counts of one Anthropic usage object; -1 where absent or null. */
  static final class UsageFields {
    long input = -1;
    long output = -1;
    long cacheCreation = -1;
    long cacheRead = -1;

    /** Reads a usage object; the parser is on its START_OBJECT. */
    static UsageFields read(JsonParser p) throws IOException {
      UsageFields u = new UsageFields();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "input_tokens":
            u.input = AnthropicJson.count(p);
            break;
          case "output_tokens":
            u.output = AnthropicJson.count(p);
            break;
          case "cache_creation_input_tokens":
            u.cacheCreation = AnthropicJson.count(p);
            break;
          case "cache_read_input_tokens":
            u.cacheRead = AnthropicJson.count(p);
            break;
          default:
            p.skipChildren();
        }
      }
      return u;
    }

    /** Fills the counts this one lacks from {@code earlier} (message_start's, for a delta). */
    UsageFields orElse(UsageFields earlier) {
      if (earlier == null) {
        return this;
      }
      UsageFields u = new UsageFields();
      u.input = input >= 0 ? input : earlier.input;
      u.output = output >= 0 ? output : earlier.output;
      u.cacheCreation = cacheCreation >= 0 ? cacheCreation : earlier.cacheCreation;
      u.cacheRead = cacheRead >= 0 ? cacheRead : earlier.cacheRead;
      return u;
    }

    /**
     * The canonical usage. Anthropic's {@code input_tokens} counts only the uncached part, so
     * the canonical input is input + cache creation + cache read; an answer that reports input
     * but no cache counts used no cache (0).
     */
    Usage toCanonical() {
      long cc = cacheCreation >= 0 ? cacheCreation : (input >= 0 ? 0 : -1);
      long cr = cacheRead >= 0 ? cacheRead : (input >= 0 ? 0 : -1);
      long total = input >= 0 ? input + Math.max(cc, 0) + Math.max(cr, 0) : -1;
      return new Usage(total, output, cr, cc, -1);
    }
  }

  /** Anthropic's uncached input count for a canonical usage: never negative. */
  static long uncachedInput(Usage u) {
    if (u.inputTokens() < 0) {
      return 0;
    }
    long v = u.inputTokens() - Math.max(u.cachedInputTokens(), 0)
        - Math.max(u.cacheCreationInputTokens(), 0);
    return Math.max(v, 0);
  }

  /**
   * Writes the token members of an Anthropic usage object (the caller opens and closes it):
   * {@code input_tokens} (uncached), the two cache counts and {@code output_tokens}; unknown
   * counts are written as 0, as Anthropic itself reports "none".
   */
  static void writeUsageMembers(JsonGenerator g, Usage u) throws IOException {
    g.writeNumberField("input_tokens", uncachedInput(u));
    g.writeNumberField("cache_creation_input_tokens", Math.max(u.cacheCreationInputTokens(), 0));
    g.writeNumberField("cache_read_input_tokens", Math.max(u.cachedInputTokens(), 0));
    g.writeNumberField("output_tokens", Math.max(u.outputTokens(), 0));
  }
}
