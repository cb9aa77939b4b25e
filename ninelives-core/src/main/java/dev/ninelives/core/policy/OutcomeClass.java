package dev.ninelives.core.policy;

/**
 * What one upstream attempt came to, and what the gateway does about it. This enum is the
 * error classification table of the architecture (§3) in code: each provider family maps its
 * status codes and error bodies onto these classes, and the policy engine reads only the class.
 */
public enum OutcomeClass {
  /** A usable answer. */
  SUCCESS(Retry.NEVER, Failover.NO, Health.SUCCESS),
  /** Connection refused, reset, DNS or TLS failure before any response. */
  CONNECT_FAILURE(Retry.ONCE_FAST, Failover.YES, Health.FAILURE),
  /** Timed out: connect, first token, stall, response or total. */
  TIMEOUT(Retry.NEVER, Failover.YES, Health.FAILURE),
  /** 408, 409, 500, 502, 503, 504, 529 overloaded. */
  SERVER_ERROR(Retry.BACKOFF, Failover.YES, Health.FAILURE),
  /** 429 rate limit (with or without retry-after): rate-limited, not broken. */
  RATE_LIMITED(Retry.IF_RETRY_AFTER_FITS, Failover.YES, Health.RATE_LIMITED),
  /** 401, 403, 402, 429 insufficient_quota, Gemini's bad-key 400: this key is unusable. */
  AUTH(Retry.NEVER, Failover.YES, Health.KEY_QUARANTINE),
  /** 400 context length exceeded: only a target with a larger context can help. */
  CONTEXT_LENGTH(Retry.NEVER, Failover.LARGER_CONTEXT_ONLY, Health.NONE),
  /** 400 content policy: fails over only where the route allows it. */
  CONTENT_POLICY(Retry.NEVER, Failover.IF_ROUTE_ALLOWS, Health.NONE),
  /** Other 400, 413, 422: the caller's fault, returned to the client translated. */
  CALLER_ERROR(Retry.NEVER, Failover.NO, Health.NONE),
  /** 404: the model is unknown at this provider, so the target is misconfigured. */
  NOT_FOUND(Retry.NEVER, Failover.YES, Health.MISCONFIGURED),
  /** HTTP 200 but unusable: empty, malformed, or rejected by a validator. */
  DEGRADED(Retry.NEVER, Failover.YES, Health.DEGRADED),
  /** An error event inside a 200 stream, or a stream cut or stalled. */
  STREAM_ERROR(Retry.NEVER, Failover.YES, Health.FAILURE),
  /**
   * The target's wire format cannot express the request (e.g. {@code n > 1} for Anthropic): the
   * target is skipped without a network call and the next one tried.
   */
  UNSUPPORTED(Retry.NEVER, Failover.YES, Health.NONE),
  /** The client went away; the attempt was cancelled and says nothing about the target. */
  CANCELLED(Retry.NEVER, Failover.NO, Health.NONE);

  /** Whether the same target may be tried again. */
  public enum Retry {
    NEVER,
    /** One immediate retry: connection failures are often one bad pooled connection. */
    ONCE_FAST,
    /** Up to {@code retries.max}, with exponential backoff and full jitter. */
    BACKOFF,
    /** Only when the upstream said when to come back and that fits the request deadline. */
    IF_RETRY_AFTER_FITS
  }

  /** Whether the next target of the route may be tried. */
  public enum Failover {
    YES,
    NO,
    LARGER_CONTEXT_ONLY,
    IF_ROUTE_ALLOWS
  }

  /** What the outcome says about the target's health. */
  public enum Health {
    SUCCESS,
    FAILURE,
    RATE_LIMITED,
    KEY_QUARANTINE,
    MISCONFIGURED,
    DEGRADED,
    NONE
  }

  private final Retry retry;
  private final Failover failover;
  private final Health health;

  OutcomeClass(Retry retry, Failover failover, Health health) {
    this.retry = retry;
    this.failover = failover;
    this.health = health;
  }

  public Retry retry() {
    return retry;
  }

  public Failover failover() {
    return failover;
  }

  public Health health() {
    return health;
  }

  /** The name used in metrics, headers and error listings: lower case with dashes. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
