/**
 * The canonical, provider-neutral model of a chat request, its answer and its stream events.
 * Requests are translated client format → canonical → provider format only when the two
 * formats differ; same-format traffic never goes through here.
 *
 * <p>JSON values that the gateway carries but does not interpret (tool parameter schemas, tool
 * call arguments, response schemas) are kept as JSON text, so core needs no JSON library.
 * All types are immutable records and thread-safe.
 */
package dev.ninelives.core.model;
