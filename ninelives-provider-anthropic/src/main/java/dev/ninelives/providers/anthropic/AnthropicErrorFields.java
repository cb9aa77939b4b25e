package dev.ninelives.providers.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The fields of an Anthropic error body,
 * {@code {"type":"error","error":{"type","message"[,"details":{"error_code"}]},"request_id"}},
 * read leniently: an OpenAI-style {@code error.code} or a top-level {@code message} (proxies in
 * front of Anthropic) fill the gaps. A mutable collector filled by one streaming parse; not
 * thread-safe, never shared.
 */
final class AnthropicErrorFields {
  /** {@code error.type}, e.g. {@code overloaded_error}. */
  String type;
  String message;
  /** {@code error.details.error_code} (API 2026-10-21), or an OpenAI-style {@code error.code}. */
  String errorCode;
  String requestId;
  /** Whether the top-level {@code type} was {@code "error"} or an {@code error} object was seen. */
  boolean isError;

  /**
   * Reads a whole error body; returns null when it is not JSON at all. A body that starts as
   * JSON but breaks off keeps the fields read so far.
   */
  static AnthropicErrorFields parse(byte[] body, int len) {
    int i = 0;
    while (i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
      i++;
    }
    if (i == len || body[i] != '{') {
      return null;
    }
    AnthropicErrorFields f = new AnthropicErrorFields();
    try (JsonParser p = AnthropicJson.FACTORY.createParser(body, 0, len)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
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
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "type":
          isError |= v == JsonToken.VALUE_STRING && "error".equals(p.getText());
          p.skipChildren();
          break;
        case "error":
          if (v == JsonToken.START_OBJECT) {
            isError = true;
            readErrorObject(p);
          } else if (v == JsonToken.VALUE_STRING) {
            isError = true;
            topMessage = p.getText();
          } else {
            p.skipChildren();
          }
          break;
        case "message":
          topMessage = AnthropicJson.scalarText(p);
          break;
        case "request_id":
          requestId = AnthropicJson.scalarText(p);
          break;
        default:
          p.skipChildren();
      }
    }
    if (message == null) {
      message = topMessage;
    }
  }

  /** Reads the members of an error object; the parser is on its START_OBJECT. */
  void readErrorObject(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "type":
          type = AnthropicJson.scalarText(p);
          break;
        case "message":
          message = AnthropicJson.scalarText(p);
          break;
        case "code":
          if (errorCode == null) {
            errorCode = AnthropicJson.scalarText(p);
          } else {
            p.skipChildren();
          }
          break;
        case "details":
          if (v == JsonToken.START_OBJECT) {
            readDetails(p);
          } else {
            p.skipChildren();
          }
          break;
        default:
          p.skipChildren();
      }
    }
  }

  private void readDetails(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if ("error_code".equals(name)) {
        errorCode = AnthropicJson.scalarText(p);
      } else {
        p.skipChildren();
      }
    }
  }
}
