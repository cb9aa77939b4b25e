package dev.ninelives.providers.anthropic;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.ninelives.providers.RequestProblem;
import dev.ninelives.providers.RequestScan;
import dev.ninelives.providers.ScannedRequest;
import java.io.IOException;

/**
 * Reads just enough of a client's Messages body ({@code POST /v1/messages}) to route it:
 * {@code model} with its byte span (so {@link dev.ninelives.providers.BodyRewriter#withModel}
 * can replace it on the same-format fast path) and {@code stream}, checking that
 * {@code messages} is an array. {@code includeUsage} is always false: Anthropic streams carry
 * usage unasked, so there is no option to read.
 *
 * <p>Only top-level fields are looked at; everything else is skipped token by token, but the
 * whole body is read, so malformed JSON anywhere (or trailing bytes) is answered here with a 400
 * rather than forwarded. Duplicate {@code model} or {@code stream} keys are rejected: a body
 * whose {@code model} we rewrite must not carry a second one that the upstream's parser might
 * obey instead. {@code max_tokens} is not checked: a translating target supplies a default, and
 * an Anthropic upstream answers a missing one with its own 400, passed through unchanged.
 *
 * <p>Stateless and thread-safe.
 */
public final class AnthropicRequestScanner {
  private static final RequestProblem EMPTY =
      new RequestProblem("the request body is empty; expected a JSON object", null);
  private static final RequestProblem NOT_UTF8 =
      new RequestProblem("the request body must be JSON encoded as UTF-8", null);
  private static final RequestProblem NOT_OBJECT =
      new RequestProblem("the request body must be a JSON object", null);
  private static final RequestProblem TRAILING = new RequestProblem(
      "could not parse the JSON body of the request: unexpected data after the JSON object",
      null);
  private static final RequestProblem NO_MODEL =
      new RequestProblem("model: Field required", "model");
  private static final RequestProblem MODEL_NOT_STRING =
      new RequestProblem("model: Input should be a valid string", "model");
  private static final RequestProblem MODEL_EMPTY =
      new RequestProblem("model: String should have at least 1 character", "model");
  private static final RequestProblem NO_MESSAGES =
      new RequestProblem("messages: Field required", "messages");
  private static final RequestProblem MESSAGES_NOT_ARRAY =
      new RequestProblem("messages: Input should be a valid list", "messages");
  private static final RequestProblem STREAM_NOT_BOOLEAN =
      new RequestProblem("stream: Input should be a valid boolean", "stream");

  private AnthropicRequestScanner() {}

  /** Scans {@code body}; see the class comment. Never throws for bad input. */
  public static RequestScan scan(byte[] body) {
    if (body == null || body.length == 0) {
      return EMPTY;
    }
    if (!looksUtf8(body)) {
      return NOT_UTF8;
    }
    try (JsonParser p = AnthropicJson.FACTORY.createParser(body)) {
      return scan(p);
    } catch (IOException e) {
      return malformed(e);
    }
  }

  private static RequestScan scan(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      return EMPTY; // whitespace only
    }
    if (t != JsonToken.START_OBJECT) {
      // Still read on: a body like "[1," is malformed JSON, which is the better message.
      p.skipChildren();
      return p.nextToken() == null ? NOT_OBJECT : TRAILING;
    }
    RequestProblem problem = null;
    String model = null;
    int modelStart = -1;
    int modelEnd = -1;
    boolean modelSeen = false;
    boolean stream = false;
    boolean streamSeen = false;
    boolean messagesSeen = false;
    // The first problem found is kept, but reading continues to the end so that malformed JSON
    // later in the body is what gets reported.
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "model":
          if (modelSeen) {
            problem = first(problem, duplicate("model"));
            p.skipChildren();
            break;
          }
          modelSeen = true;
          if (v != JsonToken.VALUE_STRING) {
            problem = first(problem, MODEL_NOT_STRING);
            p.skipChildren();
          } else {
            modelStart = (int) p.currentTokenLocation().getByteOffset();
            model = p.getText();
            // getText() has consumed the closing quote, so this is one past it.
            modelEnd = (int) p.currentLocation().getByteOffset();
            if (model.isEmpty()) {
              problem = first(problem, MODEL_EMPTY);
            }
          }
          break;
        case "stream":
          if (streamSeen) {
            problem = first(problem, duplicate("stream"));
          }
          streamSeen = true;
          if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
            stream = v == JsonToken.VALUE_TRUE;
          } else if (v != JsonToken.VALUE_NULL) { // null means "not set", as in the SDKs
            problem = first(problem, STREAM_NOT_BOOLEAN);
            p.skipChildren();
          }
          break;
        case "messages":
          messagesSeen = true;
          if (v != JsonToken.START_ARRAY) {
            problem = first(problem, MESSAGES_NOT_ARRAY);
          }
          p.skipChildren();
          break;
        default:
          p.skipChildren();
      }
    }
    if (p.nextToken() != null) {
      return TRAILING;
    }
    if (problem != null) {
      return problem;
    }
    if (!modelSeen) {
      return NO_MODEL;
    }
    if (!messagesSeen) {
      return NO_MESSAGES;
    }
    return new ScannedRequest(model, stream, false, modelStart, modelEnd);
  }

  private static RequestProblem first(RequestProblem existing, RequestProblem next) {
    return existing != null ? existing : next;
  }

  private static RequestProblem duplicate(String field) {
    return new RequestProblem("the request body has more than one '" + field + "' field",
        field);
  }

  private static RequestProblem malformed(IOException e) {
    String what = e instanceof JsonProcessingException
        ? ((JsonProcessingException) e).getOriginalMessage()
        : e.getMessage();
    StringBuilder m = new StringBuilder("could not parse the JSON body of the request");
    if (what != null) {
      // Jackson's messages can run to several lines with hints; the first line says it.
      int nl = what.indexOf('\n');
      String firstLine = nl < 0 ? what : what.substring(0, nl);
      if (firstLine.length() > 160) {
        firstLine = firstLine.substring(0, 160) + "…";
      }
      m.append(": ").append(firstLine);
    }
    if (e instanceof JsonProcessingException) {
      JsonLocation loc = ((JsonProcessingException) e).getLocation();
      if (loc != null && loc.getLineNr() > 0) {
        m.append(" (line ").append(loc.getLineNr()).append(", column ")
            .append(loc.getColumnNr()).append(')');
      }
    }
    return new RequestProblem(m.toString(), null);
  }

  /**
   * JSON on the wire must be UTF-8 (RFC 8259 §8.1). Jackson would silently auto-detect UTF-16
   * and UTF-32, whose byte offsets the model rewrite cannot use, so those are refused here: a
   * NUL in the first two bytes or a UTF-16 byte order mark gives them away.
   */
  private static boolean looksUtf8(byte[] b) {
    if (b[0] == 0 || (b.length > 1 && b[1] == 0)) {
      return false;
    }
    return !(b.length > 1 && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF)
        || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE)));
  }
}
