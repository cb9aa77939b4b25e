package dev.ninelives.server.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ninelives.core.policy.AttemptRecord;
import dev.ninelives.core.policy.Verdict;
import dev.ninelives.providers.AttemptSummary;
import dev.ninelives.providers.openai.OpenAiErrorWriter;
import dev.ninelives.server.relay.ClientFormat;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the gateway says in OpenAI's format: {@code {"error":{message,type,param,code}}}
 * bodies, the {@code data: {"error":…}} terminal stream event, and {@code data: [DONE]}.
 * Stateless and thread-safe.
 */
public final class OpenAiClientFormat implements ClientFormat {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

  @Override
  public Buffer error(String message, String type, String code) {
    return Buffer.buffer(OpenAiErrorWriter.body(message, type, code, null));
  }

  @Override
  public Buffer allFailed(String model, Verdict verdict) {
    List<AttemptSummary> attempts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (AttemptRecord r : verdict.attempts()) {
      attempts.add(new AttemptSummary(r.target(), r.outcome(), r.status(),
          r.durationNanos() / 1_000_000, r.message()));
      text.append(text.length() == 0 ? "" : "; ").append(r.target()).append(": ")
          .append(r.outcome());
      if (r.status() > 0) {
        text.append(" (").append(r.status()).append(')');
      }
    }
    String lead = verdict.kind() == Verdict.Kind.DEADLINE_EXCEEDED
        ? "The request deadline passed before any target of '" + model + "' answered"
        : "Every target of '" + model + "' failed";
    String code = verdict.kind() == Verdict.Kind.DEADLINE_EXCEEDED
        ? "deadline_exceeded" : "all_targets_failed";
    return Buffer.buffer(OpenAiErrorWriter.body(lead + (text.length() > 0 ? ": " + text : "")
        + ".", "server_error", code, null, attempts));
  }

  @Override
  public Buffer terminalStreamError(String message, String type) {
    return Buffer.buffer(OpenAiErrorWriter.streamErrorEvent(message, type, "upstream_failed",
        null));
  }

  @Override
  public Buffer passThroughError(int status, byte[] upstreamBody, String fallbackMessage) {
    if (hasErrorObject(upstreamBody)) {
      return Buffer.buffer(upstreamBody);
    }
    String type = status == 429 ? "rate_limit_error"
        : status >= 500 ? "server_error" : "invalid_request_error";
    return error(fallbackMessage, type, null);
  }

  @Override
  public Buffer endOfStream() {
    return DONE.copy();
  }

  /** Whether the body is a JSON object with an {@code error} object: OpenAI's shape. */
  private static boolean hasErrorObject(byte[] body) {
    if (body.length == 0) {
      return false;
    }
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("error".equals(name) && value == JsonToken.START_OBJECT) {
          return true;
        }
        p.skipChildren();
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
