package dev.ninelives.core.model;

import java.util.Objects;

/**
 * Whether and which tool the model must call.
 *
 * @param mode auto, any (must call some tool), none, or one named tool
 * @param name the tool for {@link Mode#TOOL}, else null
 */
public record ToolChoice(Mode mode, String name) {
  public ToolChoice {
    Objects.requireNonNull(mode, "mode");
    if ((mode == Mode.TOOL) != (name != null)) {
      throw new IllegalArgumentException("a tool name goes with mode TOOL, and only with it");
    }
  }

  public enum Mode {
    AUTO,
    ANY,
    NONE,
    TOOL
  }
}
