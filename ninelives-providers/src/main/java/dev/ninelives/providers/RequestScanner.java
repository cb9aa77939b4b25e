package dev.ninelives.providers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads what the gateway needs from a client's request body — {@code model} (and where its
 * bytes are, for the same-format rewrite), {@code stream}, {@code stream_options.include_usage}
 * — in one streaming pass over top-level fields, without building a tree. Checks that the body
 * is a UTF-8 JSON object to its last byte, that {@code model} is a non-empty string,
 * {@code messages} an array and {@code stream} a boolean, and that none of the fields it reads
 * appears twice: a body whose {@code model} we rewrite must not carry a second one that the
 * upstream's parser (last one wins, in most) would obey instead.
 *
 * <p>Each client format supplies its own wording, so problems read like that API's own errors.
 * Immutable and thread-safe.
 */
public final class RequestScanner {
  private static final RequestProblem EMPTY =
      new RequestProblem("the request body is empty; expected a JSON object", null);
  private static final RequestProblem NOT_UTF8 =
      new RequestProblem("the request body must be JSON encoded as UTF-8", null);
  private static final RequestProblem NOT_OBJECT =
      new RequestProblem("the request body must be a JSON object", null);
  private static final RequestProblem TRAILING = new RequestProblem(
      "could not parse the JSON body of the request: unexpected data after the JSON object",
      null);

  /** A format's words for the problems that concern its own fields. */
  public record Wording(RequestProblem noModel, RequestProblem modelNotString,
      RequestProblem modelEmpty, RequestProblem noMessages, RequestProblem messagesNotArray,
      RequestProblem streamNotBoolean) { }

  private final JsonFactory json;
  private final Wording wording;
  private final boolean readsStreamOptions;

  /**
   * @param json the format's parser factory (its limits apply)
   * @param wording the format's problem messages
   * @param readsStreamOptions whether {@code stream_options.include_usage} means something
   */
  public RequestScanner(JsonFactory json, Wording wording, boolean readsStreamOptions) {
    this.json = json;
    this.wording = wording;
    this.readsStreamOptions = readsStreamOptions;
  }

  /** Scans {@code body}; see the class comment. Never throws for bad input. */
  public RequestScan scan(byte[] body) {
    if (body == null || body.length == 0) {
      return EMPTY;
    }
    if (!looksUtf8(body)) {
      return NOT_UTF8;
    }
    try (JsonParser p = json.createParser(body)) {
      return scan(p);
    } catch (IOException e) {
      return malformed(e);
    }
  }

  private RequestScan scan(JsonParser p) throws IOException {
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
    boolean seenModel = false;
    boolean stream = false;
    boolean streamSeen = false;
    boolean includeUsage = false;
    boolean streamOptionsSeen = false;
    boolean messagesSeen = false;
    // The first problem found is kept, but reading continues to the end so that malformed
    // JSON later in the body is what gets reported.
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "model":
          if (seenModel) {
            problem = first(problem, duplicate("model"));
            p.skipChildren();
            break;
          }
          seenModel = true;
          if (v != JsonToken.VALUE_STRING) {
            problem = first(problem, wording.modelNotString());
            p.skipChildren();
          } else {
            modelStart = (int) p.currentTokenLocation().getByteOffset();
            model = p.getText();
            // getText() has consumed the closing quote, so this is one past it.
            modelEnd = (int) p.currentLocation().getByteOffset();
            if (model.isEmpty()) {
              problem = first(problem, wording.modelEmpty());
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
          } else if (v != JsonToken.VALUE_NULL) { // the spec allows null, meaning false
            problem = first(problem, wording.streamNotBoolean());
            p.skipChildren();
          }
          break;
        case "stream_options":
          if (!readsStreamOptions) {
            p.skipChildren();
            break;
          }
          if (streamOptionsSeen) {
            problem = first(problem, duplicate("stream_options"));
          }
          streamOptionsSeen = true;
          if (v == JsonToken.START_OBJECT) {
            includeUsage = readIncludeUsage(p);
          } else {
            p.skipChildren(); // null, or a type the upstream will reject with its own words
          }
          break;
        case "messages":
          messagesSeen = true;
          if (v != JsonToken.START_ARRAY) {
            problem = first(problem, wording.messagesNotArray());
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
    if (!seenModel) {
      return wording.noModel();
    }
    if (!messagesSeen) {
      return wording.noMessages();
    }
    return new ScannedRequest(model, stream, includeUsage, modelStart, modelEnd);
  }

  private static boolean readIncludeUsage(JsonParser p) throws IOException {
    boolean include = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if ("include_usage".equals(name)) {
        include = v == JsonToken.VALUE_TRUE;
      }
      p.skipChildren();
    }
    return include;
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
