package dev.ninelives.server.protocol;

import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.providers.ScannedRequest;
import dev.ninelives.providers.codec.TranslationException;
import java.util.Objects;

/**
 * A client request on its way through the gateway: the body as sent, what the scan read, the
 * route, the client's format, and — decoded on first need, at most once — its canonical form.
 *
 * <p>Confined to the request's event loop; not thread-safe.
 */
public final class Inbound {
  private final byte[] body;
  private final ScannedRequest scan;
  private final ModelRoute route;
  private final ClientSide client;
  private ChatRequest canonical;
  private TranslationException decodeFailure;

  public Inbound(byte[] body, ScannedRequest scan, ModelRoute route, ClientSide client) {
    this.body = Objects.requireNonNull(body, "body");
    this.scan = Objects.requireNonNull(scan, "scan");
    this.route = Objects.requireNonNull(route, "route");
    this.client = Objects.requireNonNull(client, "client");
  }

  /** The body exactly as the client sent it (not copied; never modified). */
  public byte[] body() {
    return body;
  }

  public ScannedRequest scan() {
    return scan;
  }

  public ModelRoute route() {
    return route;
  }

  public ClientSide client() {
    return client;
  }

  public boolean streaming() {
    return scan.stream();
  }

  /**
   * The request in canonical form, decoded the first time a target needs translation. A body
   * that cannot be decoded fails the same way every time it is asked for.
   */
  public ChatRequest canonical() throws TranslationException {
    if (canonical == null && decodeFailure == null) {
      try {
        canonical = client.decoder().decode(body);
      } catch (TranslationException e) {
        decodeFailure = e;
      }
    }
    if (decodeFailure != null) {
      throw decodeFailure;
    }
    return canonical;
  }

  /** The canonical request if it has been decoded, else null (for headers and logs). */
  public ChatRequest canonicalIfDecoded() {
    return canonical;
  }
}
