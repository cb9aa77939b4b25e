package dev.ninelives.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.breaker.BreakerState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeeListenerTest {

  private static HealthListener recording(String name, List<String> calls) {
    return new HealthListener() {
      @Override
      public void onFailover(String route, String from, String to, String reason) {
        calls.add(name + ":" + from + "->" + to);
      }

      @Override
      public void onTransition(String target, BreakerState from, BreakerState to, long at) {
        calls.add(name + ":" + target + " " + to);
      }
    };
  }

  @Test
  void allCallsEveryListenerInOrderAndSkipsNone() {
    List<String> calls = new ArrayList<>();
    HealthListener tee = TeeListener.all(recording("a", calls), HealthListener.NONE,
        recording("b", calls), recording("c", calls));

    tee.onFailover("chat", "x", "y", "503");
    tee.onTransition("x", BreakerState.CLOSED, BreakerState.OPEN, 1);

    assertThat(calls).containsExactly("a:x->y", "b:x->y", "c:x->y",
        "a:x OPEN", "b:x OPEN", "c:x OPEN");
  }

  @Test
  void composingWithNoneAddsNoLayer() {
    HealthListener only = recording("a", new ArrayList<>());

    assertThat(TeeListener.all(HealthListener.NONE, only, HealthListener.NONE)).isSameAs(only);
    assertThat(TeeListener.all()).isSameAs(HealthListener.NONE);
  }
}
