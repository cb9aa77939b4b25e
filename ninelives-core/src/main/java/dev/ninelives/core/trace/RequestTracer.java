package dev.ninelives.core.trace;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Opens a {@link RequestTrace} for each client request. One per gateway.
 *
 * <p>Implementations must be thread-safe: every event loop begins traces concurrently.
 */
public interface RequestTracer {

  /**
   * Whether traces are recorded at all. When false, {@link #begin} returns
   * {@link RequestTrace#NONE}, so a caller may skip building its {@link TraceStart}.
   */
  boolean enabled();

  /** Opens the trace of one request; its span starts at {@link TraceStart#arrivalNanos()}. */
  RequestTrace begin(TraceStart start);

  /**
   * Exports what is still buffered and stops. Traces begun afterwards are not exported. The
   * stage completes when the export has finished or given up; it never fails.
   */
  CompletionStage<Void> close();

  /** Tracing switched off: records nothing, costs a field read per request. */
  RequestTracer OFF = new RequestTracer() {
    @Override
    public boolean enabled() {
      return false;
    }

    @Override
    public RequestTrace begin(TraceStart start) {
      return RequestTrace.NONE;
    }

    @Override
    public CompletionStage<Void> close() {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public String toString() {
      return "RequestTracer.OFF";
    }
  };
}
