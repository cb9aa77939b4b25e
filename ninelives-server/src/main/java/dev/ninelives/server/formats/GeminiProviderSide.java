package dev.ninelives.server.formats;

import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.model.WireFormat;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.providers.HeaderLookup;
import dev.ninelives.providers.ScannedRequest;
import dev.ninelives.providers.StreamInspector;
import dev.ninelives.providers.UpstreamRequest;
import dev.ninelives.providers.codec.RequestEncoder;
import dev.ninelives.providers.codec.ResponseDecoder;
import dev.ninelives.providers.codec.StreamDecoder;
import dev.ninelives.providers.gemini.GeminiAdapter;
import dev.ninelives.providers.gemini.GeminiRequestEncoder;
import dev.ninelives.providers.gemini.GeminiResponseDecoder;
import dev.ninelives.providers.gemini.GeminiStreamDecoder;
import dev.ninelives.server.protocol.ProviderSide;

/**
 * A Gemini provider. No client speaks Gemini to the gateway, so every request to it is
 * translated; the passthrough methods are never reached. Thread-safe.
 */
final class GeminiProviderSide implements ProviderSide {
  private final GeminiAdapter adapter;
  private final RequestEncoder encoder = new GeminiRequestEncoder();

  private final ProviderConfig config;

  GeminiProviderSide(ProviderConfig config) {
    this.adapter = new GeminiAdapter(config);
    this.config = config;
  }

  @Override
  public WireFormat format() {
    return WireFormat.GEMINI;
  }

  @Override
  public UpstreamRequest passthrough(String model, Secret key, byte[] clientBody,
      ScannedRequest scan) {
    throw new IllegalStateException("no client speaks Gemini to the gateway");
  }

  @Override
  public UpstreamRequest send(String model, Secret key, byte[] body, boolean stream) {
    return adapter.prepare(model, key, body, stream);
  }

  @Override
  public Classification classify(int status, HeaderLookup headers, byte[] body, long now) {
    return adapter.classify(status, headers, body, now);
  }

  @Override
  public RequestEncoder requestEncoder() {
    return encoder;
  }

  @Override
  public ResponseDecoder responseDecoder(String model) {
    return new GeminiResponseDecoder(model, config.apiKeys());
  }

  @Override
  public StreamDecoder newStreamDecoder(String model) {
    return new GeminiStreamDecoder(model, config.apiKeys());
  }

  @Override
  public StreamInspector newPassthroughInspector() {
    throw new IllegalStateException("no client speaks Gemini to the gateway");
  }

  @Override
  public Usage checkPassthrough(byte[] body) {
    throw new IllegalStateException("no client speaks Gemini to the gateway");
  }
}
