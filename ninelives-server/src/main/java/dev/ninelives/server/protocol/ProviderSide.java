package dev.ninelives.server.protocol;

import dev.ninelives.core.config.Secret;
import dev.ninelives.core.model.WireFormat;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.providers.HeaderLookup;
import dev.ninelives.providers.ScannedRequest;
import dev.ninelives.providers.StreamInspector;
import dev.ninelives.providers.UpstreamRequest;
import dev.ninelives.providers.codec.RequestEncoder;
import dev.ninelives.providers.codec.ResponseDecoder;
import dev.ninelives.providers.codec.StreamDecoder;

/**
 * One configured provider as the relay needs it: its format, how to address it, its error
 * table, and its codecs. One per provider; implementations are immutable and thread-safe.
 */
public interface ProviderSide {

  WireFormat format();

  /** The request for a client body in this provider's own format: only the model changes. */
  UpstreamRequest passthrough(String model, Secret key, byte[] clientBody, ScannedRequest scan);

  /** The request for a body already encoded in this provider's format. */
  UpstreamRequest send(String model, Secret key, byte[] body, boolean stream);

  /** The class of a non-2xx answer, with this provider's secrets scrubbed from its message. */
  Classification classify(int status, HeaderLookup headers, byte[] body, long nowEpochMillis);

  RequestEncoder requestEncoder();

  /** A decoder for complete answers of {@code model}. */
  ResponseDecoder responseDecoder(String model);

  /**
   * Fields of {@code request} this provider's format cannot carry beyond those the client's
   * decoder already listed (e.g. {@code seed} for Anthropic); empty by default.
   */
  default java.util.List<String> droppedBy(dev.ninelives.core.model.ChatRequest request) {
    return java.util.List.of();
  }

  /** A fresh decoder for one streamed answer of {@code model}. */
  StreamDecoder newStreamDecoder(String model);

  /** A fresh inspector for one same-format streamed answer. */
  StreamInspector newPassthroughInspector();

  /**
   * Judges a same-format 200 answer.
   *
   * @throws dev.ninelives.providers.codec.TranslationException saying why it is unusable
   * @return the token counts it reports ({@link dev.ninelives.core.model.Usage#UNKNOWN} if none)
   */
  dev.ninelives.core.model.Usage checkPassthrough(byte[] body)
      throws dev.ninelives.providers.codec.TranslationException;
}
