package dev.ninelives.core.model;

/** The wire formats the gateway speaks, on either side. */
public enum WireFormat {
  /** OpenAI Chat Completions, also spoken by Azure OpenAI and OpenAI-compatible servers. */
  OPENAI,
  /** Anthropic Messages. */
  ANTHROPIC,
  /** Google Gemini generateContent. */
  GEMINI
}
