package dev.ninelives.server.protocol;

import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.core.model.ChatResponse;
import dev.ninelives.core.model.StreamEvent;
import dev.ninelives.core.model.Usage;

import dev.ninelives.core.policy.Attempt;
import dev.ninelives.core.policy.Classification;
import dev.ninelives.core.policy.OutcomeClass;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.StreamEventKind;
import dev.ninelives.providers.StreamInspector;
import dev.ninelives.providers.UpstreamRequest;
import dev.ninelives.providers.codec.StreamDecoder;
import dev.ninelives.providers.codec.StreamEncoder;
import dev.ninelives.providers.codec.TranslationException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The way one attempt's bytes travel between a client format and a provider: passed through
 * when both speak the same format (only the model is rewritten and stream events are forwarded
 * byte for byte), or translated through the canonical model otherwise. Stateless apart from
 * the streams it creates; thread-safe.
 */
public abstract class FormatBridge {

  /** The bridge between {@code client} and {@code provider}. */
  public static FormatBridge between(ClientSide client, ProviderSide provider) {
    return client.format() == provider.format()
        ? new Passthrough(provider) : new Translated(client, provider);
  }

  final ProviderSide provider;

  private FormatBridge(ProviderSide provider) {
    this.provider = provider;
  }

  /** Whether this bridge translates (and so may lose fields the canonical model cannot carry). */
  public abstract boolean translates();

  /**
   * The request fields this attempt could not carry to its target: those the client's format
   * decoder could not map, and those the target's format has no place for. Empty when passing
   * through, or before the request was decoded.
   */
  public java.util.List<String> dropped(Inbound inbound) {
    ChatRequest canonical = inbound.canonicalIfDecoded();
    if (!translates() || canonical == null) {
      return java.util.List.of();
    }
    java.util.List<String> byTarget = provider.droppedBy(canonical);
    if (byTarget.isEmpty()) {
      return canonical.dropped();
    }
    java.util.List<String> all = new java.util.ArrayList<>(canonical.dropped());
    for (String f : byTarget) {
      if (!all.contains(f)) {
        all.add(f);
      }
    }
    return all;
  }

  /**
   * The upstream request for an attempt.
   *
   * @throws TranslationException when the body cannot be translated; an
   *     {@link dev.ninelives.providers.codec.UnsupportedRequestException} when only this
   *     target's format cannot carry it
   */
  public abstract UpstreamRequest prepare(Attempt attempt, Inbound inbound)
      throws TranslationException;

  /** A reader for one streamed answer. */
  public abstract StreamRelay newStream(Inbound inbound, String model);

  /**
   * The client's bytes for a complete 200 answer, with the token counts it reported.
   *
   * @throws TranslationException when the answer is unusable (the attempt is then degraded)
   */
  public abstract Answered answer(Inbound inbound, String model, byte[] body)
      throws TranslationException;

  /**
   * A usable answer in the client's format.
   *
   * @param canonical the answer in canonical form when translating decoded it, else null
   */
  public record Answered(byte[] body, Usage usage, ChatResponse canonical) { }

  /**
   * The answer in canonical form, for a trace: the one translation decoded, or the upstream's
   * own body decoded now. Null when it cannot be read; never throws.
   */
  public ChatResponse canonical(Answered answered, String model) {
    if (answered.canonical() != null) {
      return answered.canonical();
    }
    try {
      return provider.responseDecoder(model).decode(answered.body());
    } catch (TranslationException | RuntimeException e) {
      return null; // the client got its answer; a trace without its details is no failure
    }
  }

  private static final class Passthrough extends FormatBridge {
    Passthrough(ProviderSide provider) {
      super(provider);
    }

    @Override
    public boolean translates() {
      return false;
    }

    @Override
    public UpstreamRequest prepare(Attempt attempt, Inbound inbound) {
      return provider.passthrough(attempt.target().ref().model(), attempt.key(), inbound.body(),
          inbound.scan());
    }

    @Override
    public StreamRelay newStream(Inbound inbound, String model) {
      StreamInspector inspector = provider.newPassthroughInspector();
      byte[] endMarker = inbound.client().errors().endOfStream();
      return new StreamRelay() {
        @Override
        public StreamEventKind onEvent(SseEvent event, ByteArrayOutputStream out) {
          StreamEventKind kind = inspector.inspect(event);
          if (kind != StreamEventKind.METADATA) {
            out.writeBytes(event.raw());
          }
          return kind;
        }

        @Override
        public StreamEventKind onEnd(ByteArrayOutputStream out) {
          if (!inspector.finished()) {
            return null;
          }
          out.writeBytes(endMarker); // the answer is complete; only its end marker was lost
          return StreamEventKind.DONE;
        }

        @Override
        public Classification error() {
          return inspector.error();
        }

        @Override
        public Usage usage() {
          return Usages.of(inspector.usage());
        }

        @Override
        public String responseModel() {
          return inspector.responseModel();
        }

        @Override
        public dev.ninelives.core.model.FinishReason finishReason() {
          return inspector.canonicalFinishReason();
        }
      };
    }

    @Override
    public Answered answer(Inbound inbound, String model, byte[] body)
        throws TranslationException {
      return new Answered(body, provider.checkPassthrough(body), null);
    }
  }

  private static final class Translated extends FormatBridge {
    private final ClientSide client;

    Translated(ClientSide client, ProviderSide provider) {
      super(provider);
      this.client = client;
    }

    @Override
    public boolean translates() {
      return true;
    }

    @Override
    public UpstreamRequest prepare(Attempt attempt, Inbound inbound) throws TranslationException {
      ChatRequest canonical = inbound.canonical();
      String model = attempt.target().ref().model();
      byte[] body = provider.requestEncoder().encode(canonical, model);
      return provider.send(model, attempt.key(), body, inbound.streaming());
    }

    @Override
    public StreamRelay newStream(Inbound inbound, String model) {
      StreamDecoder decoder = provider.newStreamDecoder(model);
      StreamEncoder encoder = client.streamEncoders().apply(inbound.scan().includeUsage());
      return new TranslatedStream(decoder, encoder);
    }

    @Override
    public Answered answer(Inbound inbound, String model, byte[] body)
        throws TranslationException {
      ChatResponse response = provider.responseDecoder(model).decode(body);
      return new Answered(client.responseEncoder().encode(response), response.usage(), response);
    }
  }

  /** Decodes provider events to canonical ones and encodes those for the client. */
  private static final class TranslatedStream implements StreamRelay {
    private static final Classification UNREADABLE =
        Classification.of(OutcomeClass.STREAM_ERROR, "unreadable stream event");

    private final StreamDecoder decoder;
    private final StreamEncoder encoder;
    private final List<StreamEvent> events = new ArrayList<>(4);
    private Classification error;
    private boolean finished;
    private Usage usage = Usage.UNKNOWN;
    private String model;
    private dev.ninelives.core.model.FinishReason finishReason;

    TranslatedStream(StreamDecoder decoder, StreamEncoder encoder) {
      this.decoder = decoder;
      this.encoder = encoder;
    }

    @Override
    public StreamEventKind onEvent(SseEvent event, ByteArrayOutputStream out) {
      events.clear();
      decoder.decode(event, events::add);
      return encode(out);
    }

    @Override
    public StreamEventKind onEnd(ByteArrayOutputStream out) {
      events.clear();
      decoder.end(events::add);
      StreamEventKind kind = encode(out);
      if (kind == StreamEventKind.DONE) {
        return kind;
      }
      if (finished && kind != StreamEventKind.ERROR) {
        encoder.encode(new StreamEvent.Done(), out); // complete answer, lost end marker
        return StreamEventKind.DONE;
      }
      return null;
    }

    private StreamEventKind encode(ByteArrayOutputStream out) {
      StreamEventKind kind = StreamEventKind.METADATA;
      for (StreamEvent e : events) {
        if (e instanceof StreamEvent.Error) {
          Classification c = ((StreamEvent.Error) e).classification();
          error = c == null ? UNREADABLE : c;
          return StreamEventKind.ERROR; // the relay writes the client's terminal error
        }
        encoder.encode(e, out);
        Usage reported = e instanceof StreamEvent.Finish ? ((StreamEvent.Finish) e).usage()
            : e instanceof StreamEvent.UsageUpdate ? ((StreamEvent.UsageUpdate) e).usage() : null;
        if (reported != null && reported.outputTokens() >= 0) {
          usage = reported;
        }
        if (e instanceof StreamEvent.Done) {
          kind = StreamEventKind.DONE;
        } else if (e.isContent()) {
          kind = StreamEventKind.CONTENT;
        } else if (e instanceof StreamEvent.Finish) {
          finished = true;
          finishReason = ((StreamEvent.Finish) e).reason();
          if (kind != StreamEventKind.CONTENT) {
            kind = StreamEventKind.FINISH;
          }
        } else if (kind == StreamEventKind.METADATA) {
          kind = StreamEventKind.LIFECYCLE;
        }
        if (model == null && e instanceof StreamEvent.Start) {
          model = ((StreamEvent.Start) e).model();
        }
      }
      return kind;
    }

    @Override
    public Classification error() {
      return error;
    }

    @Override
    public Usage usage() {
      return usage;
    }

    @Override
    public String responseModel() {
      return model;
    }

    @Override
    public dev.ninelives.core.model.FinishReason finishReason() {
      return finishReason;
    }
  }
}
