package dev.ninelives.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Keeps every exported span, also after shutdown (the SDK's in-memory exporter clears). */
final class CollectingExporter implements SpanExporter {
  private final List<SpanData> spans = new ArrayList<>();

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> batch) {
    spans.addAll(batch);
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  synchronized List<SpanData> spans() {
    return List.copyOf(spans);
  }
}
