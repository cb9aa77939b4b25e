/**
 * The Google Gemini {@code generateContent} wire format, on the provider side: the gateway calls
 * Gemini on behalf of clients that speak OpenAI or Anthropic, so this package encodes canonical
 * requests ({@link dev.ninelives.providers.gemini.GeminiRequestEncoder}), decodes answers and
 * streams ({@link dev.ninelives.providers.gemini.GeminiResponseDecoder},
 * {@link dev.ninelives.providers.gemini.GeminiStreamDecoder}), classifies failures
 * ({@link dev.ninelives.providers.gemini.GeminiErrors}) and builds upstream requests
 * ({@link dev.ninelives.providers.gemini.GeminiAdapter}). No client speaks Gemini to the gateway.
 *
 * <p>Reference: {@code shared/reference/wire-formats.md} §3 and §5; the tests check bodies
 * against Google's protobuf definition of the API.
 */
package dev.ninelives.providers.gemini;
