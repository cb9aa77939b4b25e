package dev.ninelives.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The fields of an OpenAI-family error, read from whichever dialect the upstream speaks:
 * <ul>
 *   <li>OpenAI, Groq, Ollama, Together: {@code {"error":{"message","type","param","code"}}};
 *   <li>Azure: the same plus {@code innererror.code} and a string {@code code} such as
 *       {@code "content_filter"} or {@code "429"};
 *   <li>vLLM: {@code code} is the HTTP status as an integer; older releases put the fields at the
 *       top level next to {@code "object":"error"} (as does Mistral);
 *   <li>llama.cpp: {@code {"error":{"code":int,"message","type"}}};
 *   <li>TGI: {@code {"error":"text","error_type":"validation"}}; FastAPI: {@code {"detail":…}};
 *   <li>Google's OpenAI-compatible endpoint: {@code [{"error":{"code","message","status",
 *       "details":[{"reason"}]}}]};
 *   <li>OpenRouter: {@code error.metadata} with moderation {@code reasons}.
 * </ul>
 * A mutable collector filled by one streaming parse; not thread-safe, never shared.
 */
final class ErrorFields {
  String message;
  String type;
  /** The code as text, whether it was a string or a number. */
  String code;
  /** The code as a number when it was one (vLLM, llama.cpp) or all digits (Azure), else -1. */
  int numericCode = -1;
  String param;
  /** Azure's {@code innererror.code}, e.g. ResponsibleAIPolicyViolation. */
  String innerCode;
  /** Google RPC status, e.g. INVALID_ARGUMENT. */
  String rpcStatus;
  /** Google ErrorInfo reason API_KEY_INVALID was among the details. */
  boolean apiKeyInvalid;
  /** OpenRouter moderation metadata (reasons / flagged_input) was present. */
  boolean moderationFlagged;
  /** An {@code error} member, or {@code "object":"error"}, was present. */
  boolean isError;

  /**
   * Reads a whole error body; returns null when it is not JSON at all. A body that starts as
   * JSON but breaks off keeps the fields read so far.
   */
  static ErrorFields parse(byte[] body, int len) {
    int i = 0;
    while (i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
      i++;
    }
    if (i == len || (body[i] != '{' && body[i] != '[')) {
      return null;
    }
    ErrorFields f = new ErrorFields();
    try (JsonParser p = OpenAiJson.FACTORY.createParser(body, 0, len)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        t = p.nextToken(); // Google wraps the error object in an array
      }
      if (t == JsonToken.START_OBJECT) {
        f.readTopLevel(p);
      }
    } catch (IOException e) {
      // Truncated or broken JSON: keep what was read.
    }
    return f;
  }

  /** Reads the members of a top-level object; the parser is just past its START_OBJECT. */
  void readTopLevel(JsonParser p) throws IOException {
    String topMessage = null;
    String topType = null;
    String topCode = null;
    int topNumeric = -1;
    String topParam = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "error":
          if (v == JsonToken.START_OBJECT) {
            isError = true;
            readErrorObject(p);
          } else if (v == JsonToken.VALUE_STRING) {
            isError = true;
            if (message == null) {
              message = p.getText();
            }
          } else {
            p.skipChildren(); // "error": null is no error
          }
          break;
        case "object":
          if (v == JsonToken.VALUE_STRING && "error".equals(p.getText())) {
            isError = true;
          }
          break;
        case "message":
          topMessage = OpenAiJson.scalarText(p);
          break;
        case "detail":
          topMessage = v == JsonToken.START_ARRAY ? firstDetailMsg(p) : OpenAiJson.scalarText(p);
          break;
        case "type":
        case "error_type":
          topType = OpenAiJson.scalarText(p);
          break;
        case "code":
          topCode = OpenAiJson.scalarText(p);
          topNumeric = numeric(topCode);
          break;
        case "param":
          topParam = OpenAiJson.scalarText(p);
          break;
        default:
          p.skipChildren();
      }
    }
    // Fields inside "error" win; top-level ones fill the gaps (old vLLM, Mistral, TGI).
    if (message == null) {
      message = topMessage;
    }
    if (type == null) {
      type = topType;
    }
    if (code == null) {
      code = topCode;
      numericCode = topNumeric;
    }
    if (param == null) {
      param = topParam;
    }
  }

  /** Reads the members of an error object; the parser is on its START_OBJECT. */
  void readErrorObject(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "message":
          message = OpenAiJson.scalarText(p);
          break;
        case "type":
          type = OpenAiJson.scalarText(p);
          break;
        case "code":
          code = OpenAiJson.scalarText(p);
          numericCode = numeric(code);
          break;
        case "param":
          param = OpenAiJson.scalarText(p);
          break;
        case "status":
          if (v == JsonToken.VALUE_STRING) {
            rpcStatus = p.getText();
          } else {
            p.skipChildren();
          }
          break;
        case "innererror":
          readInnerError(p, v);
          break;
        case "details":
          readDetails(p, v);
          break;
        case "metadata":
          readMetadata(p, v);
          break;
        default:
          p.skipChildren();
      }
    }
  }

  private void readInnerError(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if ("code".equals(name)) {
        innerCode = OpenAiJson.scalarText(p);
      } else {
        p.skipChildren();
      }
    }
  }

  private void readDetails(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if ("reason".equals(name)) {
          apiKeyInvalid |= "API_KEY_INVALID".equals(OpenAiJson.scalarText(p));
        } else {
          p.skipChildren();
        }
      }
    }
  }

  private void readMetadata(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      moderationFlagged |= "reasons".equals(name) || "flagged_input".equals(name);
      p.skipChildren();
    }
  }

  /** FastAPI's validation errors: {@code "detail":[{"loc":[…],"msg":"…","type":"…"}]}. */
  private static String firstDetailMsg(JsonParser p) throws IOException {
    String msg = null;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t == JsonToken.START_OBJECT && msg == null) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if ("msg".equals(name)) {
            msg = OpenAiJson.scalarText(p);
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return msg;
  }

  private static int numeric(String code) {
    if (code == null || code.isEmpty() || code.length() > 3) {
      return -1;
    }
    int n = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** The code unless it is a number, else the type: the most telling short label, or null. */
  String label() {
    if (code != null && !code.isBlank() && numericCode < 0) {
      return code;
    }
    if (type != null && !type.isBlank()) {
      return type;
    }
    return rpcStatus;
  }
}
