package dev.ninelives.core.model;

import java.util.List;
import java.util.Objects;

/** One turn of the conversation. */
public record Message(Role role, List<Part> parts) {
  public Message {
    Objects.requireNonNull(role, "role");
    parts = List.copyOf(parts);
  }

  public static Message user(String text) {
    return new Message(Role.USER, List.of(new Part.Text(text)));
  }
}
