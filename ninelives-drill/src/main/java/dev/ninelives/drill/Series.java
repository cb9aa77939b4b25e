package dev.ninelives.drill;

import java.util.List;
import java.util.Map;

/**
 * The replay cut into equal wall-clock buckets, for charts: what the clients saw per bucket (by
 * the time requests were sent), who answered, and the calls each provider received. Immutable.
 *
 * @param bucketNanos each bucket's length
 * @param buckets in time order
 */
public record Series(long bucketNanos, List<Bucket> buckets) {

  /**
   * One bucket.
   *
   * @param startNanos its start, from the start of the replay
   * @param gateway requests sent through the gateway in it
   * @param direct requests sent straight to the primary in it, or null
   * @param callsGateway calls each provider received from the gateway in it
   * @param callsDirect calls the primary received from the direct client in it, or empty
   */
  public record Bucket(long startNanos, Stats gateway, Stats direct, Map<String, Integer> callsGateway,
      Map<String, Integer> callsDirect) {}

  public Series {
    buckets = List.copyOf(buckets);
  }
}
