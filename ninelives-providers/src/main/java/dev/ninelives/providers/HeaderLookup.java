package dev.ninelives.providers;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one response header by name, ignoring case, so the relay can hand over its HTTP
 * library's header map (e.g. {@code headers::get} on a Vert.x {@code MultiMap}) without copying.
 *
 * <p>Implementations must be safe to call from the thread that classifies the response.
 */
@FunctionalInterface
public interface HeaderLookup {
  /** A lookup with no headers at all. */
  HeaderLookup NONE = name -> null;

  /**
   * The value of header {@code name} (any case), the first one if repeated, or null.
   *
   * @param name a lower-case header name
   */
  String get(String name);

  /** A lookup over a plain map, matching names case-insensitively (handy in tests). */
  static HeaderLookup of(Map<String, String> headers) {
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    return copy::get;
  }
}
