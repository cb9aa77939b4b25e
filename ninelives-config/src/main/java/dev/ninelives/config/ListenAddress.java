package dev.ninelives.config;

import java.util.Objects;

/**
 * The {@code listen:} value: {@code host:port}, {@code [ipv6]:port}, or just a port on the
 * default host. Immutable.
 */
record ListenAddress(String host, int port) {
  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 4000;
  static final ListenAddress DEFAULT = new ListenAddress(DEFAULT_HOST, DEFAULT_PORT);

  private static final String FORM = "host:port (such as 127.0.0.1:4000) or a port number";

  ListenAddress {
    Objects.requireNonNull(host, "host");
  }

  static Parsed<ListenAddress> parse(String text) {
    String t = text.trim();
    if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
      Parsed<Integer> port = port(t, text);
      return port.isOk() ? Parsed.ok(new ListenAddress(DEFAULT_HOST, port.value()))
          : Parsed.fail(port.error());
    }
    int colon = t.lastIndexOf(':');
    if (colon < 0) {
      return Parsed.fail("expected " + FORM + ", got " + Values.quote(text));
    }
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      return Parsed.fail("an IPv6 address needs brackets, such as [::1]:4000, got "
          + Values.quote(text));
    }
    if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
      return Parsed.fail("expected " + FORM + ", got " + Values.quote(text));
    }
    Parsed<Integer> port = port(t.substring(colon + 1), text);
    return port.isOk() ? Parsed.ok(new ListenAddress(host, port.value()))
        : Parsed.fail(port.error());
  }

  private static Parsed<Integer> port(String digits, String text) {
    if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
      return Parsed.fail("expected " + FORM + ", got " + Values.quote(text));
    }
    int port = Integer.parseInt(digits);
    if (port > 65535) {
      return Parsed.fail("port must be 0..65535, got " + port);
    }
    return Parsed.ok(port);
  }
}
