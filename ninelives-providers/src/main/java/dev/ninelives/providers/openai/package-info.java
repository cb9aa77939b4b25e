/**
 * The OpenAI Chat Completions wire format as spoken by OpenAI, OpenAI-compatible servers
 * (vLLM, Ollama, llama.cpp, TGI, Groq, Mistral, DeepSeek, Together, OpenRouter…) and Azure
 * OpenAI: request scanning and upstream request building, the error classification table,
 * stream and response inspection, and client-facing error bodies.
 *
 * <p>All parsing uses Jackson's streaming parser: no trees are built on the hot path.
 */
package dev.ninelives.providers.openai;
