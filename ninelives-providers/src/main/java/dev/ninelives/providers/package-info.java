/**
 * Wire-format pieces shared by every provider family: the incremental SSE parser, request
 * scanning results and body rewriting, the upstream request value, retry-after parsing,
 * secret redaction and the small value types the relay reads (usage, attempt summaries).
 *
 * <p>Nothing here does I/O or knows an HTTP library: the relay feeds bytes in and sends the
 * {@link dev.ninelives.providers.UpstreamRequest} it gets back with its own client.
 */
package dev.ninelives.providers;
