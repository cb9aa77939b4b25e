package dev.ninelives.config;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed, located access to the YAML node tree for one load: checks node kinds, substitutes
 * environment variables and converts values, reporting each failure at the node's location.
 *
 * <p>Not thread-safe: one instance per load.
 */
final class ReadContext {
  private final Problems problems;
  private final EnvSubstitutor substitutor;
  // Each scalar is substituted once, even when an alias makes it appear in several places,
  // so an unset variable is reported once.
  private final Map<Node, Optional<String>> substituted = new IdentityHashMap<>();

  ReadContext(Problems problems, EnvSubstitutor substitutor) {
    this.problems = problems;
    this.substitutor = substitutor;
  }

  Problems problems() {
    return problems;
  }

  /** The node as a mapping; an empty value counts as an empty mapping. */
  Optional<MappingView> mapping(Node node, String path) {
    if (node instanceof MappingNode m) {
      return Optional.of(MappingView.of(m, path, this));
    }
    if (isEmpty(node)) {
      return Optional.of(MappingView.empty());
    }
    problems.error(node, path, "expected a mapping, got " + kind(node));
    return Optional.empty();
  }

  /** The node as a list; an empty value counts as an empty list. */
  Optional<List<Node>> sequence(Node node, String path) {
    if (node instanceof SequenceNode s) {
      return Optional.of(s.getValue());
    }
    if (isEmpty(node)) {
      return Optional.of(List.of());
    }
    problems.error(node, path, "expected a list, got " + kind(node));
    return Optional.empty();
  }

  /** The node's text after environment substitution; an empty value gives "". */
  Optional<String> text(Node node, String path) {
    if (!(node instanceof ScalarNode scalar)) {
      problems.error(node, path, "expected a single value, got " + kind(node));
      return Optional.empty();
    }
    return substituted.computeIfAbsent(node, n -> {
      // "key:", "key: ~" and "key: null" have no value; a quoted "null" is the text null.
      String raw = scalar.getTag().equals(Tag.NULL) ? "" : scalar.getValue();
      Parsed<String> result = substitutor.substitute(raw);
      if (!result.isOk()) {
        problems.error(node, path, result.error());
        return Optional.empty();
      }
      return Optional.of(result.value());
    });
  }

  /** The node converted by {@code parser}, or empty after reporting why not. */
  <T> Optional<T> value(Node node, String path, Function<String, Parsed<T>> parser) {
    Optional<String> text = text(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Parsed<T> parsed = parser.apply(text.get());
    if (!parsed.isOk()) {
      problems.error(node, path, parsed.error());
      return Optional.empty();
    }
    return Optional.of(parsed.value());
  }

  /** Whether the node is a plain empty value ({@code key:}, {@code ~} or {@code null}). */
  static boolean isEmpty(Node node) {
    return node == null || (node instanceof ScalarNode && node.getTag().equals(Tag.NULL));
  }

  /** A name for the node's kind, for "expected X, got Y" messages. */
  static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "a single value";
  }
}
