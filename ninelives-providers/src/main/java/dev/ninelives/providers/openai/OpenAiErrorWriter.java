package dev.ninelives.providers.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.ninelives.providers.AttemptSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Writes errors for OpenAI-shaped clients, in OpenAI's {@code ErrorResponse} shape:
 * {@code {"error":{"message","type","param","code"}}} where {@code message} and {@code type} are
 * strings and {@code param} and {@code code} are strings or null (all four are required).
 *
 * <p>The all-targets-failed 503 may list its attempts inside the error object as
 * {@code "attempts":[{"target","outcome","status","duration_ms","message"}]}; SDKs keep unknown
 * members, so the shape stays valid. The callers pass only safe text (classification messages
 * are scrubbed); this class writes what it is given.
 *
 * <p>Stateless and thread-safe.
 */
public final class OpenAiErrorWriter {
  private static final byte[] DATA_PREFIX = {'d', 'a', 't', 'a', ':', ' '};

  private OpenAiErrorWriter() {}

  /**
   * An error response body.
   *
   * @param message a human-readable message, required
   * @param type e.g. {@code invalid_request_error}, required
   * @param code a machine-readable code, or null
   * @param param the offending parameter, or null
   */
  public static byte[] body(String message, String type, String code, String param) {
    return body(message, type, code, param, List.of());
  }

  /** An error response body listing the upstream attempts (none when the list is empty). */
  public static byte[] body(String message, String type, String code, String param,
      List<AttemptSummary> attempts) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    write(out, message, type, code, param, attempts);
    return out.toByteArray();
  }

  /**
   * A terminal stream event, {@code data: {"error":{…}}} followed by a blank line, which ends a
   * committed stream after an upstream failure (no {@code [DONE]} may follow it).
   */
  public static byte[] streamErrorEvent(String message, String type, String code, String param) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    out.write(DATA_PREFIX, 0, DATA_PREFIX.length);
    write(out, message, type, code, param, List.of());
    out.write('\n');
    out.write('\n');
    return out.toByteArray();
  }

  private static void write(ByteArrayBuilder out, String message, String type, String code,
      String param, List<AttemptSummary> attempts) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(type, "type");
    try (JsonGenerator g = OpenAiJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeStringField("message", message);
      g.writeStringField("type", type);
      g.writeStringField("param", param); // writes null for null
      g.writeStringField("code", code);
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
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
  }
}
