package dev.ninelives.core.model;

/** Why the model stopped. Mapping tables: wire-formats.md §5 "Stop reasons". */
public enum FinishReason {
  /** A natural end of the turn. */
  END_TURN,
  /** The output token limit. */
  MAX_TOKENS,
  /** One of the request's stop sequences matched. */
  STOP_SEQUENCE,
  /** The model called one or more tools. */
  TOOL_USE,
  /** A safety system cut or refused the answer. */
  CONTENT_FILTER,
  /** Anything else (provider-specific reasons without an equivalent). */
  OTHER
}
