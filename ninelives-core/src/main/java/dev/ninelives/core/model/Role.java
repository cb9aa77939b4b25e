package dev.ninelives.core.model;

/**
 * Who speaks a message. System instructions are not a role here: they sit apart, in
 * {@link ChatRequest#system()}, as Anthropic and Gemini keep them. Tool results are parts of a
 * {@link #USER} message, as Anthropic and Gemini send them.
 */
public enum Role {
  USER,
  ASSISTANT
}
