package dev.ninelives.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the request handling of one provider shares: its fixed settings and its live state (fault
 * plan, keys, counters, recorded requests). Thread-safe: settings are final, {@link FaultPlan} and
 * {@link Counters} lock themselves, keys are swapped whole through a volatile field, and the record
 * list is guarded by its own monitor.
 */
final class ProviderState {
  final String name;
  final Dialect dialect;
  final String reply;
  final Latency latency;
  final Duration tokenInterval;
  final List<String> models;
  final ErrorCatalog errors;
  final FaultPlan plan;
  final Counters counters = new Counters();

  private final AtomicLong answerNumbers = new AtomicLong();
  private final AtomicLong toolCallNumbers = new AtomicLong();
  private final List<RecordedRequest> recorded = new ArrayList<>();
  private volatile Set<String> validKeys;

  ProviderState(
      String name,
      Dialect dialect,
      String reply,
      Latency latency,
      Duration tokenInterval,
      List<String> models,
      Set<String> validKeys,
      FaultPlan plan) {
    this.name = name;
    this.dialect = dialect;
    this.reply = reply;
    this.latency = latency;
    this.tokenInterval = tokenInterval;
    this.models = List.copyOf(models);
    this.errors = new ErrorCatalog(dialect);
    this.plan = plan;
    this.validKeys = validKeys == null ? null : Set.copyOf(validKeys);
  }

  /** Numbers the answers: chatcmpl-sim-N, msg_sim_N, resp_sim_N. */
  long nextAnswerNumber() {
    return answerNumbers.incrementAndGet();
  }

  /** Numbers the tool calls: call_sim_N, toolu_sim_N. */
  long nextToolCallNumber() {
    return toolCallNumbers.incrementAndGet();
  }

  /** One draw of the provider's own latency, for answers that take no fault. */
  Duration sampleLatency() {
    return plan.sample(latency);
  }

  /** Null means any key, or none, is accepted. */
  void setValidKeys(Set<String> keys) {
    validKeys = keys == null ? null : Set.copyOf(keys);
  }

  boolean keyAccepted(String key) {
    Set<String> keys = validKeys;
    // Ollama's OpenAI endpoint never looks at credentials.
    return keys == null || !dialect.checksKeys() || (key != null && keys.contains(key));
  }

  void record(RecordedRequest r) {
    synchronized (recorded) {
      recorded.add(r);
    }
  }

  List<RecordedRequest> recorded() {
    synchronized (recorded) {
      return List.copyOf(recorded);
    }
  }

  void clearRecorded() {
    synchronized (recorded) {
      recorded.clear();
    }
  }
}
