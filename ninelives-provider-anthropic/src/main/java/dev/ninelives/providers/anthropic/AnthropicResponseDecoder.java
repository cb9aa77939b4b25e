package dev.ninelives.providers.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.model.ChatResponse;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.Usage;
import dev.ninelives.providers.Redactor;
import dev.ninelives.providers.codec.ResponseDecoder;
import dev.ninelives.providers.codec.TranslationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Provider side: reads a complete Anthropic {@code Message} (a 200 answer) into the canonical
 * model, in one streaming pass.
 *
 * <ul>
 *   <li>content: {@code text} (non-empty), {@code tool_use} (input kept as JSON text),
 *       {@code thinking} (with its signature) and {@code redacted_thinking} become parts; block
 *       types only server tools produce are skipped, since a translated request never asks for
 *       them;
 *   <li>{@code stop_reason}: end_turn, max_tokens, stop_sequence (with the matched string),
 *       tool_use; refusal → CONTENT_FILTER; model_context_window_exceeded → MAX_TOKENS;
 *       pause_turn and unknown values → OTHER;
 *   <li>usage: input = {@code input_tokens + cache_creation_input_tokens +
 *       cache_read_input_tokens}, cached = {@code cache_read_input_tokens}, cache creation as
 *       reported, output = {@code output_tokens}.
 * </ul>
 * A missing {@code id} is minted; a missing {@code model} is read as "". An empty body,
 * malformed JSON, an error object ({@code "type":"error"}) or an answer with no usable content
 * is a {@link TranslationException}: the attempt counts as degraded and fails over.
 *
 * <p>Immutable and thread-safe.
 */
public final class AnthropicResponseDecoder implements ResponseDecoder {
  private final Collection<Secret> knownSecrets;

  public AnthropicResponseDecoder() {
    this(List.of());
  }

  /** @param knownSecrets credentials to scrub from messages quoting an upstream error */
  public AnthropicResponseDecoder(Collection<Secret> knownSecrets) {
    this.knownSecrets = List.copyOf(knownSecrets);
  }

  @Override
  public ChatResponse decode(byte[] body) throws TranslationException {
    if (body == null || AnthropicJson.isBlank(body)) {
      throw new TranslationException("200 with an empty body");
    }
    Reader r = new Reader();
    try (JsonParser p = AnthropicJson.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new TranslationException("200 with malformed JSON (not an object)");
      }
      r.readMessage(p);
      if (p.nextToken() != null) {
        throw new TranslationException("200 with malformed JSON (data after the object)");
      }
    } catch (IOException e) {
      throw new TranslationException("200 with malformed JSON");
    }
    if (r.error != null) {
      String type = r.error.type == null ? "error" : r.error.type;
      String text = r.error.message == null ? type : type + ": " + r.error.message;
      throw new TranslationException(Redactor.summarize("200 with an error object: " + text,
          knownSecrets, AnthropicErrors.MAX_MESSAGE));
    }
    if (r.type != null && !r.type.equals("message")) {
      throw new TranslationException(Redactor.summarize("200 with an object of type '"
          + r.type + "', not a message", knownSecrets, AnthropicErrors.MAX_MESSAGE));
    }
    if (r.parts.isEmpty()) {
      throw new TranslationException("200 with an empty answer (no text, tool use or thinking)");
    }
    Usage usage = r.usage == null ? Usage.UNKNOWN : r.usage.toCanonical();
    return new ChatResponse(r.id == null ? AnthropicIds.mint("msg_") : r.id,
        r.model == null ? "" : r.model, r.parts, AnthropicMapping.finishReason(r.stopReason),
        r.stopSequence, usage);
  }

  /** One parse's findings. */
  private static final class Reader {
    String id;
    String type;
    String model;
    String stopReason;
    String stopSequence;
    AnthropicMapping.UsageFields usage;
    AnthropicErrorFields error;
    final List<Part> parts = new ArrayList<>();

    void readMessage(JsonParser p) throws IOException, TranslationException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "id":
            id = AnthropicJson.scalarText(p);
            break;
          case "type":
            type = AnthropicJson.scalarText(p);
            break;
          case "model":
            model = AnthropicJson.scalarText(p);
            break;
          case "stop_reason":
            stopReason = AnthropicJson.scalarText(p);
            break;
          case "stop_sequence":
            stopSequence = AnthropicJson.scalarText(p);
            break;
          case "usage":
            if (v == JsonToken.START_OBJECT) {
              usage = AnthropicMapping.UsageFields.read(p);
            } else {
              p.skipChildren();
            }
            break;
          case "error":
            if (v == JsonToken.START_OBJECT) {
              error = new AnthropicErrorFields();
              error.readErrorObject(p);
            } else {
              p.skipChildren();
            }
            break;
          case "content":
            if (v != JsonToken.START_ARRAY) {
              p.skipChildren();
              throw new TranslationException("200 with malformed content (not an array)");
            }
            readContent(p);
            break;
          default:
            p.skipChildren();
        }
      }
      if ("error".equals(type) && error == null) {
        error = new AnthropicErrorFields();
      }
    }

    private void readContent(JsonParser p) throws IOException, TranslationException {
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_OBJECT) {
          p.skipChildren();
          throw new TranslationException("200 with a malformed content block (not an object)");
        }
        Part part = readBlock(p);
        if (part != null) {
          parts.add(part);
        }
      }
    }

    /** One content block, or null for one the canonical model has no place for. */
    private static Part readBlock(JsonParser p) throws IOException, TranslationException {
      String type = null;
      String text = null;
      String thinking = null;
      String signature = null;
      String data = null;
      String id = null;
      String name = null;
      String input = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "type":
            type = AnthropicJson.scalarText(p);
            break;
          case "text":
            text = AnthropicJson.scalarText(p);
            break;
          case "thinking":
            thinking = AnthropicJson.scalarText(p);
            break;
          case "signature":
            signature = AnthropicJson.scalarText(p);
            break;
          case "data":
            data = AnthropicJson.scalarText(p);
            break;
          case "id":
            id = AnthropicJson.scalarText(p);
            break;
          case "name":
            name = AnthropicJson.scalarText(p);
            break;
          case "input":
            if (v == JsonToken.START_OBJECT) {
              input = AnthropicJson.rawValue(p);
            } else {
              p.skipChildren();
            }
            break;
          default:
            p.skipChildren();
        }
      }
      if (type == null) {
        return null;
      }
      switch (type) {
        case "text":
          return text == null || text.isEmpty() ? null : new Part.Text(text);
        case "tool_use":
          if (id == null || name == null) {
            throw new TranslationException("200 with a tool_use block without id or name");
          }
          return new Part.ToolCall(id, name, input == null ? "{}" : input);
        case "thinking":
          return new Part.Thinking(thinking == null ? "" : thinking, signature, false);
        case "redacted_thinking":
          return data == null ? null : new Part.Thinking(data, null, true);
        default:
          return null;
      }
    }
  }
}
