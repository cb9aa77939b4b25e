package dev.ninelives.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.ai.generativelanguage.v1beta.GenerateContentRequest;
import com.google.ai.generativelanguage.v1beta.GenerateContentResponse;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Help;
import com.google.rpc.LocalizedMessage;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The test oracle: Google's protobuf definition of the Gemini API (vendored under
 * the ninelives-gemini-proto module, compiled by protoc) read by protobuf's own JSON parser. The parser is used
 * without {@code ignoringUnknownFields()}, so an unknown or misspelt field, a value of the wrong
 * type or an unknown enum value fails.
 */
final class GeminiProto {
  private static final JsonFormat.Parser STRICT = JsonFormat.parser();
  // Error details are google.protobuf.Any values: the registry names the types Google sends.
  private static final JsonFormat.Parser ERRORS = JsonFormat.parser().usingTypeRegistry(
      JsonFormat.TypeRegistry.newBuilder()
          .add(ErrorInfo.getDescriptor())
          .add(RetryInfo.getDescriptor())
          .add(QuotaFailure.getDescriptor())
          .add(Help.getDescriptor())
          .add(BadRequest.getDescriptor())
          .add(LocalizedMessage.getDescriptor())
          .build());
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GeminiProto() {}

  /** Parses a request body as a {@code GenerateContentRequest}; fails the test if it cannot. */
  static GenerateContentRequest request(byte[] body) {
    GenerateContentRequest.Builder b = GenerateContentRequest.newBuilder();
    try {
      STRICT.merge(new String(body, StandardCharsets.UTF_8), b);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a valid GenerateContentRequest: " + e.getMessage() + "\n"
          + new String(body, StandardCharsets.UTF_8), e);
    }
    return b.build();
  }

  /** Parses a response body or stream chunk; fails the test if it cannot. */
  static GenerateContentResponse response(String json) {
    GenerateContentResponse.Builder b = GenerateContentResponse.newBuilder();
    try {
      STRICT.merge(json, b);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a valid GenerateContentResponse: " + e.getMessage() + "\n"
          + json, e);
    }
    return b.build();
  }

  /**
   * Checks a Google error body {@code {"error":{code,message,status,details}}}: the envelope's
   * {@code status} must be a {@code google.rpc.Code} name, and the rest must parse as a
   * {@code google.rpc.Status} whose details are known error-detail types.
   */
  static Status error(String json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root.isArray()) {
        root = root.get(0);
      }
      ObjectNode error = (ObjectNode) root.get("error").deepCopy();
      JsonNode status = error.remove("status");
      if (status != null) {
        Code.valueOf(status.asText()); // throws for an unknown code name
      }
      Status.Builder b = Status.newBuilder();
      ERRORS.merge(MAPPER.writeValueAsString(error), b);
      return b.build();
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("not a valid Google error body: " + e + "\n" + json, e);
    }
  }
}
