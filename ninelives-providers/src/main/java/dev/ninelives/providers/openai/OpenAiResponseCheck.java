package dev.ninelives.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.Redactor;
import dev.ninelives.providers.TokenUsage;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a non-streaming HTTP 200 Chat Completions response is usable, reading it once
 * with Jackson's streaming parser. Unusable ("degraded") means: an empty body, malformed JSON,
 * no choices, an {@code error} object inside the 200, or an empty answer, i.e. no choice has
 * non-empty {@code content}, {@code tool_calls}, {@code function_call}, {@code refusal} or
 * {@code audio}. A degraded answer fails over (ARCHITECTURE §3).
 *
 * <p>Stateless and thread-safe.
 */
public final class OpenAiResponseCheck {
  /** Whether the response can go to the client. */
  public enum Verdict {
    OK,
    DEGRADED
  }

  /**
   * The check's result.
   *
   * @param verdict OK or DEGRADED
   * @param reason why it is degraded (safe to log), or null when OK
   * @param finishReason the first choice's finish reason, or null
   * @param usage the reported usage, or {@link TokenUsage#UNKNOWN}
   */
  public record Result(Verdict verdict, String reason, String finishReason, TokenUsage usage) {
    public Result {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(usage, "usage");
    }

    public boolean ok() {
      return verdict == Verdict.OK;
    }

    /** The DEGRADED classification for a degraded result; null when OK. */
    public Classification classification() {
      return ok() ? null : Classification.of(OutcomeClass.DEGRADED, reason);
    }

    static Result degraded(String reason) {
      return new Result(Verdict.DEGRADED, reason, null, TokenUsage.UNKNOWN);
    }
  }

  private static final Result EMPTY_BODY = Result.degraded("200 with an empty body");
  private static final Result MALFORMED = Result.degraded("200 with malformed JSON");
  private static final Result NO_CHOICES = Result.degraded("200 with no choices");

  private OpenAiResponseCheck() {}

  /** Checks one complete response body. */
  public static Result check(byte[] body) {
    return check(body, List.of());
  }

  /**
   * Checks one complete response body, scrubbing {@code knownSecrets} (the provider's keys)
   * from the reason when the body carries an error object.
   */
  public static Result check(byte[] body, Collection<Secret> knownSecrets) {
    if (body == null || isBlank(body)) {
      return EMPTY_BODY;
    }
    Reader r = new Reader();
    try (JsonParser p = OpenAiJson.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return MALFORMED;
      }
      r.readResponse(p);
      if (p.nextToken() != null) {
        return MALFORMED;
      }
    } catch (IOException e) {
      return MALFORMED;
    }
    if (r.error != null) {
      String what = r.error.message == null ? r.error.label() : r.error.message;
      return Result.degraded(Redactor.summarize("200 with an error object: "
          + (what == null ? "(no message)" : what), knownSecrets,
          OpenAiFamilyErrors.MAX_MESSAGE));
    }
    if (r.choices == 0) {
      return NO_CHOICES;
    }
    if (!r.answered) {
      return new Result(Verdict.DEGRADED,
          "200 with an empty answer (no content, tool calls or refusal)", r.finishReason,
          r.usage);
    }
    return new Result(Verdict.OK, null, r.finishReason, r.usage);
  }

  /** One parse's findings. */
  private static final class Reader {
    ErrorFields error;
    int choices;
    boolean answered;
    String finishReason;
    TokenUsage usage = TokenUsage.UNKNOWN;

    void readResponse(JsonParser p) throws IOException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "choices":
            if (v == JsonToken.START_ARRAY) {
              readChoices(p);
            } else {
              p.skipChildren();
            }
            break;
          case "usage":
            if (v == JsonToken.START_OBJECT) {
              usage = OpenAiStreamInspector.readUsageObject(p);
            } else {
              p.skipChildren();
            }
            break;
          case "error":
            if (v == JsonToken.START_OBJECT) {
              error = new ErrorFields();
              error.readErrorObject(p);
            } else if (v == JsonToken.VALUE_STRING) {
              error = new ErrorFields();
              error.message = p.getText();
            } else {
              p.skipChildren();
            }
            break;
          default:
            p.skipChildren();
        }
      }
    }

    private void readChoices(JsonParser p) throws IOException {
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
        choices++;
        if (t != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        boolean first = choices == 1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken v = p.nextToken();
          if ("message".equals(name) && v == JsonToken.START_OBJECT) {
            readMessage(p);
          } else if ("finish_reason".equals(name) && v == JsonToken.VALUE_STRING && first) {
            finishReason = OpenAiStreamInspector.finishReasonText(p);
          } else {
            p.skipChildren();
          }
        }
      }
    }

    private void readMessage(JsonParser p) throws IOException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "content":
          case "refusal":
            answered |= OpenAiJson.nonEmptyString(p) || nonEmptyArray(p, v);
            break;
          case "tool_calls":
            answered |= nonEmptyArray(p, v);
            break;
          case "function_call":
          case "audio":
            answered |= v == JsonToken.START_OBJECT;
            p.skipChildren();
            break;
          default:
            p.skipChildren();
        }
      }
    }

    /** Whether the current value is a non-empty array; skips whatever it is. */
    private static boolean nonEmptyArray(JsonParser p, JsonToken v) throws IOException {
      if (v != JsonToken.START_ARRAY) {
        p.skipChildren();
        return false;
      }
      boolean any = false;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
        any = true;
        p.skipChildren();
      }
      return any;
    }
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
