package dev.ninelives.server.relay;

import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.ChatResponse;
import dev.ninelives.core.trace.AttemptTrace;
import dev.ninelives.providers.codec.TranslationException;
import dev.ninelives.server.protocol.FormatBridge;
import dev.ninelives.server.protocol.Inbound;
import dev.ninelives.server.protocol.StreamRelay;

/**
 * Tells an attempt's trace what the upstream answered: the model, finish reason and tokens,
 * and — only when the operator asked for content — the prompt and the answer. The relay calls
 * it only for a recording trace, so none of this runs when tracing is off or a request is not
 * sampled. Stateless.
 */
final class AttemptTracing {
  private AttemptTracing() {
  }

  /** A stream that went to the client (complete, or cut after it started). */
  static void streamed(AttemptTrace span, StreamRelay stream, Inbound request) {
    span.answer(stream.responseModel(), stream.finishReason(), stream.usage());
    if (span.capturesContent()) {
      span.content(canonical(request), null); // a streamed answer is not kept to be recorded
    }
  }

  /** A complete answer that went to the client. */
  static void answered(AttemptTrace span, FormatBridge bridge, Inbound request, String model,
      FormatBridge.Answered answer) {
    ChatResponse response = bridge.canonical(answer, model);
    span.answer(response == null ? null : response.model(),
        response == null ? null : response.finishReason(), answer.usage());
    if (span.capturesContent()) {
      span.content(canonical(request), response);
    }
  }

  private static ChatRequest canonical(Inbound request) {
    try {
      return request.canonical();
    } catch (TranslationException e) {
      return null;
    }
  }
}
