package dev.ninelives.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ninelives.core.config.Secret;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.core.model.Usage;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.codec.StreamDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns one OpenAI-family chat completion stream into canonical events.
 *
 * <ul>
 *   <li>the first chunk with choices or usage starts the answer: {@link StreamEvent.Start}
 *       with the chunk's id and model, usage unknown;
 *   <li>blocks are numbered in the order they start: a text block at the first
 *       {@code content} (or {@code refusal}), a thinking block at the first
 *       {@code reasoning_content} / {@code reasoning}, a block per tool call at the first
 *       fragment of its {@code index} (parallel calls are told apart by index only). Within
 *       one delta, reasoning goes first, then text, then tool calls. Blocks stay open until
 *       the finish reason, which closes them all in order and then finishes;
 *   <li>a {@code choices: []} chunk with usage (the {@code include_usage} chunk) is a
 *       {@link StreamEvent.UsageUpdate}; usage on the finishing chunk goes in the
 *       {@link StreamEvent.Finish}; chunks with neither choices nor usage (Azure's prompt filter
 *       results) yield nothing;
 *   <li>{@code [DONE]} is {@link StreamEvent.Done}; an error object (or vLLM's
 *       {@code "object":"error"}) is a {@link StreamEvent.Error} classified by
 *       {@link OpenAiFamilyErrors}; data that is not one JSON object is a
 *       {@link OutcomeClass#STREAM_ERROR}.
 * </ul>
 * All choices are read as one: the gateway never asks for more than one.
 *
 * <p>Not thread-safe: one decoder per stream, called from the stream's thread.
 */
public final class OpenAiStreamDecoder implements StreamDecoder {
  private static final Classification MALFORMED_EVENT =
      Classification.of(OutcomeClass.STREAM_ERROR, "malformed stream event (not a JSON object)");
  private static final Classification ERROR_EVENT =
      Classification.of(OutcomeClass.STREAM_ERROR, "stream error event");

  private final Collection<Secret> knownSecrets;

  // Stream state.
  private boolean started;
  private int nextBlock;
  private int firstOpenBlock; // blocks below it are closed
  private int textBlock = -1;
  private int thinkingBlock = -1;
  private final Map<Integer, ToolSlot> toolBlocks = new HashMap<>(); // by wire index
  private boolean sawToolCall;

  // Per-event scratch, reset by decode().
  private final List<StreamEvent> pending = new ArrayList<>();
  private final List<ToolFragment> fragments = new ArrayList<>();
  private String chunkId;
  private String chunkModel;
  private boolean hasChoices;
  private Usage chunkUsage;
  private String finishReason;
  private ErrorFields errorFields;

  public OpenAiStreamDecoder() {
    this(List.of());
  }

  /** @param knownSecrets credentials to scrub from error messages (the provider's keys) */
  public OpenAiStreamDecoder(Collection<Secret> knownSecrets) {
    this.knownSecrets = List.copyOf(knownSecrets);
  }

  @Override
  public void decode(SseEvent event, Consumer<StreamEvent> out) {
    byte[] data = event.dataBytes();
    if (data == null || OpenAiWire.isBlank(data)) {
      if ("error".equals(event.event())) {
        out.accept(new StreamEvent.Error(ERROR_EVENT));
      }
      return; // comments and empty data are keep-alives
    }
    if (OpenAiWire.isDone(data)) {
      out.accept(new StreamEvent.Done());
      return;
    }
    pending.clear();
    chunkId = null;
    chunkModel = null;
    hasChoices = false;
    chunkUsage = null;
    finishReason = null;
    errorFields = null;
    try (JsonParser p = OpenAiJson.FACTORY.createParser(data)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        out.accept(new StreamEvent.Error(MALFORMED_EVENT));
        return;
      }
      readChunk(p);
      if (p.nextToken() != null) {
        out.accept(new StreamEvent.Error(MALFORMED_EVENT));
        return;
      }
    } catch (IOException e) {
      out.accept(new StreamEvent.Error(MALFORMED_EVENT));
      return;
    }
    if (errorFields == null && "error".equals(event.event())) {
      errorFields = new ErrorFields();
    }
    if (errorFields != null) {
      out.accept(new StreamEvent.Error(
          OpenAiFamilyErrors.classifyStreamError(errorFields, knownSecrets)));
      return;
    }
    if (!hasChoices && chunkUsage == null) {
      return; // Azure's prompt_filter_results chunk, or another metadata-only chunk
    }
    if (!started) {
      started = true;
      out.accept(new StreamEvent.Start(chunkId == null ? "" : chunkId,
          chunkModel == null ? "" : chunkModel, Usage.UNKNOWN));
    }
    for (StreamEvent e : pending) {
      out.accept(e);
    }
    if (finishReason != null) {
      for (int b = firstOpenBlock; b < nextBlock; b++) {
        out.accept(new StreamEvent.BlockStop(b));
      }
      FinishReason reason = OpenAiWire.finishReason(finishReason, sawToolCall);
      out.accept(new StreamEvent.Finish(reason, null,
          chunkUsage == null ? Usage.UNKNOWN : chunkUsage));
      // Anything after the finish (no known server sends more) would start new blocks.
      firstOpenBlock = nextBlock;
      textBlock = -1;
      thinkingBlock = -1;
      toolBlocks.clear();
      sawToolCall = false;
    } else if (chunkUsage != null && !hasChoices) {
      out.accept(new StreamEvent.UsageUpdate(chunkUsage));
    }
  }

  /** The body ended: OpenAI ends with {@code [DONE]}, so there is nothing to add. */
  @Override
  public void end(Consumer<StreamEvent> out) {
    // Nothing: a stream cut before [DONE] is the relay's to judge.
  }

  private void readChunk(JsonParser p) throws IOException {
    boolean objectError = false;
    ErrorFields topLevel = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "id":
          chunkId = OpenAiJson.scalarText(p);
          break;
        case "model":
          chunkModel = OpenAiJson.scalarText(p);
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
            chunkUsage = OpenAiWire.readUsage(p);
          } else {
            p.skipChildren(); // "usage": null on every chunk when include_usage is set
          }
          break;
        case "x_groq": // Groq reports usage here on its last chunk
          readGroqExtension(p, v);
          break;
        case "error":
          if (v == JsonToken.START_OBJECT) {
            errorFields = new ErrorFields();
            errorFields.isError = true;
            errorFields.readErrorObject(p);
          } else if (v == JsonToken.VALUE_STRING) {
            errorFields = new ErrorFields();
            errorFields.isError = true;
            errorFields.message = p.getText();
          } else {
            p.skipChildren(); // "error": null is not an error
          }
          break;
        // vLLM's old error shape puts the fields at the top level next to "object":"error".
        case "object":
          objectError |= v == JsonToken.VALUE_STRING && "error".equals(p.getText());
          break;
        case "message":
          topLevel = topLevel == null ? new ErrorFields() : topLevel;
          topLevel.message = OpenAiJson.scalarText(p);
          break;
        case "type":
          topLevel = topLevel == null ? new ErrorFields() : topLevel;
          topLevel.type = OpenAiJson.scalarText(p);
          break;
        case "code":
          topLevel = topLevel == null ? new ErrorFields() : topLevel;
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

  private void readGroqExtension(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken u = p.nextToken();
      if ("usage".equals(name) && u == JsonToken.START_OBJECT) {
        chunkUsage = OpenAiWire.readUsage(p);
      } else {
        p.skipChildren();
      }
    }
  }

  private void readChoices(JsonParser p) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      hasChoices = true;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if ("delta".equals(name) && v == JsonToken.START_OBJECT) {
          readDelta(p);
        } else if ("finish_reason".equals(name) && v == JsonToken.VALUE_STRING) {
          finishReason = OpenAiStreamInspector.finishReasonText(p);
        } else {
          p.skipChildren();
        }
      }
    }
  }

  /** Reads one delta and turns it into events in {@link #pending}. */
  private void readDelta(JsonParser p) throws IOException {
    String content = null;
    String refusal = null;
    String reasoningContent = null;
    String reasoning = null;
    fragments.clear();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "content":
          content = v == JsonToken.VALUE_STRING ? p.getText() : null;
          p.skipChildren();
          break;
        case "refusal":
          refusal = v == JsonToken.VALUE_STRING ? p.getText() : null;
          p.skipChildren();
          break;
        case "reasoning_content": // DeepSeek, vLLM
          reasoningContent = v == JsonToken.VALUE_STRING ? p.getText() : null;
          p.skipChildren();
          break;
        case "reasoning": // Ollama, OpenRouter, Groq
          reasoning = v == JsonToken.VALUE_STRING ? p.getText() : null;
          p.skipChildren();
          break;
        case "tool_calls":
          if (v == JsonToken.START_ARRAY) {
            readToolFragments(p);
          } else {
            p.skipChildren();
          }
          break;
        default:
          p.skipChildren(); // role, function_call (legacy), audio
      }
    }
    // Servers that send both reasoning fields send the same text twice.
    String thinking = reasoningContent != null ? reasoningContent : reasoning;
    if (thinking != null && !thinking.isEmpty()) {
      if (thinkingBlock < 0) {
        thinkingBlock = nextBlock++;
      }
      pending.add(new StreamEvent.ThinkingDelta(thinkingBlock, thinking));
    }
    addText(content);
    addText(refusal);
    for (ToolFragment f : fragments) {
      ToolSlot slot = toolBlocks.get(f.index);
      boolean hasId = f.id != null && !f.id.isEmpty();
      // OpenAI sends the id once per call. A different id with a name at a known index is a
      // new call from a server that numbers every call 0; the same id again is a repeat.
      if (slot == null || (hasId && f.name != null && !f.id.equals(slot.id))) {
        String id = hasId ? f.id : OpenAiWire.mintCallId();
        slot = new ToolSlot(nextBlock++, id);
        toolBlocks.put(f.index, slot);
        sawToolCall = true;
        pending.add(new StreamEvent.ToolCallStart(slot.block, id,
            f.name == null ? "" : f.name));
      }
      if (f.arguments != null && !f.arguments.isEmpty()) {
        pending.add(new StreamEvent.ToolCallDelta(slot.block, f.arguments));
      }
    }
  }

  private void addText(String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    if (textBlock < 0) {
      textBlock = nextBlock++;
    }
    pending.add(new StreamEvent.TextDelta(textBlock, text));
  }

  private void readToolFragments(JsonParser p) throws IOException {
    int position = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        position++;
        continue;
      }
      // Servers that send whole calls sometimes leave out index: the position stands in.
      ToolFragment f = new ToolFragment(position);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "index":
            long index = OpenAiJson.longValue(p);
            if (index >= 0 && index <= Integer.MAX_VALUE) {
              f.index = (int) index;
            }
            break;
          case "id":
            f.id = OpenAiJson.scalarText(p);
            break;
          case "function":
            if (v != JsonToken.START_OBJECT) {
              p.skipChildren();
              break;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String field = p.currentName();
              JsonToken fv = p.nextToken();
              if ("name".equals(field)) {
                f.name = OpenAiJson.scalarText(p);
              } else if ("arguments".equals(field)) {
                // A JSON string; a few servers send the arguments object itself.
                f.arguments = fv == JsonToken.START_OBJECT ? OpenAiWire.copyRawValue(p)
                    : OpenAiJson.scalarText(p);
              } else {
                p.skipChildren();
              }
            }
            break;
          default:
            p.skipChildren();
        }
      }
      fragments.add(f);
      position++;
    }
  }

  /** The block and id of the call at one wire index. */
  private static final class ToolSlot {
    final int block;
    final String id;

    ToolSlot(int block, String id) {
      this.block = block;
      this.id = id;
    }
  }

  /** One element of a delta's {@code tool_calls}. */
  private static final class ToolFragment {
    int index;
    String id;
    String name;
    String arguments;

    ToolFragment(int index) {
      this.index = index;
    }
  }
}
