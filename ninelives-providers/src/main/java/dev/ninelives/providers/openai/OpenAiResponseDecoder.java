package dev.ninelives.providers.openai;

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
 * Reads a complete HTTP 200 {@code chat.completion} from an OpenAI-family upstream into the
 * canonical model. Only the first choice is read (the gateway never asks for more).
 *
 * <p>The answer's parts come in this order: reasoning ({@code reasoning_content} of DeepSeek
 * and vLLM, {@code reasoning} of Ollama and OpenRouter) as {@link Part.Thinking}, then the text
 * ({@code content}, then {@code refusal}), then the tool calls. Finish reasons map as in
 * {@link OpenAiWire#finishReason}; usage keeps cached and reasoning counts.
 *
 * <p>What {@link OpenAiResponseCheck} calls degraded is refused here with a
 * {@link TranslationException}: malformed JSON, an {@code error} object inside the 200, no
 * choices, or an answer with no text, refusal or tool call. The message is scrubbed of
 * credentials.
 *
 * <p>Stateless and thread-safe.
 */
public final class OpenAiResponseDecoder implements ResponseDecoder {
  private final Collection<Secret> knownSecrets;

  public OpenAiResponseDecoder() {
    this(List.of());
  }

  /** @param knownSecrets credentials to scrub from messages (the provider's keys) */
  public OpenAiResponseDecoder(Collection<Secret> knownSecrets) {
    this.knownSecrets = List.copyOf(knownSecrets);
  }

  @Override
  public ChatResponse decode(byte[] body) throws TranslationException {
    if (body == null || body.length == 0) {
      throw new TranslationException("200 with an empty body");
    }
    Reader r = new Reader();
    try (JsonParser p = OpenAiJson.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new TranslationException("200 with malformed JSON");
      }
      r.readResponse(p);
      if (p.nextToken() != null) {
        throw new TranslationException("200 with malformed JSON");
      }
    } catch (IOException e) {
      throw new TranslationException("200 with malformed JSON");
    }
    if (r.error != null) {
      String what = r.error.message == null ? r.error.label() : r.error.message;
      throw new TranslationException(Redactor.summarize("200 with an error object: "
          + (what == null ? "(no message)" : what), knownSecrets,
          OpenAiFamilyErrors.MAX_MESSAGE));
    }
    if (r.choices == 0) {
      throw new TranslationException("200 with no choices");
    }
    List<Part> parts = new ArrayList<>(2 + r.calls.size());
    if (r.reasoning != null && !r.reasoning.isEmpty()) {
      parts.add(new Part.Thinking(r.reasoning, null, false));
    }
    boolean answered = false;
    if (r.content.length() > 0) {
      parts.add(new Part.Text(r.content.toString()));
      answered = true;
    }
    if (r.refusal != null && !r.refusal.isEmpty()) {
      parts.add(new Part.Text(r.refusal));
      answered = true;
    }
    parts.addAll(r.calls);
    answered |= !r.calls.isEmpty();
    if (!answered) {
      throw new TranslationException(
          "200 with an empty answer (no content, tool calls or refusal)");
    }
    return new ChatResponse(r.id == null ? "" : r.id, r.model == null ? "" : r.model, parts,
        OpenAiWire.finishReason(r.finishReason, !r.calls.isEmpty()), null, r.usage);
  }

  /** One parse's findings. Confined to one call. */
  private static final class Reader {
    String id;
    String model;
    ErrorFields error;
    int choices;
    final StringBuilder content = new StringBuilder();
    String refusal;
    String reasoning;
    final List<Part.ToolCall> calls = new ArrayList<>();
    String finishReason;
    Usage usage = Usage.UNKNOWN;

    void readResponse(JsonParser p) throws IOException, TranslationException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "id":
            id = OpenAiJson.scalarText(p);
            break;
          case "model":
            model = OpenAiJson.scalarText(p);
            break;
          case "choices":
            if (v == JsonToken.START_ARRAY) {
              readChoices(p);
            } else {
              p.skipChildren();
            }
            break;
          case "usage":
            if (v == JsonToken.START_OBJECT) {
              usage = OpenAiWire.readUsage(p);
            } else {
              p.skipChildren();
            }
            break;
          case "error":
            if (v == JsonToken.START_OBJECT) {
              error = new ErrorFields();
              error.readErrorObject(p);
            } else if (v == JsonToken.VALUE_STRING) {
              error = new ErrorFields();
              error.message = p.getText();
            } else {
              p.skipChildren(); // "error": null is no error
            }
            break;
          default:
            p.skipChildren();
        }
      }
    }

    private void readChoices(JsonParser p) throws IOException, TranslationException {
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        choices++;
        if (t != JsonToken.START_OBJECT || choices > 1) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken v = p.nextToken();
          if ("message".equals(name) && v == JsonToken.START_OBJECT) {
            readMessage(p);
          } else if ("finish_reason".equals(name) && v == JsonToken.VALUE_STRING) {
            finishReason = OpenAiStreamInspector.finishReasonText(p);
          } else {
            p.skipChildren();
          }
        }
      }
    }

    private void readMessage(JsonParser p) throws IOException, TranslationException {
      String reasoningContent = null;
      String reasoningOther = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "content":
            readContent(p, v);
            break;
          case "refusal":
            refusal = v == JsonToken.VALUE_STRING ? p.getText() : null;
            p.skipChildren();
            break;
          case "reasoning_content":
            reasoningContent = v == JsonToken.VALUE_STRING ? p.getText() : null;
            p.skipChildren();
            break;
          case "reasoning":
            reasoningOther = v == JsonToken.VALUE_STRING ? p.getText() : null;
            p.skipChildren();
            break;
          case "tool_calls":
            if (v == JsonToken.START_ARRAY) {
              readToolCalls(p);
            } else {
              p.skipChildren();
            }
            break;
          default:
            p.skipChildren();
        }
      }
      // Servers that send both carry the same text twice; one copy is enough.
      reasoning = reasoningContent != null ? reasoningContent : reasoningOther;
    }

    /** A string, or (Mistral and a few others) an array of text parts. */
    private void readContent(JsonParser p, JsonToken v) throws IOException {
      if (v == JsonToken.VALUE_STRING) {
        content.append(p.getText());
        return;
      }
      if (v != JsonToken.START_ARRAY) {
        p.skipChildren();
        return;
      }
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        String type = null;
        String text = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken fv = p.nextToken();
          if ("type".equals(name) && fv == JsonToken.VALUE_STRING) {
            type = p.getText();
          } else if ("text".equals(name) && fv == JsonToken.VALUE_STRING) {
            text = p.getText();
          } else {
            p.skipChildren();
          }
        }
        if (text != null && (type == null || "text".equals(type))) {
          content.append(text);
        }
      }
    }

    private void readToolCalls(JsonParser p) throws IOException, TranslationException {
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        String callId = null;
        String type = null;
        String name = null;
        String arguments = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken v = p.nextToken();
          if ("id".equals(field)) {
            callId = OpenAiJson.scalarText(p);
          } else if ("type".equals(field)) {
            type = OpenAiJson.scalarText(p);
          } else if ("function".equals(field) && v == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String f = p.currentName();
              JsonToken fv = p.nextToken();
              if ("name".equals(f)) {
                name = OpenAiJson.scalarText(p);
              } else if ("arguments".equals(f)) {
                // Arguments are a JSON string; a few servers send the object itself.
                arguments = fv == JsonToken.START_OBJECT ? OpenAiWire.copyRawValue(p)
                    : OpenAiJson.scalarText(p);
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        if (type != null && !"function".equals(type)) {
          throw new TranslationException("200 with a '" + type + "' tool call, which cannot "
              + "be translated");
        }
        if (name == null || name.isEmpty()) {
          throw new TranslationException("200 with a tool call without a function name");
        }
        if (arguments == null || arguments.isBlank()) {
          arguments = "{}";
        } else if (!OpenAiWire.isJsonObject(arguments)) {
          // The model wrote broken JSON: a client of another format cannot even receive it.
          throw new TranslationException("200 with tool call arguments that are not a JSON "
              + "object");
        }
        if (callId == null || callId.isEmpty()) {
          callId = OpenAiWire.mintCallId(); // some servers give none; the client needs one
        }
        calls.add(new Part.ToolCall(callId, name, arguments));
      }
    }
  }
}
