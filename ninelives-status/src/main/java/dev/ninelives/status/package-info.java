/**
 * The live health picture of the gateway for operators and the application's own users.
 *
 * <p>{@link dev.ninelives.status.StatusTracker} subscribes to the core's health events and
 * keeps per target and per provider state, the last five minutes of success rate and latency,
 * breaker history, per route request counts, and {@link dev.ninelives.status.Incident}s with
 * timelines and impact. {@link dev.ninelives.status.StatusSnapshot#toJson()} is the body of
 * {@code GET /status.json}; {@link dev.ninelives.status.StatusPage#html()} is the page at
 * {@code GET /status}, which polls that JSON; {@link dev.ninelives.status.Incident#toMarkdown()}
 * drafts a post-mortem. No HTTP server code lives here.
 */
package dev.ninelives.status;
