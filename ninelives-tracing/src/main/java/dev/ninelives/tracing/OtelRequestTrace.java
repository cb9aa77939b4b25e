package dev.ninelives.tracing;

import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.health.RequestSummary;
import dev.ninelives.core.policy.Attempt;
import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.trace.AttemptTrace;
import dev.ninelives.core.trace.RequestTrace;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.concurrent.TimeUnit;

/**
 * The SERVER span of one client request. It also listens to the request's policy execution,
 * which reports the targets it passed over and its failovers: those become events.
 *
 * <p>Confined to the request's event loop.
 */
final class OtelRequestTrace implements RequestTrace, HealthListener {
  private final OtelRequestTracer tracer;
  private final Span span;
  private final long startEpochNanos;
  private final boolean recording;

  OtelRequestTrace(OtelRequestTracer tracer, Span span, long startEpochNanos) {
    this.tracer = tracer;
    this.span = span;
    this.startEpochNanos = startEpochNanos;
    this.recording = span.isRecording();
  }

  @Override
  public boolean recording() {
    return recording;
  }

  @Override
  public HealthListener events() {
    return recording ? this : HealthListener.NONE;
  }

  @Override
  public AttemptTrace attempt(Attempt attempt) {
    if (!recording) {
      // Not sampled: no span to record, but the upstream still learns the trace and that it
      // is not sampled, from the request span's context.
      return new OtelAttemptTrace(span, false, false);
    }
    var target = attempt.target();
    Upstream up = tracer.upstream(target.provider());
    Span s = tracer.attemptSpan(span, SemConv.OPERATION_CHAT + ' ' + target.ref().model());
    s.setAttribute(SemConv.GEN_AI_OPERATION_NAME, SemConv.OPERATION_CHAT);
    s.setAttribute(SemConv.GEN_AI_PROVIDER_NAME, up.providerName());
    s.setAttribute(SemConv.GEN_AI_SYSTEM, up.providerName());
    s.setAttribute(SemConv.GEN_AI_REQUEST_MODEL, target.ref().model());
    if (up.host() != null) {
      s.setAttribute(SemConv.SERVER_ADDRESS, up.host());
      s.setAttribute(SemConv.SERVER_PORT, (long) up.port());
    }
    s.setAttribute(SemConv.TARGET, target.id());
    s.setAttribute(SemConv.PROVIDER, target.ref().provider());
    s.setAttribute(SemConv.ATTEMPT, (long) attempt.number());
    s.setAttribute(SemConv.RETRY, (long) attempt.retry());
    if (attempt.forced()) {
      s.setAttribute(SemConv.FORCED, true);
    }
    s.setAttribute(SemConv.KEY, attempt.keyLabel()); // the fingerprint, never the key
    return new OtelAttemptTrace(s, true, tracer.captureContent());
  }

  /** Calls have their own spans; a target passed over without one becomes an event. */
  @Override
  public void onAttempt(String route, AttemptRecord record) {
    if (!record.network()) {
      span.addEvent(SemConv.EVENT_SKIPPED, Attributes.of(
          SemConv.TARGET, record.target(), SemConv.REASON, record.outcome()));
    }
  }

  @Override
  public void onFailover(String route, String fromTarget, String toTarget, String reason) {
    span.addEvent(SemConv.EVENT_FAILOVER, Attributes.of(SemConv.FAILOVER_FROM, fromTarget,
        SemConv.FAILOVER_TO, toTarget, SemConv.FAILOVER_REASON, reason));
  }

  @Override
  public void end(RequestSummary s) {
    if (recording) {
      describe(s);
    }
    span.end(startEpochNanos + s.durationNanos(), TimeUnit.NANOSECONDS);
  }

  private void describe(RequestSummary s) {
    if (!RequestSummary.NO_ROUTE.equals(s.route())) {
      span.setAttribute(SemConv.ROUTE, s.route());
    }
    span.setAttribute(SemConv.OUTCOME, s.outcome());
    span.setAttribute(SemConv.HTTP_RESPONSE_STATUS_CODE, (long) s.status());
    span.setAttribute(SemConv.ATTEMPTS, (long) s.attempts());
    if (s.target() != null) {
      span.setAttribute(SemConv.TARGET, s.target());
      span.setAttribute(SemConv.FAILED_OVER, s.failedOver());
    }
    if (s.inputTokens() >= 0) {
      span.setAttribute(SemConv.GEN_AI_USAGE_INPUT_TOKENS, s.inputTokens());
    }
    if (s.outputTokens() >= 0) {
      span.setAttribute(SemConv.GEN_AI_USAGE_OUTPUT_TOKENS, s.outputTokens());
    }
    if (s.ttftNanos() >= 0) {
      span.setAttribute(SemConv.TTFT_MS, s.ttftNanos() / 1e6);
    }
    if (s.overheadNanos() >= 0) {
      span.setAttribute(SemConv.OVERHEAD_MS, s.overheadNanos() / 1e6);
    }
    // As for any HTTP server: a 5xx is the gateway's failure, a 4xx the caller's. A stream cut
    // after it started went out as a 200 but failed all the same.
    if (s.status() >= 500 || "failed-after-commit".equals(s.outcome())) {
      span.setAttribute(SemConv.ERROR_TYPE, s.outcome());
      span.setStatus(StatusCode.ERROR, s.outcome());
    }
  }
}
