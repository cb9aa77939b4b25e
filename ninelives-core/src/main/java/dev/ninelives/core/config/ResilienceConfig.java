package dev.ninelives.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The resilience policy of a route: timeouts, retries, breaker and key quarantine. The global
 * {@code resilience:} block gives the defaults; {@code models.<name>.resilience} overrides any
 * part of it, key by key.
 */
public record ResilienceConfig(
    Timeouts timeouts, Retries retries, Breaker breaker, Quarantine quarantine) {

  public ResilienceConfig {
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(retries, "retries");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(quarantine, "quarantine");
  }

  public static ResilienceConfig defaults() {
    return new ResilienceConfig(
        Timeouts.defaults(), Retries.defaults(), Breaker.defaults(), Quarantine.defaults());
  }

  /**
   * Timeouts of one request.
   *
   * @param connect to open a connection to the upstream
   * @param firstToken from sending a streaming request to the first content-bearing event
   * @param stall the longest gap between two stream events once the stream has started
   * @param response from sending a non-streaming request to its complete response
   * @param total the whole request, every attempt and wait included (the request deadline)
   */
  public record Timeouts(
      Duration connect, Duration firstToken, Duration stall, Duration response, Duration total) {

    public Timeouts {
      requirePositive("connect", connect);
      requirePositive("first_token", firstToken);
      requirePositive("stall", stall);
      requirePositive("response", response);
      requirePositive("total", total);
    }

    public static Timeouts defaults() {
      return new Timeouts(
          Duration.ofSeconds(2),
          Duration.ofSeconds(20),
          Duration.ofSeconds(30),
          Duration.ofSeconds(120),
          Duration.ofSeconds(300));
    }
  }

  /**
   * Retries of one target before failing over to the next.
   *
   * @param max retries per target after the first attempt
   * @param backoff base of the exponential backoff (full jitter)
   * @param maxBackoff cap of one backoff wait
   * @param budgetRatio retries allowed as a share of first attempts over the budget window
   * @param budgetMinRetries retries always allowed per budget window, so a quiet route still
   *     retries
   * @param budgetWindow how far back the budget looks
   */
  public record Retries(
      int max,
      Duration backoff,
      Duration maxBackoff,
      double budgetRatio,
      int budgetMinRetries,
      Duration budgetWindow) {

    public Retries {
      if (max < 0) {
        throw new IllegalArgumentException("retries.max must be 0 or more, but was " + max);
      }
      requirePositive("backoff", backoff);
      requirePositive("max_backoff", maxBackoff);
      if (budgetRatio < 0 || budgetRatio > 1) {
        throw new IllegalArgumentException("retries.budget must be 0%..100%, but was " + budgetRatio);
      }
      if (budgetMinRetries < 0) {
        throw new IllegalArgumentException(
            "retries.budget_min must be 0 or more, but was " + budgetMinRetries);
      }
      requirePositive("budget_window", budgetWindow);
    }

    public static Retries defaults() {
      return new Retries(2, Duration.ofMillis(200), Duration.ofSeconds(10), 0.2, 3,
          Duration.ofSeconds(10));
    }
  }

  /**
   * The circuit breaker of each target.
   *
   * @param failureRate share of failed calls in the window that opens the breaker (0..1]
   * @param slowCallRate share of slow calls in the window that opens the breaker (0..1]
   * @param slowCall a call slower than this (time to first token for streams) counts as slow
   * @param minimumCalls calls the window must hold before a rate is judged
   * @param window how far back the rates look
   * @param openFor how long an open breaker rejects before letting trial calls through
   * @param halfOpenCalls trial calls allowed while half-open; all must succeed to close
   */
  public record Breaker(
      double failureRate,
      double slowCallRate,
      Duration slowCall,
      int minimumCalls,
      Duration window,
      Duration openFor,
      int halfOpenCalls) {

    public Breaker {
      requireRate("failure_rate", failureRate);
      requireRate("slow_call_rate", slowCallRate);
      requirePositive("slow_call", slowCall);
      requirePositive("window", window);
      requirePositive("open_for", openFor);
      if (minimumCalls < 1) {
        throw new IllegalArgumentException("breaker.minimum_calls must be at least 1, but was "
            + minimumCalls);
      }
      if (halfOpenCalls < 1) {
        throw new IllegalArgumentException("breaker.half_open_calls must be at least 1, but was "
            + halfOpenCalls);
      }
    }

    public static Breaker defaults() {
      return new Breaker(0.5, 0.8, Duration.ofSeconds(10), 10, Duration.ofSeconds(60),
          Duration.ofSeconds(30), 1);
    }
  }

  /**
   * Quarantine of a key that failed authentication or ran out of quota. A quarantined key gets
   * no traffic until its quarantine ends; then one request probes it. A failed probe doubles
   * the quarantine, up to {@code max}.
   */
  public record Quarantine(Duration duration, Duration max) {
    public Quarantine {
      requirePositive("quarantine.for", duration);
      requirePositive("quarantine.max", max);
    }

    public static Quarantine defaults() {
      return new Quarantine(Duration.ofSeconds(60), Duration.ofMinutes(30));
    }
  }

  private static void requirePositive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, but was " + d);
    }
  }

  private static void requireRate(String name, double r) {
    if (!(r > 0 && r <= 1)) {
      throw new IllegalArgumentException(name + " must be in (0%, 100%], but was " + r);
    }
  }
}
