package dev.ninelives.providers.gemini;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fields of a Google RPC error body that the classification table reads:
 * <pre>
 * {"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED","details":[
 *   {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID",…},
 *   {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"12s"},
 *   {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[
 *     {"quotaMetric":"…","quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier",
 *      "quotaValue":"50"}]},
 *   {"@type":"type.googleapis.com/google.rpc.Help","links":[…]}]}}
 * </pre>
 * Details are read by their members, not their {@code @type}: JSON does not promise that
 * {@code @type} comes first, and no two detail types share the members read here. Google also
 * wraps the error object in an array on some endpoints ({@code [{"error":{…}}]}); both shapes are
 * read.
 *
 * <p>A mutable collector filled by one streaming parse; not thread-safe, never shared.
 */
final class GeminiErrorBody {
  /** {@code error.code}, the HTTP status the error stands for, or -1. */
  int code = -1;
  String message;
  /** {@code error.status}, the RPC code name, e.g. {@code INVALID_ARGUMENT}; upper case. */
  String status;
  /** ErrorInfo reasons, in order, e.g. {@code API_KEY_INVALID}. */
  final List<String> reasons = new ArrayList<>(2);
  /** RetryInfo's {@code retryDelay}, a proto Duration such as {@code 12s} or {@code 1.5s}. */
  String retryDelay;
  /** QuotaFailure violations' {@code quotaId}, then {@code quotaMetric}, values. */
  final List<String> quotaIds = new ArrayList<>(2);
  /** A QuotaFailure violation had {@code quotaValue} 0: the tier has no quota at all. */
  boolean zeroQuota;
  /** An {@code error} member was present. */
  boolean isError;

  /**
   * Reads a whole error body; null when it is not JSON at all. A body that starts as JSON but
   * breaks off keeps the fields read so far.
   */
  static GeminiErrorBody parse(byte[] body, int len) {
    int i = 0;
    while (i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
      i++;
    }
    if (i == len || (body[i] != '{' && body[i] != '[')) {
      return null;
    }
    GeminiErrorBody f = new GeminiErrorBody();
    try (JsonParser p = GeminiJson.FACTORY.createParser(body, 0, len)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        t = p.nextToken();
      }
      if (t == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken v = p.nextToken();
          if ("error".equals(name) && v == JsonToken.START_OBJECT) {
            f.readErrorObject(p);
          } else {
            p.skipChildren();
          }
        }
      }
    } catch (IOException e) {
      // Truncated or broken JSON: keep what was read.
    }
    return f;
  }

  /** Reads the members of an error object; the parser is on its START_OBJECT. */
  void readErrorObject(JsonParser p) throws IOException {
    isError = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "code":
          long c = GeminiJson.longValue(p);
          code = c >= 100 && c <= 599 ? (int) c : -1;
          break;
        case "message":
          message = GeminiJson.scalarText(p);
          break;
        case "status":
          String s = GeminiJson.scalarText(p);
          status = s == null || s.isBlank() ? null : s.trim().toUpperCase(Locale.ROOT);
          break;
        case "details":
          if (v == JsonToken.START_ARRAY) {
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
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "reason": // ErrorInfo
            String r = GeminiJson.scalarText(p);
            if (r != null && !r.isBlank()) {
              reasons.add(r.trim());
            }
            break;
          case "retryDelay": // RetryInfo
            retryDelay = GeminiJson.scalarText(p);
            break;
          case "violations": // QuotaFailure (PreconditionFailure's violations carry none of these)
            if (v == JsonToken.START_ARRAY) {
              readViolations(p);
            } else {
              p.skipChildren();
            }
            break;
          default:
            p.skipChildren();
        }
      }
    }
  }

  private void readViolations(JsonParser p) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      String id = null;
      String metric = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "quotaId":
            id = GeminiJson.scalarText(p);
            break;
          case "quotaMetric":
            metric = GeminiJson.scalarText(p);
            break;
          case "quotaValue":
            // int64 in proto3 JSON is a string ("0"), but accept a number too.
            zeroQuota |= GeminiJson.longValue(p) == 0;
            break;
          default:
            p.skipChildren();
        }
      }
      if (id != null) {
        quotaIds.add(id);
      }
      if (metric != null) {
        quotaIds.add(metric);
      }
    }
  }

  /** The first ErrorInfo reason, or null. */
  String reason() {
    return reasons.isEmpty() ? null : reasons.get(0);
  }

  /** The first quota id (or metric) named by a QuotaFailure, or null. */
  String quotaId() {
    return quotaIds.isEmpty() ? null : quotaIds.get(0);
  }
}
