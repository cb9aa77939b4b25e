package dev.ninelives.server.protocol;

import dev.ninelives.core.model.Usage;
import dev.ninelives.providers.TokenUsage;

/** Converts the passthrough inspectors' token counts into the canonical form. */
public final class Usages {
  private Usages() {
  }

  public static Usage of(TokenUsage t) {
    return t.isKnown() ? Usage.of(t.promptTokens(), t.completionTokens()) : Usage.UNKNOWN;
  }
}
