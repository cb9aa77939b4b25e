/**
 * OpenTelemetry traces for the gateway: an implementation of core's tracing SPI
 * ({@link dev.ninelives.core.trace}) on the OpenTelemetry SDK, exporting over OTLP/HTTP with a
 * batch processor. One SERVER span per client request and one CLIENT span per upstream attempt,
 * named and described by the GenAI semantic conventions; skipped targets and failovers are
 * events of the request span. Prompts, answers and upstream messages are recorded only when the
 * operator turns {@code capture_content} on; keys never (only their fingerprint label).
 *
 * <p>Start at {@link dev.ninelives.tracing.OtelRequestTracer#create}.
 */
package dev.ninelives.tracing;
