package dev.ninelives.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.StreamEventKind;
import dev.ninelives.providers.StreamInspector;
import dev.ninelives.providers.TokenUsage;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * Looks at each event of an OpenAI-family chat completion stream just enough for the relay to
 * decide when to commit (the first content), when the upstream failed, and what it reported
 * (finish reason, usage). One Jackson streaming pass per event; no tree, no regex.
 *
 * <p>Kinds, in order of precedence:
 * <ul>
 *   <li>{@link StreamEventKind#DONE}: {@code data: [DONE]};
 *   <li>{@link StreamEventKind#MALFORMED}: data that is not a JSON object;
 *   <li>{@link StreamEventKind#ERROR}: an object with a non-null {@code error} member (or vLLM's old
 *       {@code "object":"error"}), classified by the family table, see {@link #error()};
 *   <li>{@link StreamEventKind#CONTENT}: a choice whose delta has non-empty {@code content},
 *       {@code refusal}, {@code reasoning_content} or {@code reasoning}, or a non-empty
 *       {@code tool_calls} (or legacy {@code function_call}). A chunk that also sets
 *       {@code finish_reason} is still CONTENT; the reason is remembered;
 *   <li>{@link StreamEventKind#FINISH}: a {@code finish_reason} with no content;
 *   <li>{@link StreamEventKind#USAGE}: a usage object with {@code choices} empty or absent;
 *   <li>{@link StreamEventKind#METADATA}: an object with no choices, no usage and no error, such
 *       as Azure's early {@code choices: []} chunk with only {@code prompt_filter_results};
 *   <li>{@link StreamEventKind#LIFECYCLE}: everything else: role-only or empty-content deltas,
 *       keep-alive comments, events without data.
 * </ul>
 * Usage is picked up from any event that carries it (top-level {@code usage}, or Groq's
 * {@code x_groq.usage}), since some servers put it on the finish chunk or on every chunk.
 *
 * <p>Not thread-safe: one inspector per stream, called from the stream's thread.
 */
public final class OpenAiStreamInspector implements StreamInspector {

  private static final Classification MALFORMED_EVENT =
      Classification.of(OutcomeClass.STREAM_ERROR, "malformed stream event (not a JSON object)");

  private final Collection<Secret> knownSecrets;
  private String finishReason;
  private String model;
  private boolean toolCalls;
  private TokenUsage usage = TokenUsage.UNKNOWN;
  private Classification error;

  // Per-event scratch, reset by inspect().
  private boolean content;
  private boolean finishedHere;
  private int choiceCount;
  private boolean usageHere;
  private ErrorFields errorFields;

  public OpenAiStreamInspector() {
    this(List.of());
  }

  /** @param knownSecrets credentials to scrub from error messages (the provider's keys) */
  public OpenAiStreamInspector(Collection<Secret> knownSecrets) {
    this.knownSecrets = List.copyOf(knownSecrets);
  }

  /** Classifies one event and updates the finish reason, usage and error accessors. */
  @Override
  public StreamEventKind inspect(SseEvent event) {
    byte[] data = event.dataBytes();
    if (data == null || OpenAiWire.isBlank(data)) {
      // Comments and empty data are keep-alives. An explicit "event: error" without a JSON
      // error object is still an error.
      if ("error".equals(event.event())) {
        error = Classification.of(OutcomeClass.STREAM_ERROR, "stream error event");
        return StreamEventKind.ERROR;
      }
      return StreamEventKind.LIFECYCLE;
    }
    if (OpenAiWire.isDone(data)) {
      return StreamEventKind.DONE;
    }
    content = false;
    finishedHere = false;
    choiceCount = 0;
    usageHere = false;
    errorFields = null;
    try (JsonParser p = OpenAiJson.FACTORY.createParser(data)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        error = MALFORMED_EVENT;
        return StreamEventKind.MALFORMED;
      }
      readChunk(p);
      if (p.nextToken() != null) {
        error = MALFORMED_EVENT;
        return StreamEventKind.MALFORMED;
      }
    } catch (IOException e) {
      error = MALFORMED_EVENT;
      return StreamEventKind.MALFORMED;
    }
    if (errorFields == null && "error".equals(event.event())) {
      errorFields = new ErrorFields();
    }
    if (errorFields != null) {
      error = OpenAiFamilyErrors.classifyStreamError(errorFields, knownSecrets);
      return StreamEventKind.ERROR;
    }
    if (content) {
      return StreamEventKind.CONTENT;
    }
    if (finishedHere) {
      return StreamEventKind.FINISH;
    }
    if (usageHere && choiceCount == 0) {
      return StreamEventKind.USAGE;
    }
    if (choiceCount == 0) {
      return StreamEventKind.METADATA;
    }
    return StreamEventKind.LIFECYCLE;
  }

  /** The last finish reason seen in the stream so far (sticky), or null. */
  @Override
  public boolean finished() {
    return finishReason != null;
  }

  public String finishReason() {
    return finishReason;
  }

  /** The first non-empty {@code model} of the stream's chunks, or null. */
  @Override
  public String responseModel() {
    return model;
  }

  @Override
  public dev.ninelives.core.model.FinishReason canonicalFinishReason() {
    return finishReason == null ? null : OpenAiWire.finishReason(finishReason, toolCalls);
  }

  /** The last usage reported in the stream so far, or {@link TokenUsage#UNKNOWN}. */
  @Override
  public TokenUsage usage() {
    return usage;
  }

  /** The classification of the last ERROR or MALFORMED event, or null if there was none. */
  @Override
  public Classification error() {
    return error;
  }

  private void readChunk(JsonParser p) throws IOException {
    boolean objectError = false;
    ErrorFields topLevel = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "choices":
          if (v == JsonToken.START_ARRAY) {
            readChoices(p);
          } else {
            p.skipChildren();
          }
          break;
        case "usage":
          readUsage(p, v);
          break;
        case "model":
          // Every chunk repeats it; read once (Azure's first chunk has an empty one).
          if (model == null && v == JsonToken.VALUE_STRING && p.getTextLength() > 0) {
            model = p.getText();
          }
          break;
        case "x_groq":
          readGroqExtension(p, v);
          break;
        case "error":
          if (v == JsonToken.START_OBJECT) {
            errorFields = errorFields(errorFields);
            errorFields.isError = true;
            errorFields.readErrorObject(p);
          } else if (v == JsonToken.VALUE_STRING) {
            errorFields = errorFields(errorFields);
            errorFields.isError = true;
            errorFields.message = p.getText();
          } else {
            p.skipChildren(); // "error": null is not an error
          }
          break;
        // vLLM's old error shape puts the fields at the top level; they only matter when
        // "object":"error" is there too, so they are collected on the side.
        case "object":
          objectError |= v == JsonToken.VALUE_STRING && "error".equals(p.getText());
          break;
        case "message":
          topLevel = errorFields(topLevel);
          topLevel.message = OpenAiJson.scalarText(p);
          break;
        case "type":
          topLevel = errorFields(topLevel);
          topLevel.type = OpenAiJson.scalarText(p);
          break;
        case "code":
          topLevel = errorFields(topLevel);
          topLevel.code = OpenAiJson.scalarText(p);
          topLevel.numericCode = OpenAiWire.httpStatus(topLevel.code);
          break;
        default:
          p.skipChildren();
      }
    }
    if (objectError && errorFields == null) {
      errorFields = topLevel == null ? new ErrorFields() : topLevel;
      errorFields.isError = true;
    }
  }

  private void readChoices(JsonParser p) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        return;
      }
      choiceCount++;
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if ("delta".equals(name) && v == JsonToken.START_OBJECT) {
          readDelta(p);
        } else if ("finish_reason".equals(name) && v == JsonToken.VALUE_STRING) {
          finishReason = finishReasonText(p);
          finishedHere = true;
        } else {
          p.skipChildren();
        }
      }
    }
  }

  private void readDelta(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "content":
        case "refusal":
        case "reasoning_content": // DeepSeek, vLLM
        case "reasoning": // Ollama, OpenRouter, Groq
          content |= OpenAiJson.nonEmptyString(p);
          p.skipChildren(); // an unexpected array or object
          break;
        case "tool_calls":
          if (v == JsonToken.START_ARRAY) {
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
              content = true;
              toolCalls = true;
              p.skipChildren();
            }
          } else {
            p.skipChildren();
          }
          break;
        case "function_call":
          content |= v == JsonToken.START_OBJECT;
          p.skipChildren();
          break;
        default:
          p.skipChildren();
      }
    }
  }

  private void readGroqExtension(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken u = p.nextToken();
      if ("usage".equals(name)) {
        readUsage(p, u);
      } else {
        p.skipChildren();
      }
    }
  }

  private void readUsage(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren(); // "usage": null on ordinary chunks when include_usage is set
      return;
    }
    usage = readUsageObject(p);
    usageHere = true;
  }

  /** Reads an OpenAI usage object; the parser is on its START_OBJECT. */
  static TokenUsage readUsageObject(JsonParser p) throws IOException {
    long prompt = -1;
    long completion = -1;
    long total = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "prompt_tokens":
          prompt = OpenAiJson.longValue(p);
          break;
        case "completion_tokens":
          completion = OpenAiJson.longValue(p);
          break;
        case "total_tokens":
          total = OpenAiJson.longValue(p);
          break;
        default:
          p.skipChildren();
      }
    }
    return new TokenUsage(prompt, completion, total);
  }

  /** The finish reason, as a shared constant for the common values (no allocation). */
  static String finishReasonText(JsonParser p) throws IOException {
    char[] c = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    for (String known : KNOWN_FINISH_REASONS) {
      if (known.length() == len && regionEquals(c, off, known)) {
        return known;
      }
    }
    return p.getText();
  }

  private static final String[] KNOWN_FINISH_REASONS = {
      "stop", "length", "tool_calls", "content_filter", "function_call"};

  private static boolean regionEquals(char[] c, int off, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (c[off + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static ErrorFields errorFields(ErrorFields existing) {
    return existing != null ? existing : new ErrorFields();
  }
}
