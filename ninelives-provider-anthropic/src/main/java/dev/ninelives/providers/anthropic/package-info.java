/**
 * The Anthropic Messages wire format, on both sides of the gateway.
 *
 * <p>As a format clients speak ({@code POST /v1/messages}): {@link
 * dev.ninelives.providers.anthropic.AnthropicRequestScanner} reads what routing needs,
 * {@link dev.ninelives.providers.anthropic.AnthropicRequestDecoder} reads a whole request when
 * the target speaks another format, {@link
 * dev.ninelives.providers.anthropic.AnthropicResponseEncoder} and {@link
 * dev.ninelives.providers.anthropic.AnthropicStreamEncoder} write answers back, and {@link
 * dev.ninelives.providers.anthropic.AnthropicClientFormat} writes the gateway's own errors.
 *
 * <p>As a provider the gateway calls: {@link dev.ninelives.providers.anthropic.AnthropicAdapter}
 * builds requests and classifies failures through the one error table, {@link
 * dev.ninelives.providers.anthropic.AnthropicErrors}; {@link
 * dev.ninelives.providers.anthropic.AnthropicRequestEncoder}, {@link
 * dev.ninelives.providers.anthropic.AnthropicResponseDecoder} and {@link
 * dev.ninelives.providers.anthropic.AnthropicStreamDecoder} translate, and {@link
 * dev.ninelives.providers.anthropic.AnthropicStreamInspector} watches same-format streams.
 *
 * <p>All parsing and writing uses Jackson's streaming API; JSON values the gateway carries
 * without interpreting (schemas, tool inputs) travel as JSON text.
 */
package dev.ninelives.providers.anthropic;
