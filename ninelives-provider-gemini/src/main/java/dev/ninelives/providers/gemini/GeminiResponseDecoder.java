package dev.ninelives.providers.gemini;

import dev.ninelives.core.config.Secret;
import dev.ninelives.core.model.ChatResponse;
import dev.ninelives.core.model.FinishReason;
import dev.ninelives.core.model.Part;
import dev.ninelives.core.model.Usage;
import dev.ninelives.providers.codec.ResponseDecoder;
import dev.ninelives.providers.codec.TranslationException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Reads a complete 200 {@code GenerateContentResponse} into a canonical {@link ChatResponse}.
 *
 * <ul>
 *   <li>Content is the first candidate's parts, in order: text (consecutive text parts joined
 *       into one), {@code functionCall} → {@link Part.ToolCall} with the arguments as JSON text,
 *       {@code inlineData} → {@link Part.Image}. Parts marked {@code thought: true} are skipped:
 *       the encoder never sets {@code includeThoughts}, so they should not occur, and Gemini
 *       thoughts come without the signature an Anthropic client would need to send them back.
 *   <li>Gemini usually sends calls without an id; the gateway mints
 *       {@code call_<responseId>_<n>} (n counting calls from 0 in this answer), so ids are stable
 *       for one answer and distinct across answers. A call id Gemini sends is kept.
 *   <li>Finish reasons follow wire-formats.md §5: STOP → END_TURN, or TOOL_USE when the answer
 *       holds a call (Gemini reports STOP for calls); MAX_TOKENS → MAX_TOKENS; SAFETY,
 *       RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII, IMAGE_* → CONTENT_FILTER; anything else
 *       → OTHER. The matched stop sequence is never known.
 *   <li>A prompt blocked by {@code promptFeedback.blockReason} is an answer, not an error:
 *       CONTENT_FILTER with empty content.
 *   <li>Usage: input = {@code promptTokenCount} (cached included), cached =
 *       {@code cachedContentTokenCount}, output = {@code candidatesTokenCount +
 *       thoughtsTokenCount}, reasoning = {@code thoughtsTokenCount}; unknown when the body has no
 *       {@code usageMetadata}.
 *   <li>The id is {@code responseId}, else {@code gemini-} and a hash of the body; the model is
 *       {@code modelVersion}, else the model the request was sent to.
 * </ul>
 *
 * <p>A {@link TranslationException} (the attempt counts as degraded and fails over) for a body
 * that is not one JSON object of this shape, an {@code error} object, no candidate without a
 * block reason, or an empty answer that claims to be complete (STOP or an OTHER-class reason
 * with no content). An empty answer cut by MAX_TOKENS (a thinking model can spend the whole
 * budget thinking) or by a safety filter is returned as it is: it is a true answer.
 *
 * <p>Immutable and thread-safe.
 */
public final class GeminiResponseDecoder implements ResponseDecoder {
  private final String requestedModel;
  private final List<Secret> knownSecrets;

  /**
   * @param requestedModel the model the request was sent to, reported when the body does not
   *     name one
   */
  public GeminiResponseDecoder(String requestedModel) {
    this(requestedModel, List.of());
  }

  /**
   * @param requestedModel the model the request was sent to
   * @param knownSecrets credentials to scrub from error text quoted in exceptions
   */
  public GeminiResponseDecoder(String requestedModel, Collection<Secret> knownSecrets) {
    this.requestedModel = Objects.requireNonNull(requestedModel, "requestedModel");
    this.knownSecrets = List.copyOf(knownSecrets);
  }

  @Override
  public ChatResponse decode(byte[] body) throws TranslationException {
    if (body == null || body.length == 0) {
      throw new TranslationException("Gemini answered with an empty body");
    }
    GeminiChunk c;
    try {
      c = GeminiChunk.parse(body, 0, body.length);
    } catch (IOException e) {
      throw new TranslationException("Gemini answered with a body that is not a valid "
          + "GenerateContentResponse");
    }
    if (c.error != null) {
      throw new TranslationException("Gemini answered 200 with an error: "
          + GeminiErrors.summary(c.error, knownSecrets));
    }
    String id = c.responseId != null ? c.responseId : mintId(body);
    String model = c.modelVersion != null ? c.modelVersion : requestedModel;
    Usage usage = c.usage != null ? c.usage : Usage.UNKNOWN;
    if (c.blockReason != null) {
      return new ChatResponse(id, model, List.of(), FinishReason.CONTENT_FILTER, null, usage);
    }
    if (!c.hasCandidate) {
      throw new TranslationException("Gemini answered with no candidate and no block reason");
    }
    List<Part> content = toParts(c, id);
    FinishReason reason = GeminiChunk.finishReason(c.finishReason, c.hasCall());
    if (content.isEmpty()
        && (reason == FinishReason.END_TURN || reason == FinishReason.OTHER)) {
      throw new TranslationException("Gemini answered with no content (finishReason "
          + (c.finishReason == null ? "missing" : c.finishReason) + ")");
    }
    return new ChatResponse(id, model, content, reason, null, usage);
  }

  private static List<Part> toParts(GeminiChunk c, String responseId) {
    List<Part> parts = new ArrayList<>(c.pieces.size());
    StringBuilder text = null;
    String callPrefix = null;
    int calls = 0;
    for (GeminiChunk.Piece piece : c.pieces) {
      if (piece.kind == GeminiChunk.Kind.TEXT) {
        if (!piece.value.isEmpty()) {
          text = text == null ? new StringBuilder(piece.value) : text.append(piece.value);
        }
        continue;
      }
      if (text != null) {
        parts.add(new Part.Text(text.toString()));
        text = null;
      }
      if (piece.kind == GeminiChunk.Kind.CALL) {
        String callId = piece.id;
        if (callId == null) {
          if (callPrefix == null) {
            callPrefix = GeminiChunk.callIdPrefix(responseId);
          }
          callId = callPrefix + calls;
        }
        calls++;
        parts.add(new Part.ToolCall(callId, piece.name, piece.value));
      } else {
        parts.add(new Part.Image(piece.name, piece.value, null));
      }
    }
    if (text != null) {
      parts.add(new Part.Text(text.toString()));
    }
    return parts;
  }

  /** An id for an answer without {@code responseId}: the same body always gets the same id. */
  private static String mintId(byte[] body) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    StringBuilder b = new StringBuilder("gemini-");
    for (int i = 0; i < 12; i++) {
      b.append(Character.forDigit((digest[i] >> 4) & 0xf, 16))
          .append(Character.forDigit(digest[i] & 0xf, 16));
    }
    return b.toString();
  }
}
