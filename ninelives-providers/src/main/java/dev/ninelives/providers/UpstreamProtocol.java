package dev.ninelives.providers;

import dev.ninelives.core.policy.Attempt;
import dev.ninelives.core.policy.Classification;

/**
 * How the relay speaks to one provider: build the request, classify failures, read streams
 * and judge complete answers. One instance per provider; implementations are immutable and
 * thread-safe.
 */
public interface UpstreamProtocol {

  /** The upstream request for one attempt of an inbound request. */
  UpstreamRequest prepare(Attempt attempt, InboundRequest request);

  /** The class of a non-2xx answer. */
  Classification classifyError(int status, HeaderLookup headers, byte[] body, long nowEpochMillis);

  /** A fresh reader for one streamed answer. */
  StreamInspector newStreamInspector();

  /**
   * Judges a complete non-streaming 200 answer: null when usable, else why not (the attempt
   * then counts as degraded and fails over).
   */
  String problemWithAnswer(byte[] body);
}
