package dev.ninelives.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a {@code resilience:} block (global or per route) into a {@link ResilienceLayer},
 * reporting unknown keys, wrong node kinds and bad values at their locations. Values that fail
 * are left out of the layer, so the rest of the block is still checked. Stateless.
 */
final class ResilienceReader {
  private ResilienceReader() {}

  static ResilienceLayer read(Node node, String path, ReadContext ctx) {
    ResilienceLayer layer = new ResilienceLayer();
    Optional<MappingView> block = ctx.mapping(node, path);
    if (block.isEmpty()) {
      return layer;
    }
    Set<String> sections = ResilienceField.sections();
    block.get().rejectUnknownKeys(sections, ctx);
    for (String section : sections) {
      block.get().get(section).ifPresent(entry -> readSection(entry, layer, ctx));
    }
    return layer;
  }

  private static void readSection(MappingView.Entry entry, ResilienceLayer layer,
      ReadContext ctx) {
    Optional<MappingView> fields = ctx.mapping(entry.value(), entry.path());
    if (fields.isEmpty()) {
      return;
    }
    List<ResilienceField> known = ResilienceField.inSection(entry.key());
    fields.get().rejectUnknownKeys(known.stream().map(ResilienceField::key).toList(), ctx);
    for (ResilienceField field : known) {
      fields.get().get(field.key()).ifPresent(e ->
          ctx.value(e.value(), e.path(), text -> field.kind().parse(text))
              .ifPresent(v -> layer.set(field, v, e.value(), e.path())));
    }
  }
}
