package dev.ninelives.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping as ordered, named entries, each with the nodes of its key and value.
 *
 * <p>Building one reports duplicate keys and keys that are not plain names, and applies YAML
 * merge keys ({@code <<: *anchor}) the way YAML specifies: explicit keys win over merged ones,
 * and earlier merge sources over later ones. SnakeYAML's composer reports neither duplicates
 * nor merges, which is why this class does.
 *
 * <p>Immutable after construction.
 */
final class MappingView {
  /** One key and its value; {@code path} is the dotted path of the value. */
  record Entry(String key, Node keyNode, Node value, String path) {}

  private final Map<String, Entry> entries;

  private MappingView(Map<String, Entry> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  static MappingView empty() {
    return new MappingView(new LinkedHashMap<>());
  }

  static MappingView of(MappingNode mapping, String path, ReadContext ctx) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<MappingNode> mergeSources = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (keyNode.getTag().equals(Tag.MERGE)) {
        collectMergeSources(tuple.getValueNode(), path, ctx, mergeSources);
      } else if (!(keyNode instanceof ScalarNode scalarKey)) {
        ctx.problems().error(keyNode, path,
            "a key must be a plain name, got " + ReadContext.kind(keyNode));
      } else {
        String key = scalarKey.getValue();
        Entry first = entries.get(key);
        if (first != null) {
          ctx.problems().error(keyNode, YamlPath.child(path, key), "duplicate key '" + key
              + "' (first defined at line " + (first.keyNode().getStartMark().getLine() + 1)
              + ")");
        } else {
          entries.put(key, new Entry(key, keyNode, tuple.getValueNode(),
              YamlPath.child(path, key)));
        }
      }
    }
    Set<Node> visiting = Collections.newSetFromMap(new IdentityHashMap<>());
    visiting.add(mapping);
    for (MappingNode source : mergeSources) {
      merge(source, path, entries, visiting);
    }
    return new MappingView(entries);
  }

  Collection<Entry> entries() {
    return entries.values();
  }

  Optional<Entry> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Reports every key not in {@code known}, with the closest known key as a hint. */
  void rejectUnknownKeys(Collection<String> known, ReadContext ctx) {
    for (Entry e : entries.values()) {
      if (!known.contains(e.key())) {
        ctx.problems().error(e.keyNode(), e.path(),
            "unknown key '" + e.key() + "'" + Suggestions.hint(e.key(), known, "known keys"));
      }
    }
  }

  private static void collectMergeSources(Node value, String path, ReadContext ctx,
      List<MappingNode> out) {
    if (value instanceof MappingNode m) {
      out.add(m);
      return;
    }
    if (value instanceof SequenceNode s
        && s.getValue().stream().allMatch(n -> n instanceof MappingNode)) {
      for (Node n : s.getValue()) {
        out.add((MappingNode) n);
      }
      return;
    }
    ctx.problems().error(value, path, "'<<' merges a mapping or a list of mappings, got "
        + ReadContext.kind(value));
  }

  // Merged keys never override: explicit keys and earlier sources come first. Duplicates
  // inside a source are reported where the source itself is read, so not here.
  private static void merge(MappingNode source, String path, Map<String, Entry> into,
      Set<Node> visiting) {
    if (!visiting.add(source)) {
      return; // a merge cycle through aliases; every key is already in
    }
    List<MappingNode> nested = new ArrayList<>();
    for (NodeTuple tuple : source.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (keyNode.getTag().equals(Tag.MERGE)) {
        Node v = tuple.getValueNode();
        if (v instanceof MappingNode m) {
          nested.add(m);
        } else if (v instanceof SequenceNode s) {
          s.getValue().stream().filter(n -> n instanceof MappingNode)
              .forEach(n -> nested.add((MappingNode) n));
        }
      } else if (keyNode instanceof ScalarNode scalarKey) {
        String key = scalarKey.getValue();
        into.putIfAbsent(key, new Entry(key, keyNode, tuple.getValueNode(),
            YamlPath.child(path, key)));
      }
    }
    for (MappingNode m : nested) {
      merge(m, path, into, visiting);
    }
  }
}
