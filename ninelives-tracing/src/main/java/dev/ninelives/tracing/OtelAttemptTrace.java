package dev.ninelives.tracing;

import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.ChatResponse;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.policy.AttemptResult;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.core.trace.AttemptTrace;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * The CLIENT span of one upstream attempt, or for a request that is not sampled only the
 * context to propagate.
 *
 * <p>Upstream error messages are kept out unless content capture is on: a provider's 400 may
 * quote the prompt back. The outcome class and status say what happened without that risk.
 *
 * <p>Confined to the request's event loop.
 */
final class OtelAttemptTrace implements AttemptTrace {
  private static final TextMapSetter<HeaderSink> SETTER = (sink, name, value) -> {
    if (sink != null) {
      sink.put(name, value);
    }
  };

  private final Span span;
  private final boolean recording;
  private final boolean captureContent;

  OtelAttemptTrace(Span span, boolean recording, boolean captureContent) {
    this.span = span;
    this.recording = recording;
    this.captureContent = captureContent;
  }

  @Override
  public boolean recording() {
    return recording;
  }

  @Override
  public void inject(HeaderSink headers) {
    W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), headers, SETTER);
  }

  @Override
  public void answer(String responseModel, FinishReason finishReason, Usage usage) {
    if (!recording) {
      return;
    }
    if (responseModel != null && !responseModel.isEmpty()) {
      span.setAttribute(SemConv.GEN_AI_RESPONSE_MODEL, responseModel);
    }
    if (finishReason != null) {
      span.setAttribute(SemConv.GEN_AI_RESPONSE_FINISH_REASONS, FinishReasons.of(finishReason));
    }
    if (usage.inputTokens() >= 0) {
      span.setAttribute(SemConv.GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens());
    }
    if (usage.outputTokens() >= 0) {
      span.setAttribute(SemConv.GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens());
    }
  }

  @Override
  public boolean capturesContent() {
    return recording && captureContent;
  }

  @Override
  public void content(ChatRequest request, ChatResponse response) {
    if (!capturesContent() || (request == null && response == null)) {
      return;
    }
    AttributesBuilder details = Attributes.builder();
    if (request != null) {
      if (!request.system().isEmpty()) {
        details.put(SemConv.GEN_AI_SYSTEM_INSTRUCTIONS, MessagesJson.instructions(request.system()));
      }
      details.put(SemConv.GEN_AI_INPUT_MESSAGES, MessagesJson.input(request.messages()));
    }
    if (response != null) {
      details.put(SemConv.GEN_AI_OUTPUT_MESSAGES, MessagesJson.output(response));
    }
    span.addEvent(SemConv.EVENT_INFERENCE_DETAILS, details.build());
  }

  @Override
  public void end(AttemptResult result) {
    if (!recording) {
      return;
    }
    OutcomeClass outcome = result.outcome();
    span.setAttribute(SemConv.OUTCOME, outcome.label());
    if (result.status() > 0) {
      span.setAttribute(SemConv.HTTP_RESPONSE_STATUS_CODE, (long) result.status());
    }
    if (result.ttftNanos() >= 0) {
      span.setAttribute(SemConv.TTFT_MS, result.ttftNanos() / 1e6);
    }
    // A cancelled attempt says nothing about the upstream: the client left.
    if (outcome != OutcomeClass.SUCCESS && outcome != OutcomeClass.CANCELLED) {
      span.setAttribute(SemConv.ERROR_TYPE, outcome.label());
      span.setStatus(StatusCode.ERROR, captureContent ? result.message() : outcome.label());
    }
    span.end();
  }
}
