package dev.ninelives.server.openai;

import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.policy.Attempt;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.providers.HeaderLookup;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.UpstreamRequest;
import dev.ninelives.providers.openai.OpenAiFamilyAdapter;
import dev.ninelives.providers.openai.OpenAiResponseCheck;
import dev.ninelives.providers.openai.OpenAiStreamInspector;
import dev.ninelives.server.relay.EventKind;
import dev.ninelives.server.relay.InboundRequest;
import dev.ninelives.server.relay.StreamInspector;
import dev.ninelives.server.relay.UpstreamProtocol;

/**
 * The relay's view of an OpenAI-family provider (OpenAI, OpenAI-compatible servers, Azure
 * OpenAI) for OpenAI-format clients: same-format passthrough, with only {@code model}
 * rewritten. Immutable and thread-safe.
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
    OpenAiStreamInspector inspector = new OpenAiStreamInspector(adapter.config().apiKeys());
    return new StreamInspector() {
      @Override
      public EventKind inspect(SseEvent event) {
        return EventKind.valueOf(inspector.inspect(event).name());
      }

      @Override
      public Classification error() {
        return inspector.error();
      }

      @Override
      public boolean finished() {
        return inspector.finishReason() != null;
      }
    };
  }

  @Override
  public String problemWithAnswer(byte[] body) {
    OpenAiResponseCheck.Result r = OpenAiResponseCheck.check(body);
    return r.ok() ? null : r.reason();
  }
}
