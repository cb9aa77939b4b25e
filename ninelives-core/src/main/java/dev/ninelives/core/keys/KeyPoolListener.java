package dev.ninelives.core.keys;

/** Told when keys and providers are quarantined and readmitted. Called under the pool's lock. */
public interface KeyPoolListener {
  void onKeyQuarantined(String provider, String keyLabel, long untilNanos);

  void onKeyReadmitted(String provider, String keyLabel);

  /** Every key of the provider is quarantined: its targets get no traffic but probes. */
  void onProviderQuarantined(String provider);

  void onProviderReadmitted(String provider);

  KeyPoolListener NONE = new KeyPoolListener() {
    @Override
    public void onKeyQuarantined(String provider, String keyLabel, long untilNanos) { }

    @Override
    public void onKeyReadmitted(String provider, String keyLabel) { }

    @Override
    public void onProviderQuarantined(String provider) { }

    @Override
    public void onProviderReadmitted(String provider) { }
  };
}
