package dev.ninelives.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ninelives.core.model.WireFormat;
import dev.ninelives.providers.AttemptSummary;
import dev.ninelives.providers.codec.ClientFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the gateway itself says to an OpenAI client: {@code {"error":{message,type,param,code}}}
 * bodies (see {@link OpenAiErrorWriter}), the {@code data: {"error":…}} event that ends a
 * committed stream, and {@code data: [DONE]}.
 *
 * <p>Error types follow what OpenAI itself answers, since SDKs and clients match on them:
 * <table>
 *   <caption>status → error type</caption>
 *   <tr><th>status</th><th>type</th></tr>
 *   <tr><td>401</td><td>{@code invalid_request_error} (OpenAI's bad-key answer, with code
 *       {@code invalid_api_key})</td></tr>
 *   <tr><td>403</td><td>{@code permission_error} (OpenAI has no one type here: geo blocks
 *       say {@code request_forbidden}, model access {@code invalid_request_error})</td></tr>
 *   <tr><td>429</td><td>{@code rate_limit_error}</td></tr>
 *   <tr><td>5xx</td><td>{@code server_error}</td></tr>
 *   <tr><td>400, 404, 413, 422 and any other status</td><td>{@code invalid_request_error}
 *       </td></tr>
 * </table>
 *
 * <p>Stateless and thread-safe.
 */
public final class OpenAiClientFormat implements ClientFormat {
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  @Override
  public WireFormat format() {
    return WireFormat.OPENAI;
  }

  /** The OpenAI error type for a status; see the class comment. */
  public static String errorType(int status) {
    if (status >= 500 && status <= 599) {
      return "server_error";
    }
    switch (status) {
      case 403:
        return "permission_error";
      case 429:
        return "rate_limit_error";
      default:
        return "invalid_request_error";
    }
  }

  @Override
  public byte[] error(int status, String message, String code) {
    return OpenAiErrorWriter.body(message, errorType(status), code, null);
  }

  @Override
  public byte[] allFailed(int status, String message, String code,
      List<AttemptSummary> attempts) {
    return OpenAiErrorWriter.body(message, errorType(status), code, null, attempts);
  }

  @Override
  public byte[] terminalStreamError(String message) {
    return OpenAiErrorWriter.streamErrorEvent(message, "upstream_error", "upstream_failed",
        null);
  }

  @Override
  public byte[] endOfStream() {
    return DONE.clone();
  }

  /**
   * The upstream's body as it is when the upstream spoke OpenAI's format and the body has
   * OpenAI's error shape (a JSON object with an {@code error} object); otherwise an error of
   * this format around {@code message}.
   */
  @Override
  public byte[] passThroughError(int status, WireFormat upstream, byte[] body, String message) {
    if (upstream == WireFormat.OPENAI && hasErrorObject(body)) {
      return body;
    }
    return error(status, message, null);
  }

  /** Whether the body is one JSON object with an {@code error} object member. */
  static boolean hasErrorObject(byte[] body) {
    if (body == null || body.length == 0) {
      return false;
    }
    try (JsonParser p = OpenAiJson.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      boolean found = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        found |= "error".equals(name) && v == JsonToken.START_OBJECT;
        p.skipChildren();
      }
      // Read to the end: a truncated body is not passed on as if it were whole.
      return found && p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
