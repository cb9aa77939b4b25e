package dev.ninelives.tracing;

import dev.ninelives.core.model.FinishReason;
import java.util.List;

/**
 * Finish reasons in the GenAI conventions' own vocabulary ({@code stop}, {@code length},
 * {@code tool_call}, {@code content_filter}), so one dashboard reads the same across providers
 * and across a failover from one to another. Stateless.
 */
final class FinishReasons {
  private static final List<String> STOP = List.of("stop");
  private static final List<String> LENGTH = List.of("length");
  private static final List<String> TOOL_CALL = List.of("tool_call");
  private static final List<String> CONTENT_FILTER = List.of("content_filter");
  private static final List<String> OTHER = List.of("other");

  private FinishReasons() {
  }

  /** The attribute value for one answer's reason (shared lists: nothing is allocated). */
  static List<String> of(FinishReason reason) {
    switch (reason) {
      case END_TURN:
      case STOP_SEQUENCE:
        return STOP;
      case MAX_TOKENS:
        return LENGTH;
      case TOOL_USE:
        return TOOL_CALL;
      case CONTENT_FILTER:
        return CONTENT_FILTER;
      default:
        return OTHER;
    }
  }

  /** One reason as it appears in an output message. */
  static String name(FinishReason reason) {
    return of(reason).get(0);
  }
}
