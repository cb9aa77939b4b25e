package dev.ninelives.server.formats;

import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.model.WireFormat;
import dev.ninelives.providers.anthropic.AnthropicClientFormat;
import dev.ninelives.providers.anthropic.AnthropicRequestDecoder;
import dev.ninelives.providers.anthropic.AnthropicRequestScanner;
import dev.ninelives.providers.anthropic.AnthropicResponseEncoder;
import dev.ninelives.providers.anthropic.AnthropicStreamEncoder;
import dev.ninelives.providers.openai.OpenAiClientFormat;
import dev.ninelives.providers.openai.OpenAiRequestDecoder;
import dev.ninelives.providers.openai.OpenAiRequestScanner;
import dev.ninelives.providers.openai.OpenAiResponseEncoder;
import dev.ninelives.providers.openai.OpenAiStreamEncoder;
import dev.ninelives.server.protocol.ClientSide;
import dev.ninelives.server.protocol.ProviderSide;
import java.time.Clock;

/** The formats this build speaks: client sides by ingress, provider sides by provider type. */
public final class Formats {
  private Formats() {
  }

  /** The OpenAI Chat Completions ingress. */
  public static ClientSide openAiClients(Clock clock) {
    return new ClientSide(WireFormat.OPENAI, OpenAiRequestScanner::scan,
        new OpenAiRequestDecoder(), new OpenAiResponseEncoder(clock),
        includeUsage -> new OpenAiStreamEncoder(includeUsage, clock), new OpenAiClientFormat());
  }

  /** The Anthropic Messages ingress. */
  public static ClientSide anthropicClients() {
    return new ClientSide(WireFormat.ANTHROPIC, AnthropicRequestScanner::scan,
        new AnthropicRequestDecoder(), new AnthropicResponseEncoder(),
        includeUsage -> new AnthropicStreamEncoder(), new AnthropicClientFormat());
  }

  /** The relay's view of a configured provider. */
  public static ProviderSide provider(ProviderConfig config) {
    switch (config.type()) {
      case ANTHROPIC:
        return new AnthropicProviderSide(config);
      case GEMINI:
        return new GeminiProviderSide(config);
      default:
        return new OpenAiProviderSide(config);
    }
  }
}
