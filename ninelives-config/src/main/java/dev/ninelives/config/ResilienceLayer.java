package dev.ninelives.config;

import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.config.ResilienceConfig.Breaker;
import dev.ninelives.core.config.ResilienceConfig.Quarantine;
import dev.ninelives.core.config.ResilienceConfig.Retries;
import dev.ninelives.core.config.ResilienceConfig.Timeouts;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The resilience keys one block sets explicitly (the global block, or one route's), each
 * with where it was written. Applying a layer to a policy replaces exactly the keys it sets,
 * which is what "overrides key by key" means.
 *
 * <p>Not thread-safe while being read; effectively immutable afterwards.
 */
final class ResilienceLayer {
  /** One explicitly set value and its location. */
  record Setting(Object value, Node node, String path) {}

  private final Map<ResilienceField, Setting> settings = new EnumMap<>(ResilienceField.class);

  void set(ResilienceField field, Object value, Node at, String valuePath) {
    settings.put(field, new Setting(value, at, valuePath));
  }

  Optional<Setting> get(ResilienceField field) {
    return Optional.ofNullable(settings.get(field));
  }

  /**
   * {@code base} with this layer's values in place of the base's.
   *
   * @throws IllegalArgumentException if the core records reject the combination (the reader
   *     validates every value first, so this signals a gap in that validation)
   */
  ResilienceConfig applyTo(ResilienceConfig base) {
    Timeouts t = base.timeouts();
    Retries r = base.retries();
    Breaker b = base.breaker();
    Quarantine q = base.quarantine();
    return new ResilienceConfig(
        new Timeouts(
            pick(ResilienceField.CONNECT, t.connect()),
            pick(ResilienceField.FIRST_TOKEN, t.firstToken()),
            pick(ResilienceField.STALL, t.stall()),
            pick(ResilienceField.RESPONSE, t.response()),
            pick(ResilienceField.TOTAL, t.total())),
        new Retries(
            pick(ResilienceField.RETRIES_MAX, r.max()),
            pick(ResilienceField.BACKOFF, r.backoff()),
            pick(ResilienceField.MAX_BACKOFF, r.maxBackoff()),
            pick(ResilienceField.BUDGET, r.budgetRatio()),
            pick(ResilienceField.BUDGET_MIN, r.budgetMinRetries()),
            pick(ResilienceField.BUDGET_WINDOW, r.budgetWindow())),
        new Breaker(
            pick(ResilienceField.FAILURE_RATE, b.failureRate()),
            pick(ResilienceField.SLOW_CALL_RATE, b.slowCallRate()),
            pick(ResilienceField.SLOW_CALL, b.slowCall()),
            pick(ResilienceField.MINIMUM_CALLS, b.minimumCalls()),
            pick(ResilienceField.WINDOW, b.window()),
            pick(ResilienceField.OPEN_FOR, b.openFor()),
            pick(ResilienceField.HALF_OPEN_CALLS, b.halfOpenCalls())),
        new Quarantine(
            pick(ResilienceField.QUARANTINE_FOR, q.duration()),
            pick(ResilienceField.QUARANTINE_MAX, q.max())));
  }

  /** The value a policy has for a duration field; used by cross-field checks. */
  static Duration duration(ResilienceConfig c, ResilienceField field) {
    return switch (field) {
      case CONNECT -> c.timeouts().connect();
      case FIRST_TOKEN -> c.timeouts().firstToken();
      case STALL -> c.timeouts().stall();
      case RESPONSE -> c.timeouts().response();
      case TOTAL -> c.timeouts().total();
      case BACKOFF -> c.retries().backoff();
      case MAX_BACKOFF -> c.retries().maxBackoff();
      case BUDGET_WINDOW -> c.retries().budgetWindow();
      case SLOW_CALL -> c.breaker().slowCall();
      case WINDOW -> c.breaker().window();
      case OPEN_FOR -> c.breaker().openFor();
      case QUARANTINE_FOR -> c.quarantine().duration();
      case QUARANTINE_MAX -> c.quarantine().max();
      default -> throw new IllegalArgumentException(field.id() + " is not a duration");
    };
  }

  // The kind of each field fixes the type its parser produced, so the cast cannot fail.
  @SuppressWarnings("unchecked")
  private <T> T pick(ResilienceField field, T fallback) {
    Setting s = settings.get(field);
    return s == null ? fallback : (T) s.value();
  }
}
