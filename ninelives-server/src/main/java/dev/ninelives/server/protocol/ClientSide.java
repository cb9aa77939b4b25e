package dev.ninelives.server.protocol;

import dev.ninelives.core.model.WireFormat;
import dev.ninelives.providers.RequestScan;
import dev.ninelives.providers.codec.ClientFormat;
import dev.ninelives.providers.codec.RequestDecoder;
import dev.ninelives.providers.codec.ResponseEncoder;
import dev.ninelives.providers.codec.StreamEncoder;
import java.util.function.Function;

/**
 * One format clients speak to the gateway: how its requests are scanned (always) and decoded
 * (only when translating), how answers and stream events are written back, and how the gateway
 * phrases its own errors in it. Immutable and thread-safe.
 *
 * @param format the wire format
 * @param scanner reads model and stream flag without decoding the body
 * @param decoder reads the whole body into the canonical model
 * @param responseEncoder writes a canonical answer
 * @param streamEncoders a fresh stream encoder per stream, given whether usage was asked for
 * @param errors the gateway's own words in this format
 */
public record ClientSide(
    WireFormat format,
    Function<byte[], RequestScan> scanner,
    RequestDecoder decoder,
    ResponseEncoder responseEncoder,
    Function<Boolean, StreamEncoder> streamEncoders,
    ClientFormat errors) {
}
