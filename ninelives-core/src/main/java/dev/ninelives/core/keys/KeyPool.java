package dev.ninelives.core.keys;

import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The API keys of one provider. Keys are used in turn; a key that hit a rate limit cools down
 * until its retry-after (others are preferred meanwhile); a key that failed authentication or
 * ran out of quota is quarantined and gets no traffic until its quarantine ends, when one
 * request probes it. A failed probe doubles the quarantine up to the configured maximum. When
 * every key is quarantined the provider is quarantined.
 *
 * <p>A provider without keys (a local server) has one implicit empty key, under the same rules:
 * a server that answers 401 to it is quarantined like any other.
 *
 * <p>Thread-safe.
 */
public final class KeyPool {
  private static final long DEFAULT_COOL_DOWN_NANOS = 1_000_000_000L;

  private final String provider;
  private final Secret[] keys;
  private final long[] quarantinedUntil;
  private final long[] quarantinedSince;
  private final long[] quarantineNanos;
  private final boolean[] probing;
  private final long[] coolingUntil;
  private final long baseQuarantineNanos;
  private final long maxQuarantineNanos;
  private final Clock clock;
  private final KeyPoolListener listener;
  private int cursor;
  private boolean providerQuarantined;

  public KeyPool(String provider, List<Secret> keys, ResilienceConfig.Quarantine config,
      Clock clock, KeyPoolListener listener) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.keys = keys.isEmpty() ? new Secret[] {null} : keys.toArray(new Secret[0]);
    int n = this.keys.length;
    this.quarantinedUntil = new long[n];
    this.quarantinedSince = new long[n];
    this.quarantineNanos = new long[n];
    this.probing = new boolean[n];
    this.coolingUntil = new long[n];
    this.baseQuarantineNanos = config.duration().toNanos();
    this.maxQuarantineNanos = config.max().toNanos();
    this.clock = clock;
    this.listener = listener;
    java.util.Arrays.fill(quarantinedUntil, Long.MIN_VALUE);
    java.util.Arrays.fill(coolingUntil, Long.MIN_VALUE);
  }

  public String provider() {
    return provider;
  }

  /**
   * A key for the next attempt: the next usable key in turn, preferring keys that are not
   * cooling down after a 429; a quarantined key whose quarantine has ended, as a probe; or
   * null when every key is quarantined (or being probed).
   */
  public synchronized KeyLease acquire() {
    long now = clock.nanoTime();
    int n = keys.length;
    int coolingCandidate = -1;
    for (int k = 0; k < n; k++) {
      int i = (cursor + k) % n;
      if (isQuarantined(i)) {
        continue;
      }
      if (coolingUntil[i] > now) {
        if (coolingCandidate < 0) {
          coolingCandidate = i;
        }
        continue;
      }
      cursor = (i + 1) % n;
      return new KeyLease(i, keys[i], false);
    }
    if (coolingCandidate >= 0) {
      cursor = (coolingCandidate + 1) % n;
      return new KeyLease(coolingCandidate, keys[coolingCandidate], false);
    }
    for (int i = 0; i < n; i++) {
      if (!probing[i] && quarantinedUntil[i] <= now) {
        probing[i] = true;
        return new KeyLease(i, keys[i], true);
      }
    }
    return null;
  }

  /**
   * A probe of the key that has been quarantined longest, even before its quarantine ends:
   * used only when every target of a route is unavailable. Null if that key is already being
   * probed.
   */
  public synchronized KeyLease forceProbe() {
    int oldest = -1;
    for (int i = 0; i < keys.length; i++) {
      if (!probing[i] && (oldest < 0 || quarantinedSince[i] < quarantinedSince[oldest])) {
        oldest = i;
      }
    }
    if (oldest < 0) {
      return null;
    }
    probing[oldest] = true;
    return new KeyLease(oldest, keys[oldest], true);
  }

  /** Whether any key can be used now without forcing (some key usable, or a probe due). */
  public synchronized boolean available() {
    long now = clock.nanoTime();
    for (int i = 0; i < keys.length; i++) {
      if (!isQuarantined(i) || (!probing[i] && quarantinedUntil[i] <= now)) {
        return true;
      }
    }
    return false;
  }

  /** When the provider's current quarantine began (clock nanos), or Long.MAX_VALUE if not. */
  public synchronized long quarantinedSinceNanos() {
    if (!providerQuarantined) {
      return Long.MAX_VALUE;
    }
    long since = Long.MAX_VALUE;
    for (int i = 0; i < keys.length; i++) {
      since = Math.min(since, quarantinedSince[i]);
    }
    return since;
  }

  /** Nanoseconds until some key's quarantine ends (0 if a key is usable now). */
  public synchronized long nanosUntilAvailable() {
    long now = clock.nanoTime();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < keys.length; i++) {
      if (!isQuarantined(i)) {
        return 0;
      }
      best = Math.min(best, Math.max(0, quarantinedUntil[i] - now));
    }
    return best;
  }

  /** Whether a key other than a cooling or quarantined one is ready now (a 429 can rotate). */
  public synchronized boolean hasFreshKey() {
    long now = clock.nanoTime();
    for (int i = 0; i < keys.length; i++) {
      if (!isQuarantined(i) && coolingUntil[i] <= now) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether some key could be used, but every such key is cooling down after a 429: the
   * provider asked to be left alone for now, and another target should serve if one can.
   */
  public synchronized boolean allUsableKeysCooling() {
    long now = clock.nanoTime();
    boolean usable = false;
    for (int i = 0; i < keys.length; i++) {
      if (!isQuarantined(i)) {
        if (coolingUntil[i] <= now) {
          return false;
        }
        usable = true;
      }
    }
    return usable;
  }

  public synchronized boolean providerQuarantined() {
    return providerQuarantined;
  }

  /** Returns a key after an attempt that the provider answered successfully. */
  public synchronized void releaseSuccess(KeyLease lease) {
    finish(lease);
    int i = lease.index;
    if (isQuarantined(i)) {
      quarantinedUntil[i] = Long.MIN_VALUE;
      quarantineNanos[i] = 0;
      listener.onKeyReadmitted(provider, lease.label());
      if (providerQuarantined) {
        providerQuarantined = false;
        listener.onProviderReadmitted(provider);
      }
    }
  }

  /** Returns a key after an attempt whose outcome says nothing about the key. */
  public synchronized void releaseNeutral(KeyLease lease) {
    finish(lease);
  }

  /** Returns a key that hit a rate limit: it cools down so the next attempts use other keys. */
  public synchronized void releaseRateLimited(KeyLease lease, long retryAfterNanos) {
    finish(lease);
    long wait = retryAfterNanos > 0 ? retryAfterNanos : DEFAULT_COOL_DOWN_NANOS;
    coolingUntil[lease.index] = clock.nanoTime() + wait;
  }

  /** Returns a key the provider rejected (401/403/402/quota): it is quarantined. */
  public synchronized void releaseRejected(KeyLease lease) {
    finish(lease);
    int i = lease.index;
    long now = clock.nanoTime();
    boolean wasQuarantined = isQuarantined(i);
    quarantineNanos[i] = wasQuarantined
        ? Math.min(maxQuarantineNanos, Math.max(baseQuarantineNanos, quarantineNanos[i] * 2))
        : baseQuarantineNanos;
    if (!wasQuarantined) {
      quarantinedSince[i] = now;
    }
    quarantinedUntil[i] = now + quarantineNanos[i];
    listener.onKeyQuarantined(provider, lease.label(), quarantinedUntil[i]);
    if (!providerQuarantined && allQuarantined()) {
      providerQuarantined = true;
      listener.onProviderQuarantined(provider);
    }
  }

  private void finish(KeyLease lease) {
    if (lease.released) {
      throw new IllegalStateException("a key lease must be released exactly once");
    }
    lease.released = true;
    if (lease.probe) {
      probing[lease.index] = false;
    }
  }

  private boolean isQuarantined(int i) {
    return quarantinedUntil[i] != Long.MIN_VALUE;
  }

  private boolean allQuarantined() {
    for (int i = 0; i < keys.length; i++) {
      if (!isQuarantined(i)) {
        return false;
      }
    }
    return true;
  }

  public int size() {
    return keys.length;
  }
}
