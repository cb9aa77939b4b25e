package dev.ninelives.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPoolTest {
  private final ManualClock clock = new ManualClock();
  private final List<String> events = new ArrayList<>();
  private final KeyPoolListener listener = new KeyPoolListener() {
    @Override
    public void onKeyQuarantined(String provider, String keyLabel, long untilNanos) {
      events.add("key-quarantined");
    }

    @Override
    public void onKeyReadmitted(String provider, String keyLabel) {
      events.add("key-readmitted");
    }

    @Override
    public void onProviderQuarantined(String provider) {
      events.add("provider-quarantined");
    }

    @Override
    public void onProviderReadmitted(String provider) {
      events.add("provider-readmitted");
    }
  };

  private KeyPool pool(String... keys) {
    List<Secret> secrets = new ArrayList<>();
    for (String k : keys) {
      secrets.add(Secret.of(k));
    }
    return new KeyPool("p", secrets,
        new ResilienceConfig.Quarantine(Duration.ofSeconds(60), Duration.ofMinutes(4)), clock,
        listener);
  }

  @Test
  void keysAreUsedInTurn() {
    KeyPool pool = pool("a", "b");
    List<String> used = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      KeyLease l = pool.acquire();
      used.add(l.secret().reveal());
      pool.releaseSuccess(l);
    }
    assertThat(used).containsExactly("a", "b", "a", "b");
  }

  @Test
  void rateLimitedKeyCoolsDownAndOthersArePreferred() {
    KeyPool pool = pool("a", "b");
    KeyLease a = pool.acquire();
    pool.releaseRateLimited(a, Duration.ofSeconds(5).toNanos());
    for (int i = 0; i < 3; i++) {
      KeyLease l = pool.acquire();
      assertThat(l.secret().reveal()).isEqualTo("b");
      pool.releaseSuccess(l);
    }
    clock.advance(Duration.ofSeconds(5));
    assertThat(pool.hasFreshKey()).isTrue();
  }

  @Test
  void coolingKeyIsStillUsedWhenItIsTheOnlyOne() {
    KeyPool pool = pool("a");
    pool.releaseRateLimited(pool.acquire(), Duration.ofSeconds(5).toNanos());
    assertThat(pool.hasFreshKey()).isFalse();
    assertThat(pool.acquire()).isNotNull();
  }

  @Test
  void rejectedKeysAreQuarantinedAndAllRejectedQuarantinesTheProvider() {
    KeyPool pool = pool("a", "b");
    pool.releaseRejected(pool.acquire());
    assertThat(pool.providerQuarantined()).isFalse();
    KeyLease b = pool.acquire();
    assertThat(b.secret().reveal()).isEqualTo("b");
    pool.releaseRejected(b);
    assertThat(pool.providerQuarantined()).isTrue();
    assertThat(pool.acquire()).as("no calls to dead keys before the quarantine ends").isNull();
    assertThat(pool.available()).isFalse();
    assertThat(events).containsExactly("key-quarantined", "key-quarantined",
        "provider-quarantined");
  }

  @Test
  void quarantineEndsWithOneProbeAndSuccessReadmits() {
    KeyPool pool = pool("a");
    pool.releaseRejected(pool.acquire());
    clock.advance(Duration.ofSeconds(60));
    KeyLease probe = pool.acquire();
    assertThat(probe.isProbe()).isTrue();
    assertThat(pool.acquire()).as("one probe at a time").isNull();
    pool.releaseSuccess(probe);
    assertThat(pool.providerQuarantined()).isFalse();
    KeyLease normal = pool.acquire();
    assertThat(normal.isProbe()).isFalse();
    assertThat(events).endsWith("key-readmitted", "provider-readmitted");
  }

  @Test
  void failedProbeDoublesQuarantineUpToMax() {
    KeyPool pool = pool("a");
    pool.releaseRejected(pool.acquire()); // 60 s
    clock.advance(Duration.ofSeconds(60));
    pool.releaseRejected(pool.acquire()); // 120 s
    clock.advance(Duration.ofSeconds(119));
    assertThat(pool.acquire()).isNull();
    clock.advance(Duration.ofSeconds(1));
    pool.releaseRejected(pool.acquire()); // 240 s = max
    clock.advance(Duration.ofSeconds(240));
    pool.releaseRejected(pool.acquire()); // stays at max
    assertThat(pool.nanosUntilAvailable()).isEqualTo(Duration.ofMinutes(4).toNanos());
  }

  @Test
  void neutralOutcomeOfProbeKeepsQuarantineButFreesProbe() {
    KeyPool pool = pool("a");
    pool.releaseRejected(pool.acquire());
    clock.advance(Duration.ofSeconds(60));
    pool.releaseNeutral(pool.acquire());
    assertThat(pool.providerQuarantined()).isTrue();
    assertThat(pool.acquire().isProbe()).isTrue();
  }

  @Test
  void forcedProbePicksTheLongestQuarantinedKey() {
    KeyPool pool = pool("a", "b");
    pool.releaseRejected(pool.acquire()); // a at t=0
    clock.advance(Duration.ofSeconds(1));
    pool.releaseRejected(pool.acquire()); // b at t=1
    KeyLease forced = pool.forceProbe();
    assertThat(forced.secret().reveal()).isEqualTo("a");
    assertThat(pool.quarantinedSinceNanos()).isZero();
  }

  @Test
  void providerWithoutKeysHasOneEmptyKey() {
    KeyPool pool = new KeyPool("local", List.of(), ResilienceConfig.Quarantine.defaults(), clock,
        KeyPoolListener.NONE);
    KeyLease l = pool.acquire();
    assertThat(l.secret()).isNull();
    assertThat(l.label()).isEqualTo("no-key");
  }
}
