package dev.ninelives.config;

import dev.ninelives.core.config.ProviderConfig;
import dev.ninelives.core.config.ProviderType;
import dev.ninelives.core.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code providers:} block. Reports every problem of every provider; builds a
 * {@link ProviderConfig} for each provider that has none.
 *
 * <p>Key values are wrapped in {@link Secret} as soon as they are read, and no message quotes
 * a key or a header value. Not thread-safe: one instance per load.
 */
final class ProviderReader {
  static final List<String> KEYS =
      List.of("type", "api_key", "api_keys", "base_url", "api_version", "headers");

  // RFC 9110 token characters: what an HTTP header name may contain.
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private static final List<String> TYPE_NAMES =
      Arrays.stream(ProviderType.values()).map(ProviderType::configName).toList();

  /**
   * What the reader found.
   *
   * @param providers the providers without errors, in configured order
   * @param declared every provider name in the file with its key node, valid or not, so routes
   *     can tell a misspelt provider from one that merely has a mistake of its own
   */
  record Result(Map<String, ProviderConfig> providers, Map<String, Node> declared) {}

  private final ReadContext ctx;
  private final Problems problems;

  ProviderReader(ReadContext ctx) {
    this.ctx = ctx;
    this.problems = ctx.problems();
  }

  /**
   * @param entry the {@code providers:} entry, or empty when the key is absent
   * @param root the document, to locate "no providers" when the key is absent
   */
  Result read(Optional<MappingView.Entry> entry, Node root) {
    Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    Map<String, Node> declared = new LinkedHashMap<>();
    Optional<MappingView> block = entry.flatMap(e -> ctx.mapping(e.value(), e.path()));
    if (entry.isPresent() && block.isEmpty()) {
      return new Result(providers, declared); // wrong kind, already reported
    }
    if (block.isEmpty() || block.get().isEmpty()) {
      problems.error(entry.map(MappingView.Entry::keyNode).orElse(root), "providers",
          "no providers configured: add at least one under 'providers:'");
      return new Result(providers, declared);
    }
    for (MappingView.Entry e : block.get().entries()) {
      declared.put(e.key(), e.keyNode());
      readProvider(e).ifPresent(p -> providers.put(p.name(), p));
    }
    return new Result(providers, declared);
  }

  private Optional<ProviderConfig> readProvider(MappingView.Entry entry) {
    int errorsBefore = problems.errorReports();
    String name = entry.key();
    if (name.isEmpty() || name.contains("/") || name.chars().anyMatch(Character::isWhitespace)) {
      problems.error(entry.keyNode(), entry.path(), "provider name '" + name
          + "' must be non-empty and contain no '/' or whitespace (targets are written"
          + " provider/model)");
    }
    Optional<MappingView> body = ctx.mapping(entry.value(), entry.path());
    if (body.isEmpty()) {
      return Optional.empty();
    }
    MappingView p = body.get();
    p.rejectUnknownKeys(KEYS, ctx);

    Optional<ProviderType> type = readType(entry, p);
    List<Secret> keys = readKeys(entry, p, type);
    Optional<String> baseUrl = readBaseUrl(entry, p, type);
    String apiVersion = readApiVersion(p, type);
    Map<String, String> headers = readHeaders(p);

    if (problems.errorReports() != errorsBefore || type.isEmpty() || baseUrl.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ProviderConfig(name, type.get(), baseUrl.get(), keys, apiVersion,
        headers));
  }

  private Optional<ProviderType> readType(MappingView.Entry provider, MappingView p) {
    Optional<MappingView.Entry> e = p.get("type");
    if (e.isEmpty()) {
      problems.error(provider.keyNode(), provider.path(),
          "missing 'type' (one of: " + String.join(", ", TYPE_NAMES) + ")");
      return Optional.empty();
    }
    Optional<String> text = ctx.text(e.get().value(), e.get().path());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.get().isBlank()) {
      problems.error(e.get().value(), e.get().path(),
          "type has no value (one of: " + String.join(", ", TYPE_NAMES) + ")");
      return Optional.empty();
    }
    Optional<ProviderType> type = ProviderType.fromConfigName(text.get().trim());
    if (type.isEmpty()) {
      problems.error(e.get().value(), e.get().path(), "unknown type " + Values.quote(text.get())
          + Suggestions.hint(text.get().trim(), TYPE_NAMES, "one of"));
    }
    return type;
  }

  private List<Secret> readKeys(MappingView.Entry provider, MappingView p,
      Optional<ProviderType> type) {
    Optional<MappingView.Entry> single = p.get("api_key");
    Optional<MappingView.Entry> pool = p.get("api_keys");
    List<Secret> keys = new ArrayList<>();
    if (single.isPresent() && pool.isPresent()) {
      problems.error(pool.get().keyNode(), pool.get().path(),
          "set either api_key or api_keys, not both");
    }
    single.ifPresent(e -> readKey(e.value(), e.path()).ifPresent(keys::add));
    pool.ifPresent(e -> readPool(e, keys));
    boolean requiresKey = type.isPresent() && type.get() != ProviderType.OPENAI_COMPATIBLE;
    if (requiresKey && single.isEmpty() && pool.isEmpty()) {
      problems.error(provider.keyNode(), provider.path(), "missing 'api_key' (or 'api_keys'):"
          + " type " + type.get().configName() + " needs a key");
    }
    return keys;
  }

  private void readPool(MappingView.Entry pool, List<Secret> keys) {
    Optional<List<Node>> items = ctx.sequence(pool.value(), pool.path());
    if (items.isEmpty()) {
      return;
    }
    if (items.get().isEmpty()) {
      problems.error(pool.value(), pool.path(), "api_keys is empty: list at least one key");
      return;
    }
    // Compared by index only: the message must not reveal which key it is.
    Map<Secret, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < items.get().size(); i++) {
      Node item = items.get().get(i);
      String path = YamlPath.index(pool.path(), i);
      Optional<Secret> key = readKey(item, path);
      if (key.isEmpty()) {
        continue;
      }
      Integer first = firstIndex.putIfAbsent(key.get(), i);
      if (first != null) {
        problems.warning(item, path, "the same key as api_keys[" + first
            + "]: a repeated key gets a larger share of traffic and is quarantined as one");
      }
      keys.add(key.get());
    }
  }

  private Optional<Secret> readKey(Node node, String path) {
    Optional<String> text = ctx.text(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String key = text.get().trim();
    if (key.isEmpty()) {
      problems.error(node, path, "the key is empty");
      return Optional.empty();
    }
    return Optional.of(Secret.of(key));
  }

  private Optional<String> readBaseUrl(MappingView.Entry provider, MappingView p,
      Optional<ProviderType> type) {
    Optional<MappingView.Entry> e = p.get("base_url");
    if (e.isEmpty()) {
      if (type.isEmpty()) {
        return Optional.empty();
      }
      Optional<String> fallback = type.get().defaultBaseUrl();
      if (fallback.isEmpty()) {
        problems.error(provider.keyNode(), provider.path(), "missing 'base_url': type "
            + type.get().configName() + " has no default endpoint");
      }
      return fallback;
    }
    Optional<String> text = ctx.text(e.get().value(), e.get().path());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Parsed<String> url = httpUrl(text.get().trim());
    if (!url.isOk()) {
      problems.error(e.get().value(), e.get().path(), url.error());
      return Optional.empty();
    }
    return Optional.of(url.value());
  }

  /**
   * An absolute http(s) URL without one trailing slash, so that adapters can append paths
   * such as {@code /chat/completions} without doubling it. The URL is not quoted in errors:
   * it may carry credentials in its user info or query.
   */
  static Parsed<String> httpUrl(String text) {
    if (text.isEmpty()) {
      return Parsed.fail("expected an http:// or https:// URL, got nothing");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return Parsed.fail("not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Parsed.fail("expected an http:// or https:// URL, got "
          + (scheme.isEmpty() ? "no scheme" : "scheme '" + scheme + "'"));
    }
    if (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
      return Parsed.fail("the URL has no host: expected one like https://host/v1");
    }
    return Parsed.ok(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }

  private String readApiVersion(MappingView p, Optional<ProviderType> type) {
    Optional<MappingView.Entry> e = p.get("api_version");
    if (e.isEmpty()) {
      return null;
    }
    if (type.isPresent() && type.get() != ProviderType.AZURE_OPENAI) {
      problems.error(e.get().keyNode(), e.get().path(),
          "api_version applies only to type azure-openai, not " + type.get().configName());
      return null;
    }
    // The plain scalar 2024-10-21 is a YAML timestamp; the node keeps the text as written.
    Optional<String> text = ctx.text(e.get().value(), e.get().path()).map(String::trim);
    if (text.isPresent() && text.get().isEmpty()) {
      problems.error(e.get().value(), e.get().path(), "api_version is empty");
      return null;
    }
    return text.orElse(null);
  }

  private Map<String, String> readHeaders(MappingView p) {
    Map<String, String> headers = new LinkedHashMap<>();
    Optional<MappingView.Entry> e = p.get("headers");
    if (e.isEmpty()) {
      return headers;
    }
    Optional<MappingView> block = ctx.mapping(e.get().value(), e.get().path());
    if (block.isEmpty()) {
      return headers;
    }
    Map<String, String> seenLowerCase = new HashMap<>();
    for (MappingView.Entry h : block.get().entries()) {
      if (!HEADER_NAME.matcher(h.key()).matches()) {
        problems.error(h.keyNode(), h.path(), "'" + h.key() + "' is not a valid header name");
        continue;
      }
      String previous = seenLowerCase.putIfAbsent(h.key().toLowerCase(Locale.ROOT), h.key());
      if (previous != null) {
        problems.error(h.keyNode(), h.path(), "header '" + h.key() + "' repeats '" + previous
            + "' (header names ignore case)");
        continue;
      }
      Optional<String> value = ctx.text(h.value(), h.path());
      if (value.isEmpty()) {
        continue;
      }
      if (value.get().indexOf('\r') >= 0 || value.get().indexOf('\n') >= 0) {
        problems.error(h.value(), h.path(), "a header value must not contain line breaks");
        continue;
      }
      headers.put(h.key(), value.get());
    }
    return headers;
  }
}
