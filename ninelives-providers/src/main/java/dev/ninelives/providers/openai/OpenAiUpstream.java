package dev.ninelives.providers.openai;

import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.policy.Attempt;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.providers.HeaderLookup;
import dev.ninelives.providers.InboundRequest;
import dev.ninelives.providers.StreamInspector;
import dev.ninelives.providers.UpstreamProtocol;
import dev.ninelives.providers.UpstreamRequest;

/**
 * An OpenAI-family provider (OpenAI, OpenAI-compatible servers, Azure OpenAI) as seen from an
 * OpenAI-format client: same-format passthrough with only {@code model} rewritten, the family's
 * error table, and its stream and answer checks. Immutable and thread-safe.
 */
public final class OpenAiUpstream implements UpstreamProtocol {
  private final OpenAiFamilyAdapter adapter;

  public OpenAiUpstream(ProviderConfig provider) {
    this.adapter = new OpenAiFamilyAdapter(provider);
  }

  @Override
  public UpstreamRequest prepare(Attempt attempt, InboundRequest request) {
    return adapter.prepare(attempt.target().ref().model(), attempt.key(), request.body(),
        request.scan());
  }

  @Override
  public Classification classifyError(int status, HeaderLookup headers, byte[] body,
      long nowEpochMillis) {
    return adapter.classify(status, headers, body, nowEpochMillis);
  }

  @Override
  public StreamInspector newStreamInspector() {
    return adapter.newStreamInspector();
  }

  @Override
  public String problemWithAnswer(byte[] body) {
    OpenAiResponseCheck.Result r = adapter.checkResponse(body);
    return r.ok() ? null : r.reason();
  }
}
