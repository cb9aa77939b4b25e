package dev.ninelives.uptime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The store's line format: one JSON object per line, UTF-8, readable with any JSON tool.
 *
 * <pre>
 * {"at":"2026-11-24T10:03:00Z","kind":"target","name":"primary/m1","n":{"server-error":3,"success":12},"out":true}
 * {"hour":"2026-11-14T10:00:00Z","kind":"target","name":"primary/m1","n":{...},"up":"fffffffffffffff"}
 * </pre>
 *
 * A minute line has {@code at}; an hour line has {@code hour} and bit masks of its minutes as
 * hexadecimal strings. Stateless and thread-safe.
 */
final class Lines {
  private static final JsonFactory JSON = new JsonFactory();
  private static final long ALL_MINUTES = (1L << 60) - 1;

  private Lines() {
  }

  static String encode(MinuteLine m) {
    return write(g -> {
      g.writeStringField("at", Instant.ofEpochSecond(m.minute() * 60).toString());
      fields(g, m.kind(), m.name(), m.counts(), m.failedOver());
      if (m.out()) {
        g.writeBooleanField("out", true);
      }
    });
  }

  static String encode(HourLine h) {
    return write(g -> {
      g.writeStringField("hour", Instant.ofEpochSecond(h.hour() * 60).toString());
      fields(g, h.kind(), h.name(), h.counts(), h.failedOver());
      mask(g, "up", h.up());
      mask(g, "degraded", h.degraded());
      mask(g, "down", h.down());
      mask(g, "alive", h.alive());
    });
  }

  private static void fields(JsonGenerator g, Kind kind, String name, Map<String, Long> counts,
      long failedOver) throws IOException {
    g.writeStringField("kind", kind.label());
    g.writeStringField("name", name);
    if (!counts.isEmpty()) {
      g.writeObjectFieldStart("n");
      for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
    if (failedOver > 0) {
      g.writeNumberField("failed_over", failedOver);
    }
  }

  private static void mask(JsonGenerator g, String field, long mask) throws IOException {
    if (mask != 0) {
      g.writeStringField(field, Long.toHexString(mask));
    }
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter(160);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Reads one line: a {@link MinuteLine} or an {@link HourLine}.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static Object decode(String line) {
    Instant at = null;
    Instant hour = null;
    Kind kind = null;
    String name = null;
    Map<String, Long> counts = new TreeMap<>();
    long failedOver = 0;
    boolean out = false;
    long[] masks = new long[4];
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "at":
            at = instant(p);
            break;
          case "hour":
            hour = instant(p);
            break;
          case "kind":
            kind = Kind.of(p.getValueAsString());
            if (kind == null) {
              throw new IllegalArgumentException("unknown kind " + p.getText());
            }
            break;
          case "name":
            name = p.getValueAsString();
            break;
          case "n":
            if (value != JsonToken.START_OBJECT) {
              throw new IllegalArgumentException("'n' is not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String label = p.currentName();
              p.nextToken();
              counts.merge(label, count(p), Long::sum);
            }
            break;
          case "failed_over":
            failedOver = count(p);
            break;
          case "out":
            out = value == JsonToken.VALUE_TRUE;
            break;
          case "up":
            masks[0] = mask(p);
            break;
          case "degraded":
            masks[1] = mask(p);
            break;
          case "down":
            masks[2] = mask(p);
            break;
          case "alive":
            masks[3] = mask(p);
            break;
          default:
            p.skipChildren(); // a field a later version added
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IllegalArgumentException("not one complete JSON object");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON", e);
    }
    if (kind == null || name == null || name.isEmpty()) {
      throw new IllegalArgumentException("no kind or name");
    }
    if ((at == null) == (hour == null)) {
      throw new IllegalArgumentException("needs exactly one of 'at' and 'hour'");
    }
    if (at != null) {
      return new MinuteLine(kind, name, minuteOf(at, 60), counts, failedOver, out);
    }
    return new HourLine(kind, name, minuteOf(hour, 3600), counts, failedOver, masks[0],
        masks[1], masks[2], masks[3]);
  }

  private static Instant instant(JsonParser p) throws IOException {
    try {
      return Instant.parse(p.getValueAsString(""));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an instant: " + p.getText());
    }
  }

  private static long minuteOf(Instant t, long alignSeconds) {
    if (t.getNano() != 0 || Math.floorMod(t.getEpochSecond(), alignSeconds) != 0) {
      throw new IllegalArgumentException(t + " is not the start of a "
          + (alignSeconds == 60 ? "minute" : "hour"));
    }
    return t.getEpochSecond() / 60;
  }

  private static long count(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0) {
      throw new IllegalArgumentException("a count is not a whole number of zero or more");
    }
    return p.getLongValue();
  }

  private static long mask(JsonParser p) throws IOException {
    try {
      long m = Long.parseUnsignedLong(p.getValueAsString(""), 16);
      if ((m & ~ALL_MINUTES) != 0) {
        throw new IllegalArgumentException("a minute mask has more than 60 bits");
      }
      return m;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a minute mask: " + p.getText());
    }
  }
}
