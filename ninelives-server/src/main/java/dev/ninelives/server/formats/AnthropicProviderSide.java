package dev.ninelives.server.formats;

import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.model.WireFormat;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.providers.BodyRewriter;
import dev.ninelives.providers.HeaderLookup;
import dev.ninelives.providers.ScannedRequest;
import dev.ninelives.providers.StreamInspector;
import dev.ninelives.providers.UpstreamRequest;
import dev.ninelives.providers.anthropic.AnthropicAdapter;
import dev.ninelives.providers.anthropic.AnthropicRequestEncoder;
import dev.ninelives.providers.anthropic.AnthropicResponseDecoder;
import dev.ninelives.providers.anthropic.AnthropicStreamDecoder;
import dev.ninelives.providers.anthropic.AnthropicStreamInspector;
import dev.ninelives.providers.codec.RequestEncoder;
import dev.ninelives.providers.codec.ResponseDecoder;
import dev.ninelives.providers.codec.StreamDecoder;
import dev.ninelives.providers.codec.TranslationException;
import dev.ninelives.server.protocol.ProviderSide;

/** An Anthropic Messages provider. Thread-safe. */
final class AnthropicProviderSide implements ProviderSide {
  private final AnthropicAdapter adapter;
  private final RequestEncoder encoder = new AnthropicRequestEncoder();
  private final ResponseDecoder decoder;
  private final ProviderConfig config;

  AnthropicProviderSide(ProviderConfig config) {
    this.adapter = new AnthropicAdapter(config);
    this.config = config;
    this.decoder = new AnthropicResponseDecoder(config.apiKeys());
  }

  @Override
  public WireFormat format() {
    return WireFormat.ANTHROPIC;
  }

  @Override
  public UpstreamRequest passthrough(String model, Secret key, byte[] clientBody,
      ScannedRequest scan) {
    return adapter.prepare(model, key, BodyRewriter.withModel(clientBody, scan, model),
        scan.stream());
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
  public java.util.List<String> droppedBy(dev.ninelives.core.model.ChatRequest request) {
    return AnthropicRequestEncoder.droppedFields(request);
  }

  @Override
  public RequestEncoder requestEncoder() {
    return encoder;
  }

  @Override
  public ResponseDecoder responseDecoder(String model) {
    return decoder;
  }

  @Override
  public StreamDecoder newStreamDecoder(String model) {
    return new AnthropicStreamDecoder(config.apiKeys());
  }

  @Override
  public StreamInspector newPassthroughInspector() {
    return new AnthropicStreamInspector(config.apiKeys());
  }

  @Override
  public Usage checkPassthrough(byte[] body) throws TranslationException {
    return decoder.decode(body).usage(); // same judgement as for a translated answer
  }
}
