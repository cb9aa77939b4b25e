package dev.ninelives.status;

/**
 * What an incident meant for clients, counted while its subject was unhealthy (not during
 * the quiet minute before it is resolved).
 *
 * @param requestsAffected requests that tried the subject, or passed it by because it was
 *     unavailable (one per request, however many retries it made there); never fewer than
 *     {@code failedOver}
 * @param failed requests that failed on a route that uses the subject (cancelled requests
 *     and the caller's own mistakes are not failures)
 * @param failedOver requests moved from the subject to another target (after a failed
 *     attempt, or passed by because it was unavailable)
 * @param extraLatencyMs how much longer answers on the routes that use the subject took on
 *     average than in the five minutes before the incident, or null when not known
 */
public record Impact(long requestsAffected, long failed, long failedOver, Double extraLatencyMs) {
}
