package dev.ninelives.drill;

import dev.ninelives.simulator.Fault;
import java.util.Objects;

/**
 * One fault rule of a phase for one provider: the fault, and the share of requests it hits
 * (1 = every request). Rules of a provider are tried in order; the first whose draw succeeds
 * wins, and a request no rule hits gets a healthy answer. Immutable.
 */
public record PhaseFault(Fault fault, double probability) {

  public PhaseFault {
    Objects.requireNonNull(fault, "fault");
    if (!(probability > 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1], but was " + probability);
    }
  }

  /**
   * True if a client wired straight to the provider would notice the fault on the wire (an
   * error, a refusal, a hang, a stall, a slow or broken answer), false for silent degradation:
   * a well-formed 200 answer whose content is wrong. A gateway can fail over on the first kind;
   * only answer checks reveal the second.
   */
  public boolean visible() {
    return fault.kind() != Fault.Kind.WRONG_ANSWER;
  }

  /** Short, human: "503", "slow 200ms→12s", "wrong answer (40%)". */
  public String describe() {
    String what = FaultText.describe(fault);
    return probability >= 1.0 ? what : what + " (" + Math.round(probability * 100) + "%)";
  }
}
