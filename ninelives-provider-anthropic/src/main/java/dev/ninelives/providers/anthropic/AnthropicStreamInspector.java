package dev.ninelives.providers.anthropic;

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
 * Looks at each event of an Anthropic Messages stream on the same-format fast path (Anthropic
 * client, Anthropic provider: the bytes are forwarded as they come) just enough for the relay
 * to decide when to commit, when the upstream failed, and what it reported. One Jackson
 * streaming pass per event; no tree.
 *
 * <table>
 *   <caption>event → kind</caption>
 *   <tr><td>message_start, ping, content_block_stop, a text or thinking
 *       content_block_start, signature and citation deltas, unknown event types, comments
 *       and events without data</td><td>LIFECYCLE</td></tr>
 *   <tr><td>content_block_delta with non-empty text_delta, input_json_delta or thinking_delta;
 *       a tool_use content_block_start; a content_block_start already carrying text</td>
 *       <td>CONTENT</td></tr>
 *   <tr><td>message_delta</td><td>FINISH ({@link #finished()} from then on)</td></tr>
 *   <tr><td>message_stop</td><td>DONE</td></tr>
 *   <tr><td>event: error (or data of type error)</td><td>ERROR, classified by
 *       {@link AnthropicErrors#classifyStreamError}</td></tr>
 *   <tr><td>data that is not a JSON object</td><td>MALFORMED</td></tr>
 * </table>
 * Usage is read from {@code message_start} and updated from {@code message_delta} (cumulative
 * counts), in OpenAI's terms: prompt = input + cache creation + cache read.
 *
 * <p>Not thread-safe: one inspector per stream, called from the stream's thread.
 */
public final class AnthropicStreamInspector implements StreamInspector {
  private static final Classification MALFORMED_EVENT =
      Classification.of(OutcomeClass.STREAM_ERROR, "malformed stream event (not a JSON object)");

  private final Collection<Secret> knownSecrets;
  private boolean finished;
  private String stopReason;
  private String model;
  private AnthropicMapping.UsageFields usage;
  private Classification error;

  // Per-event scratch, reset by inspect().
  private String type;
  private String blockType;
  private boolean blockHasText;
  private boolean deltaContent;
  private String deltaStopReason;
  private AnthropicMapping.UsageFields eventUsage;
  private AnthropicErrorFields errorFields;

  public AnthropicStreamInspector() {
    this(List.of());
  }

  /** @param knownSecrets credentials to scrub from error messages (the provider's keys) */
  public AnthropicStreamInspector(Collection<Secret> knownSecrets) {
    this.knownSecrets = List.copyOf(knownSecrets);
  }

  @Override
  public StreamEventKind inspect(SseEvent event) {
    byte[] data = event.dataBytes();
    boolean errorEvent = "error".equals(event.event());
    if (data == null || AnthropicJson.isBlank(data)) {
      if (errorEvent) {
        error = Classification.of(OutcomeClass.STREAM_ERROR, "stream error event");
        return StreamEventKind.ERROR;
      }
      return StreamEventKind.LIFECYCLE;
    }
    type = null;
    blockType = null;
    blockHasText = false;
    deltaContent = false;
    deltaStopReason = null;
    eventUsage = null;
    errorFields = null;
    try (JsonParser p = AnthropicJson.FACTORY.createParser(data)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        error = MALFORMED_EVENT;
        return StreamEventKind.MALFORMED;
      }
      read(p);
      if (p.nextToken() != null) {
        error = MALFORMED_EVENT;
        return StreamEventKind.MALFORMED;
      }
    } catch (IOException e) {
      error = MALFORMED_EVENT;
      return StreamEventKind.MALFORMED;
    }
    String t = type != null ? type : event.event();
    if (errorEvent || "error".equals(t)) {
      error = AnthropicErrors.streamError(
          errorFields != null ? errorFields : new AnthropicErrorFields(), knownSecrets);
      return StreamEventKind.ERROR;
    }
    if (t == null) {
      return StreamEventKind.LIFECYCLE;
    }
    switch (t) {
      case "message_start":
        if (eventUsage != null) {
          usage = eventUsage;
        }
        return StreamEventKind.LIFECYCLE;
      case "content_block_start":
        // A tool call is content even before its arguments: the client sees the call begin.
        return "tool_use".equals(blockType) || blockHasText
            ? StreamEventKind.CONTENT : StreamEventKind.LIFECYCLE;
      case "content_block_delta":
        return deltaContent ? StreamEventKind.CONTENT : StreamEventKind.LIFECYCLE;
      case "message_delta":
        finished = true;
        if (deltaStopReason != null) {
          stopReason = deltaStopReason;
        }
        if (eventUsage != null) {
          usage = eventUsage.orElse(usage);
        }
        return StreamEventKind.FINISH;
      case "message_stop":
        return StreamEventKind.DONE;
      default:
        return StreamEventKind.LIFECYCLE; // ping, content_block_stop, newer event types
    }
  }

  /** Whether a {@code message_delta} (Anthropic's finish) has been seen. */
  @Override
  public boolean finished() {
    return finished;
  }

  /** The stop reason of the last {@code message_delta}, or null. */
  public String stopReason() {
    return stopReason;
  }

  /** The model named by {@code message_start}, or null. */
  @Override
  public String responseModel() {
    return model;
  }

  @Override
  public dev.ninelives.core.model.FinishReason canonicalFinishReason() {
    return finished ? AnthropicMapping.finishReason(stopReason) : null;
  }

  /** The usage reported so far, in OpenAI's terms, or {@link TokenUsage#UNKNOWN}. */
  @Override
  public TokenUsage usage() {
    if (usage == null) {
      return TokenUsage.UNKNOWN;
    }
    dev.ninelives.core.model.Usage u = usage.toCanonical();
    return new TokenUsage(u.inputTokens(), u.outputTokens(), u.totalTokens());
  }

  /** The classification of the last ERROR or MALFORMED event, or null if there was none. */
  @Override
  public Classification error() {
    return error;
  }

  private void read(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "type":
          type = AnthropicJson.scalarText(p);
          break;
        case "message":
          if (v == JsonToken.START_OBJECT) {
            readMessage(p);
          } else {
            p.skipChildren();
          }
          break;
        case "content_block":
          if (v == JsonToken.START_OBJECT) {
            readContentBlock(p);
          } else {
            p.skipChildren();
          }
          break;
        case "delta":
          if (v == JsonToken.START_OBJECT) {
            readDelta(p);
          } else {
            p.skipChildren();
          }
          break;
        case "usage":
          if (v == JsonToken.START_OBJECT) {
            eventUsage = AnthropicMapping.UsageFields.read(p);
          } else {
            p.skipChildren();
          }
          break;
        case "error":
          if (v == JsonToken.START_OBJECT) {
            errorFields = new AnthropicErrorFields();
            errorFields.isError = true;
            errorFields.readErrorObject(p);
          } else {
            p.skipChildren();
          }
          break;
        default:
          p.skipChildren();
      }
    }
  }

  private void readMessage(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if ("usage".equals(name) && v == JsonToken.START_OBJECT) {
        eventUsage = AnthropicMapping.UsageFields.read(p);
      } else if ("model".equals(name) && v == JsonToken.VALUE_STRING) {
        model = p.getText();
      } else {
        p.skipChildren();
      }
    }
  }

  private void readContentBlock(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if ("type".equals(name)) {
        blockType = AnthropicJson.scalarText(p);
      } else if ("text".equals(name) || "thinking".equals(name)) {
        blockHasText |= AnthropicJson.nonEmptyString(p);
        p.skipChildren();
      } else {
        p.skipChildren();
      }
    }
  }

  private void readDelta(JsonParser p) throws IOException {
    // Which member holds content depends on the delta's type, but only content deltas have
    // these members, so their presence (non-empty) is enough whatever the member order.
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "text":
        case "partial_json":
        case "thinking":
          deltaContent |= AnthropicJson.nonEmptyString(p);
          p.skipChildren();
          break;
        case "stop_reason":
          deltaStopReason = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
          p.skipChildren();
          break;
        default:
          p.skipChildren();
      }
    }
  }
}
