package dev.ninelives.server.formats;

import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.model.WireFormat;
import dev.ninelives.server.protocol.Usages;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.providers.HeaderLookup;
import dev.ninelives.providers.ScannedRequest;
import dev.ninelives.providers.StreamInspector;
import dev.ninelives.providers.UpstreamRequest;
import dev.ninelives.providers.codec.RequestEncoder;
import dev.ninelives.providers.codec.ResponseDecoder;
import dev.ninelives.providers.codec.StreamDecoder;
import dev.ninelives.providers.codec.TranslationException;
import dev.ninelives.providers.openai.OpenAiFamilyAdapter;
import dev.ninelives.providers.openai.OpenAiRequestEncoder;
import dev.ninelives.providers.openai.OpenAiResponseCheck;
import dev.ninelives.providers.openai.OpenAiResponseDecoder;
import dev.ninelives.providers.openai.OpenAiStreamDecoder;
import dev.ninelives.server.protocol.ProviderSide;

/** An OpenAI-family provider: OpenAI, OpenAI-compatible servers, Azure OpenAI. Thread-safe. */
final class OpenAiProviderSide implements ProviderSide {
  private final OpenAiFamilyAdapter adapter;
  private final RequestEncoder encoder = new OpenAiRequestEncoder();
  private final ResponseDecoder decoder;

  OpenAiProviderSide(ProviderConfig config) {
    this.adapter = new OpenAiFamilyAdapter(config);
    this.decoder = new OpenAiResponseDecoder(adapter.knownSecrets());
  }

  @Override
  public WireFormat format() {
    return WireFormat.OPENAI;
  }

  @Override
  public UpstreamRequest passthrough(String model, Secret key, byte[] clientBody,
      ScannedRequest scan) {
    return adapter.prepare(model, key, clientBody, scan);
  }

  @Override
  public UpstreamRequest send(String model, Secret key, byte[] body, boolean stream) {
    return adapter.send(model, key, body, stream);
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
    return decoder;
  }

  @Override
  public StreamDecoder newStreamDecoder(String model) {
    return new OpenAiStreamDecoder(adapter.knownSecrets());
  }

  @Override
  public StreamInspector newPassthroughInspector() {
    return adapter.newStreamInspector();
  }

  @Override
  public Usage checkPassthrough(byte[] body) throws TranslationException {
    OpenAiResponseCheck.Result r = adapter.checkResponse(body);
    if (!r.ok()) {
      throw new TranslationException(r.reason());
    }
    return Usages.of(r.usage());
  }
}
