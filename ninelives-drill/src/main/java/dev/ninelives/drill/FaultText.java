package dev.ninelives.drill;

import dev.ninelives.simulator.Fault;
import java.time.Duration;

/** Describes a simulator fault in a few words for reports and the terminal. Stateless. */
final class FaultText {
  private FaultText() {}

  static String describe(Fault f) {
    switch (f.kind()) {
      case NONE:
        return "healthy";
      case STATUS:
        return "HTTP " + f.httpStatus();
      case RATE_LIMITED:
        return "429 rate limited, retry after " + seconds(f.duration());
      case INSUFFICIENT_QUOTA:
        return "quota exhausted";
      case BAD_KEY:
        return "every key rejected";
      case CONTEXT_LENGTH_EXCEEDED:
        return "context length exceeded";
      case CONTENT_POLICY:
        return "content policy refusal";
      case INVALID_REQUEST:
        return "400 invalid request";
      case RESET_CONNECTION:
        return "connection reset";
      case HANG_BEFORE_HEADERS:
        return "hangs (no answer)";
      case SLOW:
        return "slow " + f.latency();
      case DELAY_FIRST_EVENT:
        return "first event delayed " + seconds(f.duration());
      case STALL_AFTER_EVENTS:
        return "stream stalls after " + f.afterEvents() + " event(s)";
      case CUT_AFTER_EVENTS:
        return "stream cut after " + f.afterEvents() + " event(s)";
      case ERROR_EVENT_AFTER_EVENTS:
        return "error event after " + f.afterEvents() + " event(s)";
      case DRIP:
        return "tokens drip every " + seconds(f.duration());
      case EMPTY_ANSWER:
        return "empty answers (HTTP 200)";
      case WRONG_ANSWER:
        return "wrong answers (HTTP 200)";
      case MALFORMED_BODY:
        return "malformed answers";
      case EMPTY_BODY:
        return "empty body";
      case REFUSE:
        return "connection refused";
      default:
        return f.kind().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
