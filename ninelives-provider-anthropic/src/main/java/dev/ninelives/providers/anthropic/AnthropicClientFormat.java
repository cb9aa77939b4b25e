package dev.ninelives.providers.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.ninelives.core.model.WireFormat;
import dev.ninelives.providers.AttemptSummary;
import dev.ninelives.providers.codec.ClientFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What the gateway says to Anthropic clients ({@code POST /v1/messages}), in Anthropic's error
 * shape: {@code {"type":"error","error":{"type","message"},"request_id":null}}.
 *
 * <p>The error type follows the status as Anthropic's API names it: 400
 * invalid_request_error, 401 authentication_error, 402 billing_error, 403 permission_error, 404
 * not_found_error, 413 request_too_large, 429 rate_limit_error, 500 api_error, 503 and 529
 * overloaded_error, 504 timeout_error; any other 4xx is invalid_request_error and any other
 * status api_error. (413's {@code request_too_large} is what the API sends, though the
 * anthropic-java 3.12 models do not list it; SDKs pick their exception by status, not by
 * type.) A machine-readable code goes in {@code error.details.error_code}, where API version
 * 2026-10-21 puts its own; the all-targets-failed body lists its attempts in
 * {@code error.attempts}. SDKs keep unknown members, so both stay valid.
 *
 * <p>Callers pass only safe text (classification messages are scrubbed); this class writes
 * what it is given. Stateless and thread-safe.
 */
public final class AnthropicClientFormat implements ClientFormat {
  private static final byte[] ERROR_EVENT_PREFIX =
      "event: error\ndata: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MESSAGE_STOP =
      "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  public AnthropicClientFormat() {}

  @Override
  public WireFormat format() {
    return WireFormat.ANTHROPIC;
  }

  /** Anthropic's error type for an HTTP status; see the class comment. */
  public static String errorType(int status) {
    switch (status) {
      case 400:
        return "invalid_request_error";
      case 401:
        return "authentication_error";
      case 402:
        return "billing_error";
      case 403:
        return "permission_error";
      case 404:
        return "not_found_error";
      case 413:
        return "request_too_large";
      case 429:
        return "rate_limit_error";
      case 503:
      case 529:
        return "overloaded_error";
      case 504:
        return "timeout_error";
      default:
        return status >= 400 && status <= 499 ? "invalid_request_error" : "api_error";
    }
  }

  @Override
  public byte[] error(int status, String message, String code) {
    return body(errorType(status), message, code, List.of());
  }

  @Override
  public byte[] allFailed(int status, String message, String code,
      List<AttemptSummary> attempts) {
    return body(errorType(status), message, code, attempts);
  }

  @Override
  public byte[] terminalStreamError(String message) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    out.write(ERROR_EVENT_PREFIX, 0, ERROR_EVENT_PREFIX.length);
    write(out, "api_error", message, null, List.of(), false);
    out.write('\n');
    out.write('\n');
    return out.toByteArray();
  }

  /**
   * {@code message_stop}, for a same-format stream whose upstream finished the answer but
   * closed before sending it (translated streams get it from the stream encoder).
   */
  @Override
  public byte[] endOfStream() {
    return MESSAGE_STOP.clone();
  }

  @Override
  public byte[] passThroughError(int status, WireFormat upstream, byte[] body, String message) {
    if (upstream == WireFormat.ANTHROPIC && body != null && isAnthropicError(body)) {
      return body;
    }
    return error(status, message, null);
  }

  private static byte[] body(String type, String message, String code,
      List<AttemptSummary> attempts) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    write(out, type, message, code, attempts, true);
    return out.toByteArray();
  }

  private static void write(ByteArrayBuilder out, String type, String message, String code,
      List<AttemptSummary> attempts, boolean requestId) {
    Objects.requireNonNull(message, "message");
    try (JsonGenerator g = AnthropicJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "error");
      g.writeObjectFieldStart("error");
      g.writeStringField("type", type);
      g.writeStringField("message", message);
      if (code != null) {
        g.writeObjectFieldStart("details");
        g.writeStringField("error_code", code);
        g.writeEndObject();
      }
      if (!attempts.isEmpty()) {
        g.writeArrayFieldStart("attempts");
        for (AttemptSummary a : attempts) {
          g.writeStartObject();
          g.writeStringField("target", a.target());
          g.writeStringField("outcome", a.outcome());
          if (a.status() > 0) {
            g.writeNumberField("status", a.status());
          } else {
            g.writeNullField("status"); // no HTTP response: connect failure or timeout
          }
          g.writeNumberField("duration_ms", a.durationMillis());
          g.writeStringField("message", a.message());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      if (requestId) {
        // Required (nullable) by the API's ErrorResponse; the gateway's own errors have none.
        g.writeNullField("request_id");
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
  }

  /** Whether the body is {@code {"type":"error","error":{…}}}, Anthropic's error shape. */
  static boolean isAnthropicError(byte[] body) {
    if (body.length == 0) {
      return false;
    }
    try (JsonParser p = AnthropicJson.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      boolean typeError = false;
      boolean errorObject = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if ("type".equals(name)) {
          typeError = v == JsonToken.VALUE_STRING && "error".equals(p.getText());
        } else if ("error".equals(name)) {
          errorObject = v == JsonToken.START_OBJECT;
        }
        p.skipChildren();
      }
      return typeError && errorObject && p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
