/**
 * Translation between wire formats and the canonical model ({@code dev.ninelives.core.model}).
 * Each format implements the encoders and decoders for the sides it is spoken on: the client
 * side (decode requests, encode answers and stream events) for formats the gateway accepts, the
 * provider side (encode requests, decode answers and stream events) for formats it calls.
 *
 * <p>Codecs are used only when client and provider formats differ; same-format traffic is
 * passed through with only the model rewritten.
 */
package dev.ninelives.providers.codec;
