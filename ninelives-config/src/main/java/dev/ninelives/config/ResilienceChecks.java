package dev.ninelives.config;

import dev.ninelives.core.config.ResilienceConfig;
import java.time.Duration;
import java.util.List;

/**
 * Checks that span several resilience keys, run on an effective policy. A finding is
 * reported only against the layer that set one of the keys involved, so a mistake in the
 * global block is reported once, not again for every route that inherits it. Stateless.
 */
final class ResilienceChecks {
  /** Retries per target above which load on a failing upstream grows too much. */
  static final int MANY_RETRIES = 5;

  /** A pair of durations where {@code shorter} should not exceed {@code longer}. */
  private record Order(ResilienceField shorter, ResilienceField longer, boolean error,
      String consequence) {}

  private static final List<Order> ORDERS = List.of(
      new Order(ResilienceField.FIRST_TOKEN, ResilienceField.TOTAL, true,
          "the total deadline would always fire first"),
      new Order(ResilienceField.RESPONSE, ResilienceField.TOTAL, true,
          "the total deadline would always fire first"),
      new Order(ResilienceField.BACKOFF, ResilienceField.MAX_BACKOFF, false,
          "every backoff wait is capped at max_backoff"));

  private ResilienceChecks() {}

  static void check(ResilienceConfig effective, ResilienceLayer layer, Problems problems) {
    for (Order order : ORDERS) {
      Duration shorter = ResilienceLayer.duration(effective, order.shorter());
      Duration longer = ResilienceLayer.duration(effective, order.longer());
      if (shorter.compareTo(longer) <= 0) {
        continue;
      }
      // Point at the key this layer set; the shorter one first, since it is the one that
      // "exceeds". If the layer set neither, an outer layer owns (and reported) the conflict.
      ResilienceLayer.Setting at = layer.get(order.shorter())
          .or(() -> layer.get(order.longer())).orElse(null);
      if (at == null) {
        continue;
      }
      String message = order.shorter().id() + " (" + Values.format(shorter) + ") is longer than "
          + order.longer().id() + " (" + Values.format(longer) + "): " + order.consequence();
      if (order.error()) {
        problems.error(at.node(), at.path(), message);
      } else {
        problems.warning(at.node(), at.path(), message);
      }
    }
    layer.get(ResilienceField.RETRIES_MAX).ifPresent(s -> {
      int max = (Integer) s.value();
      if (max > MANY_RETRIES) {
        problems.warning(s.node(), s.path(), "retries.max is " + max + ": more than "
            + MANY_RETRIES + " retries per target multiply the load on an upstream that is"
            + " already failing; fail over to the next target instead");
      }
    });
  }
}
