package dev.ninelives.providers.gemini;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code GenerateContentResponse} as the decoders need it, read in one streaming pass: a
 * whole non-streaming answer, or one {@code data:} chunk of an {@code alt=sse} stream (every
 * chunk has the same shape, carrying only the new parts).
 *
 * <p>Only the first candidate is read: the encoder never asks for more than one. Parts marked
 * {@code thought: true} are dropped here (see {@link GeminiResponseDecoder} for why), as are
 * part kinds the gateway never asks for (executable code, code results, file data).
 *
 * <p>A mutable collector filled by one parse; not thread-safe, never shared.
 */
final class GeminiChunk {
  enum Kind { TEXT, CALL, IMAGE }

  /** One kept part of the candidate's content, in order. */
  static final class Piece {
    final Kind kind;
    /** TEXT: the text; CALL: the arguments as a JSON object text; IMAGE: base64 data. */
    final String value;
    /** CALL: the function name; IMAGE: the MIME type. */
    final String name;
    /** CALL: Gemini's call id when it sent one, else null. */
    final String id;

    Piece(Kind kind, String value, String name, String id) {
      this.kind = kind;
      this.value = value;
      this.name = name;
      this.id = id;
    }
  }

  String responseId;
  String modelVersion;
  /** The response had at least one candidate. */
  boolean hasCandidate;
  final List<Piece> pieces = new ArrayList<>(2);
  /** The first candidate's finish reason, or null when absent or unspecified. */
  String finishReason;
  /** {@code promptFeedback.blockReason}, or null when absent or unspecified. */
  String blockReason;
  /** Counts from {@code usageMetadata}, or null when the chunk carried none. */
  Usage usage;
  /** The {@code error} object, when the body is an error rather than an answer. */
  GeminiErrorBody error;

  /**
   * Parses one JSON object.
   *
   * @throws IOException when the bytes are not one complete JSON object of the expected shape
   */
  static GeminiChunk parse(byte[] buf, int off, int len) throws IOException {
    GeminiChunk c = new GeminiChunk();
    try (JsonParser p = GeminiJson.FACTORY.createParser(buf, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "candidates":
            if (v == JsonToken.START_ARRAY) {
              c.readCandidates(p);
            } else {
              p.skipChildren();
            }
            break;
          case "promptFeedback":
            if (v == JsonToken.START_OBJECT) {
              c.readPromptFeedback(p);
            } else {
              p.skipChildren();
            }
            break;
          case "usageMetadata":
            if (v == JsonToken.START_OBJECT) {
              c.usage = readUsage(p);
            } else {
              p.skipChildren();
            }
            break;
          case "modelVersion":
            c.modelVersion = blankToNull(GeminiJson.scalarText(p));
            break;
          case "responseId":
            c.responseId = blankToNull(GeminiJson.scalarText(p));
            break;
          case "error":
            if (v == JsonToken.START_OBJECT) {
              c.error = new GeminiErrorBody();
              c.error.readErrorObject(p);
            } else {
              p.skipChildren(); // "error": null is no error
            }
            break;
          default:
            p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IOException("not exactly one JSON object");
      }
    }
    return c;
  }

  private void readCandidates(JsonParser p) throws IOException {
    JsonToken t;
    boolean first = true;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new IOException("truncated candidates");
      }
      if (first && t == JsonToken.START_OBJECT) {
        readCandidate(p);
        first = false;
      } else {
        p.skipChildren();
      }
    }
  }

  private void readCandidate(JsonParser p) throws IOException {
    hasCandidate = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if ("content".equals(name) && v == JsonToken.START_OBJECT) {
        readContent(p);
      } else if ("finishReason".equals(name)) {
        String r = blankToNull(GeminiJson.scalarText(p));
        finishReason = "FINISH_REASON_UNSPECIFIED".equals(r) ? null : r;
      } else {
        p.skipChildren();
      }
    }
  }

  private void readContent(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if ("parts".equals(name) && v == JsonToken.START_ARRAY) {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t == JsonToken.START_OBJECT) {
            readPart(p);
          } else if (t == null) {
            throw new IOException("truncated parts");
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
  }

  private void readPart(JsonParser p) throws IOException {
    String text = null;
    boolean thought = false;
    boolean call = false;
    String callId = null;
    String callName = null;
    String args = null;
    String mimeType = null;
    String data = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "text":
          text = v == JsonToken.VALUE_STRING ? p.getText() : GeminiJson.scalarText(p);
          break;
        case "thought":
          thought = GeminiJson.isTrue(p);
          break;
        case "functionCall":
          if (v != JsonToken.START_OBJECT) {
            throw new IOException("functionCall is not an object");
          }
          call = true;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken fv = p.nextToken();
            if ("name".equals(f)) {
              callName = blankToNull(GeminiJson.scalarText(p));
            } else if ("id".equals(f)) {
              callId = blankToNull(GeminiJson.scalarText(p));
            } else if ("args".equals(f)) {
              if (fv == JsonToken.START_OBJECT) {
                args = GeminiJson.copyValue(p);
              } else if (fv != JsonToken.VALUE_NULL) {
                throw new IOException("functionCall.args is not an object");
              }
            } else {
              p.skipChildren();
            }
          }
          break;
        case "inlineData":
          if (v == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String f = p.currentName();
              p.nextToken();
              if ("mimeType".equals(f)) {
                mimeType = GeminiJson.scalarText(p);
              } else if ("data".equals(f)) {
                data = GeminiJson.scalarText(p);
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
          break;
        default:
          p.skipChildren(); // thoughtSignature, executableCode, fileData, videoMetadata…
      }
    }
    if (thought) {
      return;
    }
    if (call) {
      if (callName == null) {
        throw new IOException("functionCall without a name");
      }
      pieces.add(new Piece(Kind.CALL, args == null ? "{}" : args, callName, callId));
    } else if (text != null) {
      pieces.add(new Piece(Kind.TEXT, text, null, null));
    } else if (data != null) {
      pieces.add(new Piece(Kind.IMAGE, data, mimeType, null));
    }
  }

  private void readPromptFeedback(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if ("blockReason".equals(name)) {
        String r = blankToNull(GeminiJson.scalarText(p));
        blockReason = "BLOCK_REASON_UNSPECIFIED".equals(r) ? null : r;
      } else {
        p.skipChildren();
      }
    }
  }

  /**
   * Reads {@code usageMetadata}. Proto3 JSON leaves out zero counts, so a count missing from a
   * present object is 0, not unknown. Cache writes are not a thing in generateContent (explicit
   * caches are created by another call), hence 0 cache-creation tokens.
   */
  private static Usage readUsage(JsonParser p) throws IOException {
    long prompt = 0;
    long cached = 0;
    long candidates = 0;
    long thoughts = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "promptTokenCount":
          prompt = Math.max(0, GeminiJson.longValue(p));
          break;
        case "cachedContentTokenCount":
          cached = Math.max(0, GeminiJson.longValue(p));
          break;
        case "candidatesTokenCount":
          candidates = Math.max(0, GeminiJson.longValue(p));
          break;
        case "thoughtsTokenCount":
          thoughts = Math.max(0, GeminiJson.longValue(p));
          break;
        default:
          p.skipChildren();
      }
    }
    return new Usage(prompt, candidates + thoughts, cached, 0, thoughts);
  }

  /** Whether any kept part is a function call. */
  boolean hasCall() {
    for (Piece piece : pieces) {
      if (piece.kind == Kind.CALL) {
        return true;
      }
    }
    return false;
  }

  /**
   * The canonical finish reason for a Gemini one (wire-formats.md §5). Gemini reports STOP when
   * the model calls functions, so the calls decide TOOL_USE. Which stop sequence matched is never
   * reported, so STOP is END_TURN, never STOP_SEQUENCE.
   *
   * @param reason Gemini's finishReason, or null when the candidate had none
   * @param sawCall whether the answer holds a function call
   */
  static FinishReason finishReason(String reason, boolean sawCall) {
    if (reason == null) {
      return sawCall ? FinishReason.TOOL_USE : FinishReason.OTHER;
    }
    switch (reason) {
      case "STOP":
        return sawCall ? FinishReason.TOOL_USE : FinishReason.END_TURN;
      case "MAX_TOKENS":
        return FinishReason.MAX_TOKENS;
      case "SAFETY":
      case "RECITATION":
      case "BLOCKLIST":
      case "PROHIBITED_CONTENT":
      case "SPII":
        return FinishReason.CONTENT_FILTER;
      default:
        // IMAGE_SAFETY, IMAGE_PROHIBITED_CONTENT, IMAGE_RECITATION, IMAGE_OTHER; LANGUAGE,
        // OTHER, MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS, NO_IMAGE
        // and reasons added later have no canonical equivalent.
        return reason.startsWith("IMAGE_") ? FinishReason.CONTENT_FILTER : FinishReason.OTHER;
    }
  }

  /**
   * The prefix of the ids the gateway mints for Gemini's id-less function calls:
   * {@code call_<responseId>_}, keeping only {@code [A-Za-z0-9_-]} so the id is valid in every
   * client format (Anthropic requires that alphabet).
   */
  static String callIdPrefix(String responseId) {
    StringBuilder b = new StringBuilder(responseId.length() + 6).append("call_");
    for (int i = 0; i < responseId.length(); i++) {
      char ch = responseId.charAt(i);
      if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
          || ch == '_' || ch == '-') {
        b.append(ch);
      }
    }
    return b.append('_').toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
