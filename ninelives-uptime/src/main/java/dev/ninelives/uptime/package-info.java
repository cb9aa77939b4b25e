/**
 * Uptime and SLO report: how available each provider, target and route was over days and
 * months, as the gateway observed it, with an error budget against the configured objective.
 *
 * <p>{@link dev.ninelives.uptime.UptimeRecorder} subscribes to the core's health events and
 * counts, per wall-clock minute, attempts by outcome for each target and provider and client
 * requests by outcome for each route, with lock-free counters. {@link
 * dev.ninelives.uptime.UptimeHistory} writes finished minutes to an append-only store under the
 * configured data directory (or keeps them in memory), rolls old minutes up into hours and
 * answers {@link dev.ninelives.uptime.UptimeReport}s; {@link dev.ninelives.uptime.UptimeArchive}
 * reads the same store while the gateway is stopped or running. Definitions, the store's format
 * and retention are in {@code docs/uptime.md}. No HTTP server code lives here.
 */
package dev.ninelives.uptime;
