/**
 * Prometheus metrics for the gateway, from its health events, via Micrometer; and a Grafana
 * dashboard over them ({@code grafana-dashboard.json} beside these classes). Start at
 * {@link dev.ninelives.metrics.GatewayMetrics}.
 */
package dev.ninelives.metrics;
